// Authentication against the lab sshd: a real ssh-agent started by the test, and several key files.

import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SshConnectError } from '../../electron/node/ssh/connectErrors';
import { startLabAgent, type LabAgent } from '../lab/sshAgent';
import { startLabSshd, type LabSshd } from '../lab/sshd';
import { TestWorkbench } from './harness';

const run = promisify(execFile);

let lab: LabSshd;
let agent: LabAgent | undefined;
let bench: TestWorkbench | undefined;

beforeAll(async () => {
  lab = await startLabSshd();
});
afterAll(async () => {
  await lab?.stop();
});
afterEach(async () => {
  await bench?.dispose();
  bench = undefined;
  await agent?.stop();
  agent = undefined;
});

async function fingerprint(keyPath: string): Promise<string> {
  const { stdout } = await run('ssh-keygen', ['-l', '-E', 'sha256', '-f', `${keyPath}.pub`]);
  return stdout.split(' ')[1] ?? '';
}

async function agentHolding(...keys: string[]): Promise<LabAgent> {
  const started = await startLabAgent();
  for (const key of keys) await started.add(key);
  return started;
}

async function failureOf(promise: Promise<unknown>): Promise<SshConnectError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof SshConnectError)) throw new Error(`expected SshConnectError: ${error}`);
  return error;
}

const logSince = (from: number): string => readFileSync(lab.logPath, 'utf8').slice(from);

describe('the ssh-agent', () => {
  it('logs in with the agent key alone, with no key file', async () => {
    agent = await agentHolding(lab.keys.ed25519);
    bench = new TestWorkbench(undefined, agent.socket);
    const from = readFileSync(lab.logPath, 'utf8').length;
    const host = await bench.addHost(lab, undefined);
    const info = await bench.connect(host, { hostKey: true });
    expect(info.state).toBe('connected');
    expect(logSince(from)).toContain(`ED25519 ${await fingerprint(lab.keys.ed25519)}`);
  });

  it('is tried before the key file: an encrypted key file is never opened', async () => {
    agent = await agentHolding(lab.keys.ed25519);
    bench = new TestWorkbench(undefined, agent.socket);
    const host = await bench.addHost(lab, lab.keys.rsa);
    const info = await bench.connect(host, { hostKey: true });
    expect(info.state).toBe('connected');
    expect(bench.prompts.filter((p) => p.kind === 'passphrase')).toHaveLength(0);
  });

  it('gives way to the key file when its keys are refused', async () => {
    agent = await agentHolding(lab.keys.unauthorized);
    bench = new TestWorkbench(undefined, agent.socket);
    const from = readFileSync(lab.logPath, 'utf8').length;
    const host = await bench.addHost(lab, lab.keys.ed25519);
    const info = await bench.connect(host, { hostKey: true });
    expect(info.state).toBe('connected');
    const log = logSince(from);
    const refused = await fingerprint(lab.keys.unauthorized);
    const accepted = await fingerprint(lab.keys.ed25519);
    expect(log.indexOf(refused)).toBeGreaterThan(-1);
    expect(log.indexOf(refused)).toBeLessThan(log.indexOf(`Accepted publickey`));
    expect(log).toContain(`ED25519 ${accepted}`);
  });

  it('with IdentitiesOnly offers only the agent key matching the key file', async () => {
    agent = await agentHolding(lab.keys.unauthorized, lab.keys.ed25519);
    const unauthorized = await fingerprint(lab.keys.unauthorized);

    // Without it, the agent's first key (the unauthorized one) is offered first.
    bench = new TestWorkbench(undefined, agent.socket);
    let from = readFileSync(lab.logPath, 'utf8').length;
    const open = await bench.addHost(lab, lab.keys.ed25519);
    expect((await bench.connect(open, { hostKey: true })).state).toBe('connected');
    expect(logSince(from)).toContain(unauthorized);

    from = readFileSync(lab.logPath, 'utf8').length;
    const only = await bench.addHost(lab, lab.keys.ed25519, { identitiesOnly: true });
    expect((await bench.connect(only, {})).state).toBe('connected');
    const log = logSince(from);
    expect(log).toContain('Accepted publickey');
    expect(log).not.toContain(unauthorized);
  });

  it('says what was offered when nothing is accepted, and why the agent failed', async () => {
    agent = await agentHolding();
    bench = new TestWorkbench(undefined, agent.socket);
    const host = await bench.addHost(lab, undefined);
    const empty = await failureOf(bench.connect(host, { hostKey: true }));
    expect(empty.failure).toBe('auth');
    expect(empty.message).toContain(
      `refused to log in user "${lab.user}" with the ssh-agent's keys`,
    );
    await bench.dispose();

    bench = new TestWorkbench(undefined, join(lab.dir, 'no-such-agent.sock'));
    const dead = await failureOf(
      bench.connect(await bench.addHost(lab, undefined), { hostKey: true }),
    );
    expect(dead.failure).toBe('auth');
    expect(dead.message).toMatch(/ssh-agent: Failed to connect to agent/);
    await bench.dispose();

    bench = new TestWorkbench();
    const wantsAgent = await bench.addHost(lab, undefined, { agent: true });
    const none = await failureOf(bench.connect(wantsAgent));
    expect(none.message).toContain('SSH_AUTH_SOCK is not set');
    // The server is asked first (a password may be all it needs); it offers only keys here.
    const noWay = await failureOf(
      bench.connect(await bench.addHost(lab, undefined), { hostKey: true }),
    );
    expect(noWay.failure).toBe('key-file');
    expect(noWay.message).toMatch(/no key file is set and no ssh-agent/);
  });
});

describe('several key files (IdentityFile lines)', () => {
  it('tries them in order, skipping one that is missing, until one is accepted', async () => {
    bench = new TestWorkbench();
    const from = readFileSync(lab.logPath, 'utf8').length;
    const host = await bench.workbench.handlers['hosts.save']({
      host: lab.host,
      port: lab.port,
      user: lab.user,
      keyPath: lab.keys.unauthorized,
      extraKeyPaths: [join(lab.dir, 'no-such-key'), lab.keys.ed25519],
    });
    expect((await bench.connect(host, { hostKey: true })).state).toBe('connected');
    const log = logSince(from);
    const refused = log.indexOf(await fingerprint(lab.keys.unauthorized));
    expect(refused).toBeGreaterThan(-1);
    expect(refused).toBeLessThan(log.indexOf(`Accepted publickey`));
    expect(log).toContain(`ED25519 ${await fingerprint(lab.keys.ed25519)}`);
  });

  it('names every file offered, and the one skipped, when none is accepted', async () => {
    bench = new TestWorkbench();
    const missing = join(lab.dir, 'no-such-key');
    const host = await bench.workbench.handlers['hosts.save']({
      host: lab.host,
      port: lab.port,
      user: lab.user,
      keyPath: lab.keys.unauthorized,
      extraKeyPaths: [missing],
    });
    const error = await failureOf(bench.connect(host, { hostKey: true }));
    expect(error.failure).toBe('auth');
    expect(error.message).toContain(
      `with key file ${lab.keys.unauthorized}, then key file ${missing}:`,
    );
    expect(error.message).toContain(`Key file ${missing} does not exist.`);
  });
});
