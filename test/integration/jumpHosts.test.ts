// ProxyJump chains against real sshd instances in a line of network namespaces made by the test:
// this machine reaches jump 1 only; jump 1 reaches jump 2 only; only jump 2 reaches the target.

import { readFileSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, afterEach, beforeAll, describe, expect, it, type TestContext } from 'vitest';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { ConnectionInfo, type HostProfile, type JumpHop } from '../../shared/contract/index';
import { SshConnectError } from '../../electron/node/ssh/connectErrors';
import { patternsMatch } from '../../electron/node/ssh/knownHostsFormat';
import { remoteExec } from '../../electron/node/terminals/remoteExec';
import { makeNetnsLine, netnsUnavailable, type NetnsLine } from '../lab/netns';
import { startLabAgent, type LabAgent } from '../lab/sshAgent';
import { startLabSshd, type LabSshd } from '../lab/sshd';
import { TestWorkbench } from './harness';

const run = promisify(execFile);

let unavailable: string | null = null;
let line: NetnsLine | undefined;
const labs: LabSshd[] = [];
let bench: TestWorkbench | undefined;
let agent: LabAgent | undefined;

beforeAll(async () => {
  unavailable = await netnsUnavailable();
  if (unavailable) return;
  try {
    line = await makeNetnsLine(3);
  } catch (error) {
    unavailable = `could not build the namespaces: ${error instanceof Error ? error.message : String(error)}`;
    return;
  }
  for (const [index, name] of line.names.entries()) {
    const address = line.addresses[index] as string;
    labs.push(await startLabSshd({ netns: name, listenAddress: address, port: 2201 + index }));
  }
}, 120_000);

afterAll(async () => {
  for (const lab of labs) await lab.stop().catch(() => undefined);
  await line?.remove();
});
afterEach(async () => {
  await bench?.dispose();
  bench = undefined;
  await agent?.stop();
  agent = undefined;
});

function skipUnlessNamespaces(context: TestContext): boolean {
  if (!unavailable) return false;
  const reason = `SKIPPED: ${unavailable}; jump-host chains are not tested`;
  console.log(reason);
  context.skip(reason);
  return true;
}

const jump1 = (): LabSshd => labs[0] as LabSshd;
const jump2 = (): LabSshd => labs[1] as LabSshd;
const target = (): LabSshd => labs[2] as LabSshd;

type AddressHop = Extract<JumpHop, { host: string }> & { port: number };

function hop(lab: LabSshd, keyPath = lab.keys.ed25519): AddressHop {
  return { host: lab.host, port: lab.port, user: lab.user, keyPath };
}

function saveTarget(workbench: TestWorkbench, jump: AddressHop[]): Promise<HostProfile> {
  const lab = target();
  return workbench.workbench.handlers['hosts.save']({
    host: lab.host,
    port: lab.port,
    user: lab.user,
    keyPath: lab.keys.ed25519,
    jump,
  });
}

async function failureOf(promise: Promise<unknown>): Promise<SshConnectError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(SshConnectError);
  if (!(error instanceof SshConnectError)) throw new Error('not an SshConnectError');
  return error;
}

async function waitForLog(lab: LabSshd, pattern: RegExp, from: number): Promise<string> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const log = readFileSync(lab.logPath, 'utf8').slice(from);
    if (pattern.test(log) || Date.now() > deadline) return log;
    await sleep(100);
  }
}

