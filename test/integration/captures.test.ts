import { readdirSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaptureParamsInput } from '../../shared/captures/recipes';
import { TopStreamParser } from '../../shared/parsers/top/index';
import { startSeed000, type Seed000 } from '../lab/seed000';
import { startLabSshd, type LabSshd } from '../lab/sshd';
import { CollectingSink, terminal, TestWorkbench } from './harness';

let lab: LabSshd;
let seed: Seed000;
let bench: TestWorkbench;
let connectionId: string;

beforeAll(async () => {
  [lab, seed] = await Promise.all([startLabSshd(), startSeed000()]);
  bench = new TestWorkbench();
  connectionId = (await bench.connectLab(lab)).connectionId;
});
afterAll(async () => {
  await bench?.dispose();
  await seed?.stop();
  await lab?.stop();
});

/** Pids whose command line is exactly `command` (arguments joined by spaces). */
function processesRunning(command: string): number[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .filter((pid) => {
      try {
        return (
          readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ').trim() === command
        );
      } catch {
        return false; // exited while we looked
      }
    })
    .map(Number);
}

const start = (params: CaptureParamsInput) =>
  bench.workbench.handlers['capture.start']({
    connectionId,
    params: params as never,
    cols: 100,
    rows: 30,
  });
const preflight = (params: CaptureParamsInput) =>
  bench.workbench.handlers['capture.preflight']({ connectionId, params: params as never });

describe('the "threads of a process" capture', () => {
  it('runs top -H on the seed-000 service and its output parses into a table', async () => {
    const info = await start({ recipe: 'threads', pid: seed.pid, intervalSeconds: 1 });
    expect(info.command).toBe(
      `LC_ALL=C NO_COLOR=1 CLICOLOR=0 top -b -H -w 512 -d 1 -p ${seed.pid} | cat`,
    );
    expect(info.title).toContain(String(seed.pid));
    const parser = new TopStreamParser();
    const decoder = new TextDecoder();
    const frames: ReturnType<TopStreamParser['push']> = [];
    const session = terminal(bench.workbench, info.terminalId);
    session.attach(
      new CollectingSink(session, {
        onChunk: (bytes) => frames.push(...parser.push(decoder.decode(bytes, { stream: true }))),
      }),
    );
    // Frame 1 covers a very short interval; wait for a later one.
    await expect.poll(() => frames.length, { timeout: 20_000 }).toBeGreaterThanOrEqual(3);
    const last = frames[frames.length - 1];
    expect(last?.summary.taskKind).toBe('threads');
    expect(last?.rows.length).toBeGreaterThan(5);
    const busiest = [...(last?.rows ?? [])].sort((a, b) => b.cpuPercent - a.cpuPercent)[0];
    expect(busiest?.cpuPercent).toBeGreaterThan(30);
    expect(parser.unparsedLines).toBe(0);
    // top -b ignores SIGHUP; closing the tab must still end it on the host.
    const topOnHost = () => processesRunning(`top -b -H -w 512 -d 1 -p ${seed.pid}`);
    expect(topOnHost()).toHaveLength(1);
    session.close();
    await expect.poll(topOnHost, { timeout: 10_000 }).toEqual([]);
  });

  it('between frames, the frame read so far holds every thread, its unfinished last row too', async () => {
    // procps writes the newline that ends a frame's last row only when the next frame starts.
    const info = await start({ recipe: 'threads', pid: seed.pid, intervalSeconds: 2 });
    const parser = new TopStreamParser();
    const decoder = new TextDecoder();
    let frames = 0;
    let lastChunkAt = 0;
    const session = terminal(bench.workbench, info.terminalId);
    session.attach(
      new CollectingSink(session, {
        onChunk: (bytes) => {
          frames += parser.push(decoder.decode(bytes, { stream: true })).length;
          lastChunkAt = Date.now();
        },
      }),
    );
    await expect.poll(() => frames, { timeout: 20_000 }).toBeGreaterThanOrEqual(1);
    // Quiet for 400 ms: top has written its frame and sleeps until the next one.
    await expect.poll(() => Date.now() - lastChunkAt, { timeout: 5_000 }).toBeGreaterThan(400);
    const peeked = parser.peek();
    expect(peeked?.summary.taskKind).toBe('threads');
    // top's own count of the threads it lists, against the rows read.
    expect(peeked?.rows.length).toBe(peeked?.summary.tasks?.total);
    expect(parser.unparsedLines).toBe(0);
    session.close();
  });

  it('says plainly that a PID does not exist, before running anything', async () => {
    await expect(start({ recipe: 'threads', pid: 3_999_999 })).rejects.toThrow(
      'Process 3999999 does not exist on the host',
    );
  });
});

