import { beforeEach, describe, expect, it } from 'vitest';
import { dispatchRequest } from '../../../shared/contract/dispatch';
import type { WorkbenchHandlers } from '../../../shared/contract/index';

const calls: unknown[] = [];
const handlers = new Proxy({} as WorkbenchHandlers, {
  get: (_target, method) => async (args: unknown) => {
    calls.push({ method, args });
    if (method === 'ssh.connect') throw new Error('refused the connection');
    return method === 'hosts.list' ? [] : { ok: true };
  },
});

describe('dispatchRequest', () => {
  beforeEach(() => {
    calls.length = 0;
  });

  it('refuses unknown methods, including inherited property names', async () => {
    for (const method of ['nope', '__proto__', 'constructor', 42]) {
      const result = await dispatchRequest(handlers, method, {});
      expect(result).toMatchObject({ ok: false, reason: { name: 'UnknownMethod' } });
    }
    expect(calls).toEqual([]);
  });

  it('validates the payload before calling the handler, without echoing the value', async () => {
    const result = await dispatchRequest(handlers, 'ssh.answerPrompt', {
      promptId: 'p_bad id',
      kind: 'passphrase',
      secret: 12345678,
    });
    expect(result.ok).toBe(false);
    expect(JSON.stringify(result)).not.toContain('12345678');
    expect(calls).toEqual([]);
  });

  it('rejects hosts and users that could smuggle options or shell syntax', async () => {
    for (const host of ['-oProxyCommand=x', 'a;b', 'a b', '$(id)']) {
      const result = await dispatchRequest(handlers, 'hosts.save', {
        host,
        user: 'root',
        keyPath: '/k',
      });
      expect(result.ok, host).toBe(false);
    }
    for (const user of ['-l root', '-oProxyCommand=x', '@root', 'a b', 'a;b', '$(id)', 'a\nb']) {
      const badUser = await dispatchRequest(handlers, 'hosts.save', {
        host: 'h',
        user,
        keyPath: '/k',
      });
      expect(badUser.ok, user).toBe(false);
    }
  });

  it('accepts user names with "@" (directory users), which are legal', async () => {
    for (const user of ['ops@corp.example', 'first.last@AD', 'svc_web@x-y']) {
      const saved = await dispatchRequest(handlers, 'hosts.save', {
        host: 'h',
        user,
        keyPath: '/k',
      });
      expect(saved.ok, user).toBe(true);
    }
  });

  it('applies defaults and passes the parsed value; errors come back as data', async () => {
    const saved = await dispatchRequest(handlers, 'hosts.save', {
      host: 'db1',
      user: 'root',
      keyPath: '~/.ssh/id',
    });
    expect(saved.ok).toBe(true);
    expect(calls.at(-1)).toEqual({
      method: 'hosts.save',
      args: { host: 'db1', user: 'root', keyPath: '~/.ssh/id', port: 22 },
    });
    const failed = await dispatchRequest(handlers, 'ssh.connect', { hostId: 'h_abcdef12' });
    expect(failed).toEqual({
      ok: false,
      reason: { name: 'Error', message: 'refused the connection' },
    });
  });
});
