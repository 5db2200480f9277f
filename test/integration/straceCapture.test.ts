import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CaptureParams } from '../../shared/captures/recipes';
import { labSessionPrograms } from '../lab/sessions';
import { LAB_PYTHON } from '../lab/seed000';
import { spawnLab, type LabProcess } from '../lab/procs';
import { startLabSshd, type LabSshd } from '../lab/sshd';
import { attachCollector, TestWorkbench } from './harness';

/**
 * The live strace capture through the lab's OpenSSH sshd: its trace goes through the relay that
 * sends it on in batches (shared/captures/outputBatches.ts). Nothing may be lost on the way, and
 * the relay must end with strace however strace ends.
 */
let lab: LabSshd;
let bench: TestWorkbench;
let connectionId: string;
const targets: LabProcess[] = [];

beforeAll(async () => {
  lab = await startLabSshd();
  bench = new TestWorkbench();
  connectionId = (await bench.connectLab(lab)).connectionId;
});
afterAll(async () => {
  await Promise.all(targets.map((t) => t.stop()));
  await bench?.dispose();
  await lab?.stop();
});

/** A Python process that waits for SIGUSR1, then makes `calls` getppid calls, then ends or idles. */
function startTarget(calls: number, then: 'exit' | 'idle'): LabProcess {
  const script = [
    'import os, signal, time',
    'signal.signal(signal.SIGUSR1, lambda *_: None)',
    'signal.pause()',
    `for _ in range(${calls}): os.getppid()`,
    ...(then === 'idle' ? ['while True: time.sleep(0.2)'] : []),
  ].join('\n');
  const target = spawnLab(LAB_PYTHON, ['-c', script]);
  targets.push(target);
  return target;
}

async function startStrace(pid: number) {
  // Parsed here as the IPC layer parses it (the handler is called directly): its defaults.
  const params = CaptureParams.parse({ recipe: 'strace', pid });
  const info = await bench.workbench.handlers['capture.start']({
    connectionId,
    params,
    cols: 120,
    rows: 30,
  });
  const { session, sink } = attachCollector(bench.workbench, info.terminalId);
  await sink.waitFor(new RegExp(`Process ${pid} attached`), 20_000);
  return { info, session, sink };
}

/** The capture's programs on the host: strace, the relay's shell, its dd and sleep. */
const captureProgramsOnHost = () =>
  labSessionPrograms(lab).filter((line) =>
    /^(strace |sh -c trap "" INT|dd bs=1M|sleep 0\.02)/.test(line),
  );

const exitOf = (terminalId: string) =>
  bench.events.find(
    (e) =>
      e.name === 'terminal.onExit' &&
      typeof e.payload === 'object' &&
      e.payload !== null &&
      'terminalId' in e.payload &&
      e.payload.terminalId === terminalId,
  )?.payload;

describe('the live strace capture', () => {
  it('passes on every line strace prints, through the relay, and ends when the target ends', async () => {
    const calls = 5_000;
    const target = startTarget(calls, 'exit');
    const { info, sink } = await startStrace(target.pid);
    // strace hands its trace to the relay's shell (`-o |…`), not to the terminal itself.
    const programs = captureProgramsOnHost();
    expect(programs.some((line) => line.startsWith('strace '))).toBe(true);
    expect(programs.some((line) => line.startsWith('sh -c trap "" INT'))).toBe(true);
    process.kill(target.pid, 'SIGUSR1');
    await sink.waitFor(/\+\+\+ exited with 0 \+\+\+/, 30_000);
    await expect.poll(() => exitOf(info.terminalId), { timeout: 15_000 }).toBeDefined();
    expect(exitOf(info.terminalId)).toMatchObject({ exitCode: 0 });
    const getppid = sink.text().match(/ getppid\(\) += \d+ <[\d.]+>\r\n/g) ?? [];
    expect(getppid).toHaveLength(calls);
    expect(captureProgramsOnHost()).toEqual([]);
  });

  it('on Ctrl-C, strace detaches and says so, the relay passes that on, and nothing is left', async () => {
    const target = startTarget(200_000, 'idle');
    const { info, session, sink } = await startStrace(target.pid);
    process.kill(target.pid, 'SIGUSR1');
    await sink.waitFor(/getppid\(\)/, 15_000);
    session.receive({ t: 'input', data: '\x03' });
    await sink.waitFor(new RegExp(`Process ${target.pid} detached`), 15_000);
    await expect.poll(() => exitOf(info.terminalId), { timeout: 15_000 }).toBeDefined();
    await expect.poll(captureProgramsOnHost, { timeout: 10_000 }).toEqual([]);
    // The target runs on, no longer traced.
    expect(target.exited()).toBe(false);
  });

  it('closing the tab ends strace and the relay on the host', async () => {
    const target = startTarget(10, 'idle');
    const { session } = await startStrace(target.pid);
    expect(captureProgramsOnHost().length).toBeGreaterThanOrEqual(2);
    session.close();
    await expect.poll(captureProgramsOnHost, { timeout: 10_000 }).toEqual([]);
    expect(target.exited()).toBe(false);
  });
});
