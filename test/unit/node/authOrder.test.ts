import type { AnyAuthMethod } from 'ssh2';
import { describe, expect, it } from 'vitest';
import type { AuthMethod } from '../../../shared/contract/hosts';
import { AuthOrder } from '../../../electron/node/ssh/authOrder';
import type { SshConnectError } from '../../../electron/node/ssh/connectErrors';
import { InteractiveAuth, type SecretRequest } from '../../../electron/node/ssh/interactiveAuth';

function order(preference: readonly AuthMethod[], keys: number) {
  const asked: SecretRequest[] = [];
  const failures: SshConnectError[] = [];
  const interactive = new InteractiveAuth({
    user: 'ops',
    where: 'ops@db1',
    ask: async (request) => {
      asked.push(request);
      return { answers: request.fields.map(() => 'secret'), remember: false };
    },
    fail: (error) => failures.push(error),
    pauseTimer: () => undefined,
    resumeTimer: () => undefined,
  });
  const keySteps = Array.from({ length: keys }, (_, i) => async (): Promise<AnyAuthMethod> => ({
    type: 'publickey',
    username: 'ops',
    key: `k${i}`,
  }));
  return { order: new AuthOrder('ops', preference, keySteps, interactive), asked, failures };
}

const ALL = ['publickey', 'keyboard-interactive', 'password'] as const;

describe('the order of login methods', () => {
  it('probes with "none" first, asking nothing, then follows the preference, not the server', async () => {
    const { order: o, asked } = order(ALL, 1);
    expect((await o.next(null))?.type).toBe('none');
    expect(asked).toHaveLength(0);
    const offer = ['password', 'keyboard-interactive', 'publickey'];
    expect((await o.next(offer))?.type).toBe('publickey');
    expect(asked).toHaveLength(0);
    expect((await o.next(offer))?.type).toBe('keyboard-interactive');
    // keyboard-interactive asks inside its rounds; it is offered again after a refusal.
    expect((await o.next(offer))?.type).toBe('keyboard-interactive');
    expect((await o.next(['password']))?.type).toBe('password');
    expect(asked.map((r) => r.method)).toEqual(['password']);
    expect((await o.next(['password']))?.type).toBe('password');
    expect(asked[1]?.retryReason).toMatch(/did not accept that password/);
    expect(asked[1]?.attempt).toBe(2);
  });

  it('skips what the profile does not allow and what the server does not offer', async () => {
    const { order: o, asked } = order(['password'], 2);
    await o.next(null);
    expect(await o.next(['publickey', 'keyboard-interactive'])).toBeNull();
    expect(asked).toHaveLength(0);
    expect(o.refusal('db1', 'key file a').message).toBe(
      'db1 offers publickey, keyboard-interactive to user "ops"; this host\'s profile allows password.',
    );
  });

  it('says no key or agent is set when the server wants keys only', async () => {
    const { order: o } = order(ALL, 0);
    await o.next(null);
    expect(await o.next(['publickey'])).toBeNull();
    expect(o.refusal('db1', '')).toEqual({
      failure: 'key-file',
      message:
        'db1 offers publickey to user "ops", but no key file is set and no ssh-agent is available (SSH_AUTH_SOCK is not set).',
    });
  });

  it('lists what was tried, and only keys the server asked for', async () => {
    const { order: o } = order(ALL, 1);
    await o.next(null);
    await o.next(['password']);
    await o.next(['password']);
    expect(await o.next([])).toBeNull();
    expect(o.refusal('db1', 'key file a').message).toBe(
      'db1 refused to log in user "ops" with password (2 tries): the password or answers were wrong, or the user does not exist.',
    );
  });
});

describe("a keyboard-interactive round's text", () => {
  it('reaches the prompt made safe, with echo honoured, and answers in order', async () => {
    const { order: o, asked } = order(['keyboard-interactive'], 0);
    await o.next(null);
    const method = await o.next(['keyboard-interactive']);
    if (method?.type !== 'keyboard-interactive') throw new Error('expected keyboard-interactive');
    const answers = await new Promise<string[]>((resolve) =>
      method.prompt(
        '\x1b]0;owned\x07Bank',
        'line one\n\x1b[2Jline two',
        '',
        [
          { prompt: 'Password: ', echo: false },
          { prompt: 'Code\u202e:', echo: true },
        ],
        resolve,
      ),
    );
    expect(answers).toEqual(['secret', 'secret']);
    expect(asked[0]).toMatchObject({
      method: 'keyboard-interactive',
      title: '^[]0;owned^GBank',
      instructions: 'line one\n^[[2Jline two',
      fields: [
        { text: 'Password: ', echo: false },
        { text: 'Code:', echo: true },
      ],
    });
  });

  it('ends the attempt when a server asks more questions than a dialog shows', async () => {
    const { order: o, asked, failures } = order(['keyboard-interactive'], 0);
    await o.next(null);
    const method = await o.next(['keyboard-interactive']);
    if (method?.type !== 'keyboard-interactive') throw new Error('expected keyboard-interactive');
    const many = Array.from({ length: 50 }, () => ({ prompt: 'Q:', echo: false }));
    method.prompt('', '', '', many, () => undefined);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(asked).toHaveLength(0);
    expect(failures[0]?.message).toMatch(/asked 50 questions at once/);
  });
});