describe('a target only a jump host can reach', () => {
  it('cannot be reached directly, nor through the first jump host alone', async (context) => {
    if (skipUnlessNamespaces(context)) return;
    bench = new TestWorkbench(3000);
    const direct = await bench.addHost(target(), target().keys.ed25519);
    const error = await failureOf(bench.connect(direct));
    expect(error.failure).toBe('unreachable');

    const oneHop = await saveTarget(bench, [hop(jump1())]);
    const viaOne = await failureOf(bench.connect(oneHop, { hostKey: true }));
    expect(viaOne.failure).toBe('unreachable');
    expect(viaOne.message).toContain(`Jump host 1 of 1 (${jump1().user}@[${jump1().host}]:2201)`);
    expect(viaOne.message).toContain(`could not open a connection to [${target().host}]:2203`);
  });

  it('is reached through two jump hosts, each host key asked for and recorded as [host]:port', async (context) => {
    if (skipUnlessNamespaces(context)) return;
    bench = new TestWorkbench();
    const profile = await saveTarget(bench, [hop(jump1()), hop(jump2())]);
    const info = await bench.connect(profile, { hostKey: true });
    expect(info.state).toBe('connected');

    const asked = bench.prompts.filter((p) => p.kind === 'host-key');
    expect(asked.map((p) => (p.kind === 'host-key' ? p.fingerprint : ''))).toEqual([
      jump1().hostKeyFingerprintSha256,
      jump2().hostKeyFingerprintSha256,
      target().hostKeyFingerprintSha256,
    ]);
    const knownHosts = readFileSync(join(bench.dataDir, 'known_hosts'), 'utf8').trim().split('\n');
    expect(knownHosts).toHaveLength(3);
    [jump1(), jump2(), target()].forEach((lab, index) => {
      const [name, ...key] = (knownHosts[index] ?? '').split(' ');
      expect(key.join(' ')).toBe(lab.hostPublicKey);
      expect(patternsMatch(name ?? '', lab.host, lab.port)).toBe(true);
    });

    // The shell runs in the target's namespace, and the target saw jump 2's address.
    const client = bench.workbench.connections.client(info.connectionId);
    const addresses = await remoteExec(client, 'ip -4 -o addr show');
    expect(addresses.stdout).toContain(target().host);
    const targetLog = readFileSync(target().logPath, 'utf8');
    expect(targetLog).toMatch(/Accepted publickey for \S+ from 10\.231\.\d+\.9 /);

    // The connection's record holds every hop's key, nearest first, accepted or trusted.
    const chainRecord = (record: typeof info.record) =>
      record?.hops.map((h) => [h.address, h.fingerprint]);
    const expected = [jump1(), jump2(), target()].map((lab) => [
      `${lab.user}@[${lab.host}]:${lab.port}`,
      lab.hostKeyFingerprintSha256,
    ]);
    expect(chainRecord(info.record)).toEqual(expected);

    // Connected again: every key is on record now, nothing is asked.
    const again = await bench.connect(profile, {});
    expect(again.state).toBe('connected');
    expect(bench.prompts).toHaveLength(3);
    expect(chainRecord(again.record)).toEqual(expected);
  });

  it('is reached through jump hosts named as saved profiles', async (context) => {
    if (skipUnlessNamespaces(context)) return;
    bench = new TestWorkbench();
    const save = bench.workbench.handlers['hosts.save'];
    const first = await save({ ...hop(jump1()), label: 'jump one' });
    const second = await save({ ...hop(jump2()), label: 'jump two' });
    const lab = target();
    const profile = await save({
      host: lab.host,
      port: lab.port,
      user: lab.user,
      keyPath: lab.keys.ed25519,
      jump: [{ hostId: first.id }, { hostId: second.id }],
    });
    expect((await bench.connect(profile, { hostKey: true })).state).toBe('connected');

    await bench.workbench.handlers['hosts.remove']({ hostId: second.id });
    const gone = await failureOf(bench.connect(profile, {}));
    expect(gone.message).toContain(`The jump host profile ${second.id}`);
  });

  it('closing the target closes every jump host of its chain', async (context) => {
    if (skipUnlessNamespaces(context)) return;
    bench = new TestWorkbench();
    const profile = await saveTarget(bench, [hop(jump1()), hop(jump2())]);
    const info = await bench.connect(profile, { hostKey: true });
    const logFrom = readFileSync(jump1().logPath, 'utf8').length;
    expect(bench.workbench.connections.disconnect(info.connectionId)).toBe(true);
    const log = await waitForLog(jump1(), /Disconnected from|Connection closed by/, logFrom);
    expect(log).toMatch(/Disconnected from|Connection closed by/);
  });

  it('names the hop whose key is refused, and stops there', async (context) => {
    if (skipUnlessNamespaces(context)) return;
    bench = new TestWorkbench();
    const targetLogFrom = readFileSync(target().logPath, 'utf8').length;
    // Jump 2 is given jump 1's key, which jump 2 does not authorize.
    const profile = await saveTarget(bench, [hop(jump1()), hop(jump2(), jump1().keys.ed25519)]);
    const error = await failureOf(bench.connect(profile, { hostKey: true }));
    expect(error.failure).toBe('auth');
    expect(error.message).toMatch(
      /^Jump host 2 of 2 \(\S+@\[10\.231\.\d+\.6\]:2202\): .*refused to log in/,
    );
    expect(readFileSync(target().logPath, 'utf8').slice(targetLogFrom)).not.toMatch(
      /Connection from/,
    );
  });

  it('imports the chain from an ssh config (ProxyJump of a ProxyJump) and connects through it', async (context) => {
    if (skipUnlessNamespaces(context)) return;
    const entry = (alias: string, lab: LabSshd, more: string[]): string[] => [
      `Host ${alias}`,
      `  HostName ${lab.host}`,
      `  Port ${lab.port}`,
      `  User ${lab.user}`,
      `  IdentityFile ${lab.keys.ed25519}`,
      ...more,
    ];
    const config = join(jump1().dir, 'ssh_config');
    writeFileSync(
      config,
      [
        ...entry('wb-jump1', jump1(), []),
        ...entry('wb-jump2', jump2(), ['  ProxyJump wb-jump1']),
        ...entry('wb-target', target(), ['  ProxyJump wb-jump2']),
        'Host *.wild',
        '  User nobody',
        '',
      ].join('\n'),
    );
    bench = new TestWorkbench(undefined, undefined, config);
    const result = await bench.workbench.handlers['hosts.importSshConfig']({});
    expect(result.failed).toEqual([]);
    expect(result.imported.map((p) => p.label)).toEqual(['wb-jump1', 'wb-jump2', 'wb-target']);
    const imported = result.imported[2] as HostProfile;
    expect(imported.jump).toEqual([hop(jump1()), hop(jump2())]);

    const info = await bench.connect(imported, { hostKey: true });
    expect(info.state).toBe('connected');
    expect(bench.prompts).toHaveLength(3);

    const again = await bench.workbench.handlers['hosts.importSshConfig']({});
    expect(again.imported.map((p) => p.id)).toEqual(result.imported.map((p) => p.id));
    expect(await bench.workbench.handlers['hosts.list']({})).toHaveLength(3);
  });

  it('sends nothing to a target whose host key is rejected', async (context) => {
    if (skipUnlessNamespaces(context)) return;
    bench = new TestWorkbench();
    // Both jump hosts are already trusted; only the target's key is asked about, and refused.
    writeFileSync(
      join(bench.dataDir, 'known_hosts'),
      `${jump1().knownHostsLine()}\n${jump2().knownHostsLine()}\n`,
    );
    const logFrom = readFileSync(target().logPath, 'utf8').length;
    const profile = await saveTarget(bench, [hop(jump1()), hop(jump2())]);
    const error = await failureOf(bench.connect(profile, { hostKey: false }));
    expect(error.failure).toBe('host-key-rejected');
    expect(error.message).toMatch(
      /^Target \S+@\[10\.231\.\d+\.10\]:2203 \(through 2 jump hosts\): /,
    );
    expect(bench.prompts).toHaveLength(1);
    const log = await waitForLog(
      target(),
      /Connection (closed|reset)|Disconnected|disconnect/,
      logFrom,
    );
    expect(log).toMatch(/Connection from 10\.231\.\d+\.9/);
    expect(log).not.toMatch(/publickey|Accepted|Failed/);
  });
});

