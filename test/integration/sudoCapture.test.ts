// A capture run as root through sudo, against the lab's sshd: a throwaway user with a password
// and a sudoers entry logs in with a test key, the sudo prompt is answered from the app's
// question, and the password is found nowhere: not in the terminal, the capture log, the data
// folder or any event.

import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, type TestContext } from 'vitest';
import { CaptureParams, type CaptureParamsInput } from '../../shared/captures/recipes';
import type { ConnectionInfo } from '../../shared/contract/index';
import { startLabSshd, type LabSshd } from '../lab/sshd';
import { makeSudoUser, sudoUserUnavailable, type SudoUser } from '../lab/sudoUser';
import { CollectingSink, terminal, TestWorkbench } from './harness';

let unavailable: string | null = null;
let lab: LabSshd | undefined;
let user: SudoUser | undefined;
let bench: TestWorkbench | undefined;
let connection: ConnectionInfo | undefined;
/** A process of root's: only root may trace it. */
let target: ChildProcess | undefined;

beforeAll(async () => {
  unavailable = sudoUserUnavailable();
  if (unavailable) return;
  user = await makeSudoUser();
  lab = await startLabSshd();
  // sshd reads authorized_keys as the user logging in: let the throwaway user reach it.
  chmodSync(lab.dir, 0o711);
  chmodSync(join(lab.dir, 'authorized_keys'), 0o644);
  target = spawn('sleep', ['600'], { stdio: 'ignore' });
  bench = new TestWorkbench();
  const host = await bench.addHost({ ...lab, user: user.name }, lab.keys.ed25519);
  connection = await bench.connect(host, { hostKey: true });
}, 60_000);

afterAll(async () => {
  target?.kill();
  await bench?.dispose();
  await lab?.stop();
  await user?.remove();
});

function skipWithoutSudo(context: TestContext): boolean {
  if (!unavailable) return false;
  const reason = `SKIPPED: ${unavailable}; captures through sudo are not tested`;
  console.log(reason);
  context.skip(reason);
  return true;
}

/** Every file under `dir`, as text. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [readFileSync(path, 'latin1')];
  });
}

async function startSudoCapture(
  passwords: (string | null)[],
  params: CaptureParamsInput,
): Promise<{ terminalId: string; sink: CollectingSink }> {
  if (!bench || !connection) throw new Error('the lab is not up');
  bench.answers = { sudoPasswords: passwords };
  const info = await bench.workbench.handlers['capture.start']({
    connectionId: connection.connectionId,
    params: CaptureParams.parse(params),
    cols: 100,
    rows: 30,
    sudo: true,
  });
  expect(info.sudo).toBe(true);
  expect(info.command).toContain('exec sudo -S -- sh -c');
  const session = terminal(bench.workbench, info.terminalId);
  const sink = new CollectingSink(session);
  session.attach(sink);
  return { terminalId: info.terminalId, sink };
}

/** A `strace -c` of root's process through sudo, to its end. */
async function sudoCapture(passwords: (string | null)[]): Promise<CollectingSink> {
  const params = { recipe: 'strace-summary', pid: target?.pid ?? 0, seconds: 1 } as const;
  const { sink } = await startSudoCapture(passwords, params);
  await expect.poll(() => sink.ends, { timeout: 30_000 }).toBe(1);
  return sink;
}

describe('a capture through sudo', () => {
  it("is what preflight asks for to attach to another user's process", async (context) => {
    if (skipWithoutSudo(context) || !bench || !connection || !target?.pid) return;
    const check = (sudo: boolean) =>
      bench?.workbench.handlers['capture.preflight']({
        connectionId: connection?.connectionId ?? '',
        params: { recipe: 'strace-summary', pid: target?.pid ?? 0, seconds: 1 },
        sudo,
      });
    const asUser = await check(false);
    expect(asUser?.ready).toBe(false);
    expect(asUser?.problems.join(' ')).toMatch(/only root may attach/);
    expect((await check(true))?.ready).toBe(true);
  });

  it('asks for the password in the app, runs as root, and keeps the password nowhere', async (context) => {
    if (skipWithoutSudo(context) || !bench || !user) return;
    const sink = await sudoCapture([user.password]);
    const text = sink.text();
    expect(text).toMatch(/workbench-sudo: running as uid 0\r?\n/);
    // strace attached to root's process, which only root may do.
    expect(text).toContain(`strace: Process ${target?.pid} attached`);
    expect(text).not.toMatch(/Operation not permitted/);
    const asked = bench.prompts.filter((p) => p.kind === 'sudo-password');
    expect(asked).toHaveLength(1);
    expect(asked[0]).toMatchObject({ attempt: 1, host: expect.stringContaining(user.name) });
    expect(asked[0]?.kind === 'sudo-password' && asked[0].promptText).toMatch(
      new RegExp(`^\\[sudo\\] password for ${user.name} \\(workbench [0-9a-f]{32}\\): $`),
    );

    expect(text).not.toContain(user.password);
    const everything = [...filesUnder(bench.dataDir), JSON.stringify(bench.events)].join('\n');
    expect(everything).toContain('workbench-sudo: running as uid 0');
    expect(everything).not.toContain(user.password);
  });

  it('says a wrong password was refused and asks again; the right one then runs', async (context) => {
    if (skipWithoutSudo(context) || !bench || !user) return;
    const before = bench.prompts.length;
    const wrong = 'wb-not-the-password-7f3a';
    const sink = await sudoCapture([wrong, user.password]);
    expect(sink.text()).toMatch(/Sorry, try again\./);
    expect(sink.text()).toMatch(/workbench-sudo: running as uid 0/);
    const asked = bench.prompts.slice(before);
    expect(asked.map((p) => p.kind === 'sudo-password' && [p.attempt, p.retryReason])).toEqual([
      [1, undefined],
      [2, 'sudo refused the password: Sorry, try again.'],
    ]);
    const everything = [...filesUnder(bench.dataDir), JSON.stringify(bench.events), sink.text()];
    for (const secret of [wrong, user.password])
      expect(everything.join('\n')).not.toContain(secret);
  });

  it('cancelled, stops sudo (Ctrl-C): nothing runs as root', async (context) => {
    if (skipWithoutSudo(context) || !bench) return;
    const sink = await sudoCapture([null]);
    expect(sink.text()).not.toContain('workbench-sudo: running as uid');
    expect(sink.text()).not.toMatch(/strace: Process \d+ attached/);
  });

  it('ends its root program when the tab closes: nothing is left on the host', async (context) => {
    if (skipWithoutSudo(context) || !bench || !user || !target?.pid) return;
    const pid = target.pid;
    const { terminalId, sink } = await startSudoCapture([user.password], { recipe: 'strace', pid });
    await sink.waitFor(new RegExp(`strace: Process ${pid} attached`), 30_000);
    const tracers = () => {
      const status = readFileSync(`/proc/${pid}/status`, 'utf8');
      return Number(/^TracerPid:\s+(\d+)/m.exec(status)?.[1]);
    };
    expect(tracers()).toBeGreaterThan(0);
    bench.workbench.terminals.close(terminalId);
    await expect.poll(tracers, { timeout: 15_000 }).toBe(0);
  });
});
