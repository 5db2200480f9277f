import { describe, expect, it } from 'vitest';
import { HeldAnswers } from '../../../electron/node/ssh/heldAnswers';

/** An asker that answers from a list and counts how often it was asked. */
function asker<T>(answers: T[]): { ask: () => Promise<T>; asked: () => number } {
  let asked = 0;
  return {
    ask: async () => {
      asked += 1;
      const answer = answers.shift();
      if (answer === undefined) throw new Error('asked more often than expected');
      return answer;
    },
    asked: () => asked,
  };
}

describe('HeldAnswers', () => {
  it('answers a key passphrase from memory on a first try, and asks again on a retry', async () => {
    const held = new HeldAnswers();
    const user = asker<string | null>(['first', 'second']);
    const key = { keyPath: '/k', attempt: 1 };
    expect(await held.passphrase(key, user.ask)).toBe('first');
    expect(await held.passphrase(key, user.ask)).toBe('first');
    expect(user.asked()).toBe(1);
    // The held one no longer opens the key (attempt 2): the user is asked, and that is kept.
    expect(await held.passphrase({ keyPath: '/k', attempt: 2 }, user.ask)).toBe('second');
    expect(await held.passphrase(key, user.ask)).toBe('second');
    expect(user.asked()).toBe(2);
  });

  it('holds nothing for a cancelled prompt, and nothing after forget', async () => {
    const held = new HeldAnswers();
    const user = asker<string | null>([null, 'typed', 'again']);
    const key = { keyPath: '/k', attempt: 1 };
    expect(await held.passphrase(key, user.ask)).toBeNull();
    expect(await held.passphrase(key, user.ask)).toBe('typed');
    held.forget();
    expect(await held.passphrase(key, user.ask)).toBe('again');
    expect(user.asked()).toBe(3);
  });

  it('does not ask again for a host key accepted for the same host, port and fingerprint', async () => {
    const held = new HeldAnswers();
    const user = asker([true, false, true]);
    const key = { host: 'web1', port: 22, fingerprint: 'SHA256:aaa' };
    expect(await held.hostKey(key, user.ask)).toBe(true);
    expect(await held.hostKey(key, user.ask)).toBe(true);
    expect(user.asked()).toBe(1);
    // Another key, or the same key on another port: asked.
    expect(await held.hostKey({ ...key, fingerprint: 'SHA256:bbb' }, user.ask)).toBe(false);
    expect(await held.hostKey({ ...key, port: 2222 }, user.ask)).toBe(true);
    expect(user.asked()).toBe(3);
  });
});