/** An ssh-agent of the test's own, holding `keys` (ssh-add), in that order. */
async function agentHolding(...keys: string[]): Promise<LabAgent> {
  agent = await startLabAgent();
  for (const key of keys) await agent.add(key);
  return agent;
}

async function fingerprint(keyPath: string): Promise<string> {
  const { stdout } = await run('ssh-keygen', ['-l', '-E', 'sha256', '-f', `${keyPath}.pub`]);
  return stdout.split(' ')[1] ?? '';
}

/** Waits (10 s at most) until `lab`'s sshd greets a TCP connection from this machine. */
async function waitForGreeting(lab: LabSshd): Promise<void> {
  const deadline = Date.now() + 10_000;
  const greets = (): Promise<boolean> =>
    new Promise((resolve) => {
      const socket = connect({ host: lab.host, port: lab.port });
      const done = (answer: boolean): void => {
        socket.destroy();
        resolve(answer);
      };
      socket.setTimeout(1_000, () => done(false));
      socket.once('error', () => done(false));
      socket.once('data', (chunk: Buffer) => done(chunk.toString('latin1').startsWith('SSH-')));
    });
  while (!(await greets()) && Date.now() < deadline) await sleep(200);
}

const logLength = (lab: LabSshd): number => readFileSync(lab.logPath, 'utf8').length;
const logSince = (lab: LabSshd, from: number): string =>
  readFileSync(lab.logPath, 'utf8').slice(from);

