// Agents that do not set SSH_AUTH_SOCK (1Password, Secretive): a real OpenSSH ssh-agent listening
// where 1Password's would, under a temporary HOME.

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { findAgentSocket } from '../../electron/node/ssh/agentSocket';
import { startLabAgent, type LabAgent } from '../lab/sshAgent';
import { startLabSshd, type LabSshd } from '../lab/sshd';
import { failureOf, TestWorkbench } from './harness';

let lab: LabSshd;
let home: string;
let agent: LabAgent | undefined;
let bench: TestWorkbench | undefined;
const saved = { HOME: process.env.HOME, SSH_AUTH_SOCK: process.env.SSH_AUTH_SOCK };

beforeAll(async () => {
  lab = await startLabSshd();
});
afterAll(async () => {
  await lab?.stop();
});
beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), 'wb-home-'));
  process.env.HOME = home;
  delete process.env.SSH_AUTH_SOCK;
});
afterEach(async () => {
  await bench?.dispose();
  bench = undefined;
  await agent?.stop();
  agent = undefined;
  for (const [name, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  rmSync(home, { recursive: true, force: true });
});

/** A workbench that finds its agent as the app does: SSH_AUTH_SOCK, then the known sockets. */
const appLikeBench = (): TestWorkbench =>
  new TestWorkbench(undefined, undefined, undefined, { agentSocket: undefined });

describe("1Password's agent socket when SSH_AUTH_SOCK is unset", () => {
  it('is found under HOME, used, and named in the connection info', async () => {
    mkdirSync(join(home, '.1password'));
    const socket = join(home, '.1password', 'agent.sock');
    agent = await startLabAgent({ socket });
    await agent.add(lab.keys.ed25519);
    bench = appLikeBench();
    const info = await bench.connect(await bench.addHost(lab, undefined, { agent: true }), {
      hostKey: true,
    });
    expect(info.state).toBe('connected');
    expect(info.message).toBe(`Agent: 1Password's SSH agent (${socket}).`);
  });

  it('names the agent when its keys are refused', async () => {
    mkdirSync(join(home, '.1password'));
    agent = await startLabAgent({ socket: join(home, '.1password', 'agent.sock') });
    await agent.add(lab.keys.unauthorized);
    bench = appLikeBench();
    const host = await bench.addHost(lab, undefined, { agent: true });
    const error = await failureOf(bench.connect(host, { hostKey: true }));
    expect(error.message).toContain(
      `refused to log in user "${lab.user}" with 1Password's SSH agent's keys`,
    );
  });

  it('is not used when it is not a socket, nor when SSH_AUTH_SOCK is set', async () => {
    mkdirSync(join(home, '.1password'));
    writeFileSync(join(home, '.1password', 'agent.sock'), 'not a socket');
    expect(await findAgentSocket({}, home, 'linux')).toBeNull();
    bench = appLikeBench();
    const error = await failureOf(
      bench.connect(await bench.addHost(lab, undefined, { agent: true })),
    );
    expect(error.message).toContain('no 1Password or Secretive agent socket was found');

    expect(await findAgentSocket({ SSH_AUTH_SOCK: '/run/agent' }, home, 'linux')).toEqual({
      socket: '/run/agent',
      name: 'the ssh-agent',
    });
  });

  it("looks where macOS keeps 1Password's and Secretive's sockets", async () => {
    const secretive = join(home, 'Library/Containers/com.maxgoedjen.Secretive.SecretAgent/Data');
    mkdirSync(secretive, { recursive: true });
    agent = await startLabAgent({ socket: join(secretive, 'socket.ssh') });
    expect(await findAgentSocket({}, home, 'darwin')).toEqual({
      socket: join(secretive, 'socket.ssh'),
      name: "Secretive's agent",
    });
    // On Linux that path means nothing.
    expect(await findAgentSocket({}, home, 'linux')).toBeNull();
  });
});
