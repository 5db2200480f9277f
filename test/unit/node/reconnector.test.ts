import type { Client } from 'ssh2';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ConnectFailure } from '../../../shared/contract/index';
import { SshConnectError } from '../../../electron/node/ssh/connectErrors';
import { Reconnector, type ReconnectProgress } from '../../../electron/node/ssh/reconnector';

/** A stand-in client: the reconnector only hands it on, or ends it when cancelled meanwhile. */
function fakeClient(): Client & { ended: boolean } {
  const client = {
    ended: false,
    end() {
      client.ended = true;
    },
  };
  return client as unknown as Client & { ended: boolean };
}

interface Run {
  reconnector: Reconnector;
  progress: ReconnectProgress[];
  opens: number;
  restored: Client[];
  gaveUp: { failure: ConnectFailure; message: string }[];
}

/** A reconnector whose attempts fail with `failures` in turn, then open. */
function run(failures: (ConnectFailure | Error)[], open?: () => Promise<Client>): Run {
  const result: Run = {
    reconnector: undefined as unknown as Reconnector,
    progress: [],
    opens: 0,
    restored: [],
    gaveUp: [],
  };
  result.reconnector = new Reconnector(
    {
      open: async () => {
        result.opens += 1;
        const next = failures.shift();
        if (next instanceof Error) throw next;
        if (next) throw new SshConnectError(next, `attempt failed: ${next}`);
        return open ? open() : fakeClient();
      },
      progress: (p) => result.progress.push(p),
      restored: (client) => result.restored.push(client),
      gaveUp: (failure, message) => result.gaveUp.push({ failure, message }),
    },
    1_000_000,
    { delayMs: (attempt) => attempt * 100, now: () => Date.now() },
  );
  return result;
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('Reconnector', () => {
  it('retries a network failure after its backoff delay, then restores', async () => {
    const r = run(['refused', 'timeout', 'closed']);
    r.reconnector.start();
    expect(r.progress.at(-1)).toMatchObject({ attempt: 1, lostAt: 1_000_000 });
    expect(r.progress.at(-1)?.nextTryAt).toBe(Date.now() + 100);
    await vi.advanceTimersByTimeAsync(99);
    expect(r.opens).toBe(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(r.opens).toBe(1);
    // Attempt 2 waits 200 ms, attempt 3 300 ms, attempt 4 400 ms (the test's schedule).
    await vi.advanceTimersByTimeAsync(200);
    expect(r.opens).toBe(2);
    expect(r.progress.at(-1)).toMatchObject({ attempt: 3, lastError: 'attempt failed: timeout' });
    await vi.advanceTimersByTimeAsync(300 + 400);
    expect(r.opens).toBe(4);
    expect(r.restored).toHaveLength(1);
    expect(r.gaveUp).toEqual([]);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(r.opens).toBe(4);
  });

  it.each<ConnectFailure>([
    'auth',
    'key-file',
    'passphrase',
    'host-key-changed',
    'host-key-rejected',
  ])('gives up at once on %s: no second attempt', async (failure) => {
    const r = run([failure, 'refused']);
    r.reconnector.start();
    await vi.advanceTimersByTimeAsync(100);
    expect(r.gaveUp).toEqual([{ failure, message: `attempt failed: ${failure}` }]);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(r.opens).toBe(1);
  });

  it('treats an unexplained error as a network failure and retries', async () => {
    const r = run([new Error('socket hang up')]);
    r.reconnector.start();
    await vi.advanceTimersByTimeAsync(100 + 200);
    expect(r.opens).toBe(2);
    expect(r.restored).toHaveLength(1);
  });

  it('tries now on request, skipping the wait, but never two attempts at once', async () => {
    let release: (client: Client) => void = () => undefined;
    const r = run([], () => new Promise<Client>((resolve) => (release = resolve)));
    r.reconnector.start();
    expect(r.reconnector.tryNow()).toBe(true);
    await vi.advanceTimersByTimeAsync(0);
    expect(r.opens).toBe(1);
    expect(r.progress.at(-1)?.nextTryAt).toBeNull();
    expect(r.reconnector.tryNow()).toBe(false);
    await vi.advanceTimersByTimeAsync(1000);
    expect(r.opens).toBe(1);
    release(fakeClient());
    await vi.advanceTimersByTimeAsync(0);
    expect(r.restored).toHaveLength(1);
  });

  it('stops when cancelled, and ends a client that opens after the cancel', async () => {
    let release: (client: Client) => void = () => undefined;
    const r = run(['refused'], () => new Promise<Client>((resolve) => (release = resolve)));
    r.reconnector.start();
    await vi.advanceTimersByTimeAsync(100 + 200);
    expect(r.opens).toBe(2);
    r.reconnector.cancel();
    const late = fakeClient();
    release(late);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(late.ended).toBe(true);
    expect(r.restored).toEqual([]);
    expect(r.reconnector.tryNow()).toBe(false);
    expect(r.opens).toBe(2);
  });
});