describe("a jump host's own options, as a direct connection to it would have them", () => {
  /** The target through one hop: jump 2 (reached through jump 1). */
  const throughJump1 = (
    workbench: TestWorkbench,
    jump: NonNullable<HostProfile['jump']>[number],
  ): Promise<HostProfile> =>
    workbench.workbench.handlers['hosts.save']({
      host: jump2().host,
      port: jump2().port,
      user: jump2().user,
      keyPath: jump2().keys.ed25519,
      jump: [jump],
    });

  it('a hop profile whose only usable key is an extra key file gets through', async (context) => {
    if (skipUnlessNamespaces(context)) return;
    bench = new TestWorkbench();
    const from = logLength(jump1());
    // Its first key file is not authorized on jump 1; its second one is.
    const first = await bench.workbench.handlers['hosts.save']({
      ...hop(jump1(), jump1().keys.unauthorized),
      extraKeyPaths: [jump1().keys.ed25519],
      label: 'jump one',
    });
    const profile = await throughJump1(bench, { hostId: first.id });
    expect((await bench.connect(profile, { hostKey: true })).state).toBe('connected');
    const log = logSince(jump1(), from);
    expect(log).toContain(await fingerprint(jump1().keys.unauthorized));
    expect(log).toContain(`Accepted publickey for ${jump1().user}`);
    expect(log).toContain(`ED25519 ${await fingerprint(jump1().keys.ed25519)}`);
  });

  it('an address hop with no key file logs in with the agent, as ssh does for every hop', async (context) => {
    if (skipUnlessNamespaces(context)) return;
    const held = await agentHolding(jump1().keys.ed25519);
    bench = new TestWorkbench(undefined, held.socket);
    const from = logLength(jump1());
    const profile = await throughJump1(bench, {
      host: jump1().host,
      port: jump1().port,
      user: jump1().user,
    });
    expect((await bench.connect(profile, { hostKey: true })).state).toBe('connected');
    const log = logSince(jump1(), from);
    expect(log).toContain(`Accepted publickey for ${jump1().user}`);
    expect(log).toContain(`ED25519 ${await fingerprint(jump1().keys.ed25519)}`);
  });

  it("IdentitiesOnly on a hop profile keeps the agent's other keys from that hop", async (context) => {
    if (skipUnlessNamespaces(context)) return;
    const held = await agentHolding(jump1().keys.unauthorized, jump1().keys.ed25519);
    bench = new TestWorkbench(undefined, held.socket);
    const unauthorized = await fingerprint(jump1().keys.unauthorized);
    const save = bench.workbench.handlers['hosts.save'];

    // Without IdentitiesOnly the hop is offered every agent key, the unauthorized one first.
    const open = await save({ ...hop(jump1()), label: 'jump one, any agent key' });
    let from = logLength(jump1());
    const viaOpen = await throughJump1(bench, { hostId: open.id });
    expect((await bench.connect(viaOpen, { hostKey: true })).state).toBe('connected');
    expect(logSince(jump1(), from)).toContain(unauthorized);

    const only = await save({ ...hop(jump1()), identitiesOnly: true, label: 'jump one, only' });
    from = logLength(jump1());
    const viaOnly = await throughJump1(bench, { hostId: only.id });
    expect((await bench.connect(viaOnly, {})).state).toBe('connected');
    const log = logSince(jump1(), from);
    expect(log).toContain(`Accepted publickey for ${jump1().user}`);
    expect(log).not.toContain(unauthorized);
  });

  it('a hop profile set to use the agent says so when there is none; one set not to never asks it', async (context) => {
    if (skipUnlessNamespaces(context)) return;
    const held = await agentHolding(jump1().keys.ed25519);
    bench = new TestWorkbench();
    const save = bench.workbench.handlers['hosts.save'];
    const wantsAgent = await save({ ...hop(jump1()), agent: true, label: 'jump one, agent' });
    const error = await failureOf(
      bench.connect(await throughJump1(bench, { hostId: wantsAgent.id }), { hostKey: true }),
    );
    expect(error.failure).toBe('auth');
    expect(error.message).toMatch(
      /^Jump host 1 of 1 \(\S+@\[10\.231\.\d+\.2\]:2201\): .* is set to use the ssh-agent, but SSH_AUTH_SOCK is not set/,
    );
    await bench.dispose();

    // agent: false and no usable key file: the agent's right key is not used.
    bench = new TestWorkbench(undefined, held.socket);
    const noAgent = await bench.workbench.handlers['hosts.save']({
      ...hop(jump1(), jump1().keys.unauthorized),
      agent: false,
      label: 'jump one, no agent',
    });
    const refused = await failureOf(
      bench.connect(await throughJump1(bench, { hostId: noAgent.id }), { hostKey: true }),
    );
    expect(refused.failure).toBe('auth');
    expect(refused.message).toMatch(/^Jump host 1 of 1 .*refused to log in/);
  });

  it("a hop profile's keepalive notices its link dropping every packet", async (context) => {
    if (skipUnlessNamespaces(context)) return;
    const netns = line as NetnsLine;
    bench = new TestWorkbench();
    const first = await bench.workbench.handlers['hosts.save']({
      ...hop(jump1()),
      serverAliveInterval: 1,
      serverAliveCountMax: 2,
      label: 'jump one, keepalive 1 s',
    });
    const profile = await throughJump1(bench, { hostId: first.id });
    const info = await bench.connect(profile, { hostKey: true });
    expect(info.state).toBe('connected');
    const link = ['-n', netns.names[0] as string, 'link', 'set', netns.farLinks[0] as string];
    await run('ip', [...link, 'down']);
    try {
      const downAt = Date.now();
      // The target's own keepalive (the default, 5 s x 3) would take 10-15 s.
      const lost = await waitForState(info.connectionId, 'reconnecting', 10_000);
      expect(lost).toBeDefined();
      expect(Date.now() - downAt).toBeLessThan(8_000);
      bench.workbench.connections.cancelReconnect(info.connectionId);
    } finally {
      await run('ip', [...link, 'up']);
      // Until jump 1 answers again (its neighbour entry here failed meanwhile), later tests wait.
      await waitForGreeting(jump1());
    }
  });
});

