// What a host prints must not choose what runs (issue 8, items 1 and 5), against the lab sshd.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  chmodSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CaptureParams, captureCommand, RECORD_DATA_MARKER } from '../../shared/captures/recipes';
import { startLabSshd, type LabSshd } from '../lab/sshd';
import { CollectingSink, TestWorkbench } from './harness';

let lab: LabSshd;
let bench: TestWorkbench;
let connectionId: string;
const cleanups: (() => void)[] = [];

beforeAll(async () => {
  lab = await startLabSshd();
  bench = new TestWorkbench();
  connectionId = (await bench.connectLab(lab)).connectionId;
});
afterAll(async () => {
  cleanups.reverse().forEach((clean) => clean());
  await bench?.dispose();
  await lab?.stop();
});

/** A python3 that names itself `comm` (the kernel keeps 15 bytes) and sleeps. */
async function processNamed(comm: string): Promise<ChildProcess> {
  const child = spawn('python3', [
    '-c',
    'import sys, time\nopen("/proc/self/comm", "w").write(sys.argv[1])\nprint("named", flush=True)\ntime.sleep(600)',
    comm,
  ]);
  cleanups.push(() => child.kill('SIGKILL'));
  await new Promise<void>((resolve, reject) => {
    child.stdout.once('data', () => resolve());
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`python3 exited with ${code}`)));
  });
  return child;
}

describe('a process whose name forges a preflight line', () => {
  it('is shown by its name; the tool that runs is the one the host really has', async () => {
    // /tmp/eXX: the forged line must fit the 15 bytes of a comm. If it ever ran, it says so.
    const evil = `/tmp/e${randomBytes(1).toString('hex')}`;
    const ran = `${evil}.ran`;
    writeFileSync(evil, `#!/bin/sh\necho "$@" > ${ran}\n`, { flag: 'wx', mode: 0o755 });
    cleanups.push(
      () => rmSync(evil, { force: true }),
      () => rmSync(ran, { force: true }),
    );
    const comm = `x\npath=${evil}`;
    expect(Buffer.byteLength(comm)).toBeLessThanOrEqual(15);
    const target = await processNamed(comm);
    expect(readFileSync(`/proc/${target.pid}/comm`, 'utf8')).toBe(`${comm}\n`);

    const params = { recipe: 'pyspy-dump' as const, pid: target.pid ?? 0 };
    const report = await bench.workbench.handlers['capture.preflight']({
      connectionId,
      params: CaptureParams.parse(params),
    });
    expect(report.toolPath).not.toBe(evil);
    expect(report.targetName).toBe(`x\\npath=${evil}`);
    const start = bench.workbench.handlers['capture.start']({
      connectionId,
      params: CaptureParams.parse(params),
      cols: 100,
      rows: 30,
    });
    if (report.toolPath === null) {
      console.log('py-spy is not installed on this host: the capture is refused as not installed');
      await expect(start).rejects.toThrow(/py-spy is not installed/);
    } else {
      expect(report.toolPath).toMatch(/\/py-spy$/);
      const info = await start;
      expect(info.command).toBe(
        captureCommand(CaptureParams.parse({ ...params, tool: report.toolPath })),
      );
      expect(info.command).not.toContain(evil);
      const session = bench.workbench.terminals.get(info.terminalId);
      const sink = session && new CollectingSink(session);
      if (session && sink) session.attach(sink);
      await expect.poll(() => sink?.ends ?? 0, { timeout: 30_000 }).toBeGreaterThan(0);
    }
    expect(existsSync(ran)).toBe(false);
  });
});

/** Processes running the script `path`. */
function runningScripts(path: string): number[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .filter((pid) => {
      try {
        return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').includes(path);
      } catch {
        return false; // exited while we looked
      }
    })
    .map(Number);
}

describe('py-spy record keeps its samples in a file nobody can predict', () => {
  /** A stand-in py-spy: says where it was told to write, how that file is set, and writes. */
  function fakePySpy(sleepSeconds: number): { tool: string; log: string } {
    const dir = mkdtempSync(join(tmpdir(), 'wb-fake-pyspy-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const tool = join(dir, 'py-spy');
    const log = join(dir, 'log');
    writeFileSync(
      tool,
      [
        '#!/bin/sh',
        'while [ $# -gt 0 ]; do [ "$1" = -o ] && out=$2; shift; done',
        `echo "$out $(stat -c %a "$out")" > ${log}`,
        `sleep ${sleepSeconds}`,
        'echo "main;work 7" > "$out"',
      ].join('\n'),
    );
    chmodSync(tool, 0o755);
    return { tool, log };
  }

  const run = async (tool: string) => {
    const command = captureCommand(
      CaptureParams.parse({ recipe: 'pyspy-record', pid: process.pid, tool }),
    );
    const { session } = await bench.runCommand(connectionId, 'record', command);
    const sink = new CollectingSink(session);
    session.attach(sink);
    return { session, sink };
  };
  const written = (log: string) => (existsSync(log) ? readFileSync(log, 'utf8').trim() : '');

  it('a fresh 0600 file from mktemp, read back, then removed', async () => {
    const { tool, log } = fakePySpy(0);
    const { sink } = await run(tool);
    await sink.waitFor(/main;work 7/);
    await expect.poll(() => sink.ends, { timeout: 15_000 }).toBeGreaterThan(0);
    const [file, mode] = written(log).split(' ');
    expect(file).toMatch(/^\/tmp\/workbench-record\.[A-Za-z0-9]{10}$/);
    expect(mode).toBe('600');
    expect(sink.text()).toContain(RECORD_DATA_MARKER);
    expect(existsSync(file ?? '')).toBe(false);
  });

  it('removed too when the tab is closed while py-spy records', async () => {
    const { tool, log } = fakePySpy(30);
    const { session } = await run(tool);
    await expect.poll(() => written(log), { timeout: 15_000 }).not.toBe('');
    const file = written(log).split(' ')[0] ?? '';
    expect(existsSync(file)).toBe(true);
    // The channel closes: the shell gets SIGHUP, its trap exits, and the EXIT trap removes it.
    session.close();
    await expect.poll(() => existsSync(file), { timeout: 15_000 }).toBe(false);
    // …and py-spy ended with the tab, as it did before.
    await expect.poll(() => runningScripts(tool), { timeout: 15_000 }).toEqual([]);
  });
});

describe('user names', () => {
  it('one with "@" is saved and reaches sshd as it is', async () => {
    const user = `ops${randomBytes(2).toString('hex')}@corp.example`;
    const host = await bench.addHost({ ...lab, user }, lab.keys.ed25519);
    await expect(bench.connect(host, { hostKey: true })).rejects.toThrow(`user "${user}"`);
    await expect
      .poll(() => readFileSync(lab.logPath, 'utf8'), { timeout: 10_000 })
      .toContain(`Invalid user ${user} from 127.0.0.1`);
  });
});