describe('preflight', () => {
  it('finds strace and gdb with their versions, and allows root to attach', async () => {
    for (const params of [
      { recipe: 'strace', pid: seed.pid },
      { recipe: 'gdb-pybt', pid: seed.pid },
    ] as const) {
      const report = await preflight(params);
      expect(report.ready, JSON.stringify(report)).toBe(true);
      expect(report.toolPath).toMatch(/\/(strace|gdb)$/);
      expect(report.version).toMatch(/\d+\.\d+/);
      expect(report.targetName).toBe('python3');
      expect(report.targetState).toMatch(/^[RSD]$/);
    }
  });

  it('offers to install a missing tool with the exact command, run only on request', async () => {
    const report = await preflight({ recipe: 'pyspy-dump', pid: seed.pid });
    if (report.toolPath) {
      console.log(
        `py-spy is installed on this host (${report.toolPath}); the missing-tool branch is covered by unit tests only here.`,
      );
      expect(report.ready).toBe(true);
      return;
    }
    expect(report.ready).toBe(false);
    expect(report.problems[0]).toMatch(/py-spy is not installed/);
    expect(report.fixes[0]?.command).toMatch(/^python3 -m venv .*\/bin\/pip" install py-spy/);
  });

  it('reports a target left stopped, and continues it', async () => {
    const { execFileSync } = await import('node:child_process');
    execFileSync('kill', ['-STOP', String(seed.pid)]);
    try {
      const state = await bench.workbench.handlers['capture.targetState']({
        connectionId,
        pid: seed.pid,
      });
      expect(state).toMatchObject({ exists: true, state: 'T', name: 'python3' });
      const report = await preflight({ recipe: 'strace', pid: seed.pid });
      expect(report.warnings.join(' ')).toMatch(/is stopped \(state T\)/);
      const after = await bench.workbench.handlers['capture.continueTarget']({
        connectionId,
        pid: seed.pid,
      });
      expect(after.state).not.toBe('T');
    } finally {
      execFileSync('kill', ['-CONT', String(seed.pid)]);
    }
  });
});

describe('a target another tool is tracing (state t)', () => {
  /** /proc/PID/stat's state, read here as often as a single check would. */
  const stateNow = () => readFileSync(`/proc/${seed.pid}/stat`, 'utf8').replace(/^.*\) /s, '')[0];
  const tracerNow = () =>
    /TracerPid:\s+(\d+)/.exec(readFileSync(`/proc/${seed.pid}/status`, 'utf8'))?.[1];

  it('is named with its tracer (strace), in the state check and in preflight', async () => {
    const { spawn } = await import('node:child_process');
    const strace = spawn('strace', ['-f', '-o', '/dev/null', '-p', String(seed.pid)]);
    try {
      await expect.poll(tracerNow, { timeout: 15_000 }).toBe(String(strace.pid));
      const state = await bench.workbench.handlers['capture.targetState']({
        connectionId,
        pid: seed.pid,
      });
      expect(state.tracer).toEqual({ pid: strace.pid, name: 'strace' });
      const report = await preflight({ recipe: 'gdb-pybt', pid: seed.pid });
      expect(report.warnings.join(' ')).toMatch(`strace (PID ${strace.pid})`);
      expect(report.warnings.join(' ')).not.toMatch(/is stopped/);
    } finally {
      strace.kill('SIGINT');
    }
    await expect.poll(tracerNow, { timeout: 15_000 }).toBe('0');
  });

  it('while py-spy top samples it, is not reported stopped', async () => {
    const probe = await preflight({ recipe: 'pyspy-top', pid: seed.pid });
    if (!probe.toolPath) {
      console.log('SKIPPED: py-spy is not installed on this host; the strace case covers state t');
      return;
    }
    const info = await start({ recipe: 'pyspy-top', pid: seed.pid });
    const session = terminal(bench.workbench, info.terminalId);
    session.attach(new CollectingSink(session));
    try {
      await expect.poll(tracerNow, { timeout: 20_000, interval: 5 }).not.toBe('0');
      // What one read sees: py-spy pauses the process for each sample.
      let single = 0;
      for (let i = 0; i < 200; i++) {
        if (stateNow() === 't') single++;
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      const checks = [];
      for (let i = 0; i < 4; i++)
        checks.push(
          await bench.workbench.handlers['capture.targetState']({ connectionId, pid: seed.pid }),
        );
      const heldChecks = checks.filter((c) => c.state === 't');
      console.log(
        `py-spy top on seed 000: ${single}/200 single reads saw state t; ${heldChecks.length}/4 settled checks`,
      );
      expect(checks.every((c) => c.state !== 'T')).toBe(true);
      // A `t` that lasted a second is named with its tracer, never left unexplained.
      for (const held of heldChecks) expect(held.tracer?.name).toBe('py-spy');
    } finally {
      session.close();
    }
  }, 180_000);
});