describe('keepalive (ServerAliveInterval)', () => {
  it('notices a link that silently drops every packet within interval x count', async (context) => {
    if (skipUnlessNamespaces(context)) return;
    const netns = line as NetnsLine;
    bench = new TestWorkbench();
    const lab = jump1();
    const profile = await bench.workbench.handlers['hosts.save']({
      ...hop(lab),
      serverAliveInterval: 1,
      serverAliveCountMax: 2,
    });
    const info = await bench.connect(profile, { hostKey: true });
    expect(info.state).toBe('connected');
    const link = ['-n', netns.names[0] as string, 'link', 'set', netns.farLinks[0] as string];
    // The far end goes down: no RST, no FIN; packets just vanish.
    await run('ip', [...link, 'down']);
    try {
      const downAt = Date.now();
      const lost = await waitForState(info.connectionId, 'reconnecting', 10_000);
      expect(lost?.message).toMatch(/stopped answering keepalives/);
      expect(Date.now() - downAt).toBeLessThan(6_000);
      bench.workbench.connections.cancelReconnect(info.connectionId);
    } finally {
      await run('ip', [...link, 'up']);
    }
  });
});

async function waitForState(
  connectionId: string,
  state: ConnectionInfo['state'],
  timeoutMs: number,
): Promise<ConnectionInfo | undefined> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = bench?.events
      .map((event) => ConnectionInfo.safeParse(event.payload))
      .flatMap((parsed) => (parsed.success ? [parsed.data] : []))
      .find((payload) => payload.connectionId === connectionId && payload.state === state);
    if (found || Date.now() > deadline) return found;
    await sleep(100);
  }
}
