/**
 * Baseline of the strace flood's path A: the same strace command over the same SSH connection
 * (the app's, to the lab sshd), in a PTY as the capture's, with its output sent to /dev/null on
 * the remote side. The rate strace reaches there is what ptrace and the target allow; the app's
 * path is measured against it. Run before the capture starts: a process has one tracer at a time.
 */
import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Workbench } from '../../electron/node/workbench';
import { cpuMeter, type CpuReport } from './cpu';

export interface DevNullFigures {
  command: string;
  /** Lines strace printed (the target's own count of its syscalls, one line each). */
  printed: number;
  seconds: number;
  rate: number;
  cpu: CpuReport | undefined;
}

const readNumber = (path: string): number => {
  try {
    return Number(readFileSync(path, 'utf8').trim());
  } catch {
    return Number.NaN;
  }
};

/** The lab runs on this machine: the target's tracer is in its /proc status. */
const tracerOf = (pid: number): number => {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    return Number(/^TracerPid:\s*(\d+)/m.exec(status)?.[1] ?? Number.NaN);
  } catch {
    return Number.NaN;
  }
};

async function until(what: string, done: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!done()) {
    if (performance.now() > deadline) throw new Error(`${what}: not after ${timeoutMs / 1000} s`);
    await sleep(50);
  }
}

export async function straceToDevNull(
  workbench: Workbench,
  command: string,
  target: { pid: number; countFile: string },
  floodSeconds: number,
  cores: number,
): Promise<DevNullFigures> {
  const connection = workbench.connections.list().find((c) => c.state === 'connected');
  if (!connection) throw new Error('no open SSH connection to run strace on');
  const devNullCommand = `${command} 2>/dev/null`;
  const info = await workbench.terminals.open({
    connectionId: connection.connectionId,
    cols: 160,
    rows: 40,
    title: 'strace → /dev/null',
    command: devNullCommand,
  });
  const session = workbench.terminals.get(info.terminalId);
  if (!session) throw new Error('the strace → /dev/null terminal ended at once');
  // Nothing is read until a sink attaches; this one takes everything at once.
  session.attach({
    send: (bytes) => void session.receive({ t: 'ack', bytes: bytes.length }),
    end: () => undefined,
  });
  try {
    await until('strace attached', () => tracerOf(target.pid) > 0, 15_000);
    const countBefore = readNumber(target.countFile);
    const cpu = cpuMeter(cores);
    process.kill(target.pid, 'SIGUSR1');
    const started = performance.now();
    await sleep(floodSeconds * 1000);
    process.kill(target.pid, 'SIGUSR2');
    const seconds = (performance.now() - started) / 1000;
    const cpuReport = cpu.stop();
    await until('the target to pause', () => readNumber(target.countFile) !== countBefore, 15_000);
    const printed = readNumber(target.countFile) - countBefore;
    return { command: devNullCommand, printed, seconds, rate: printed / seconds, cpu: cpuReport };
  } finally {
    workbench.terminals.close(info.terminalId, 'baseline done');
    // strace detaches on the hangup; the capture can attach only after that.
    await until('strace detached', () => tracerOf(target.pid) === 0, 15_000);
  }
}
