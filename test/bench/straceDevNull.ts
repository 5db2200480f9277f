/**
 * Baselines of the strace flood's path A, run before the capture starts (a process has one tracer
 * at a time), each for the flood's length:
 * - A0: the capture's strace with `-o /dev/null`, over the same SSH connection (the app's, to the
 *   lab sshd), in a PTY as the capture's: what ptrace and the target allow.
 * - A1: the capture's own command (its output relayed in batches) through OpenSSH's `ssh -tt` to
 *   the same sshd, the client's stdout to /dev/null: what sshd costs strace, with no app reading.
 * - A2: strace printing straight into the PTY (no `-o`, as the capture ran before the relay),
 *   through `ssh -tt` as A1: what the relay saves.
 */
import { spawn } from 'node:child_process';
import { openSync, closeSync, readFileSync } from 'node:fs';
import type { LabSshd } from '../lab/sshd';
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

/** The flood itself, once strace is attached: the lines it printed by the target's count. */
async function timedFlood(
  target: { pid: number; countFile: string },
  floodSeconds: number,
  cores: number,
): Promise<Omit<DevNullFigures, 'command'>> {
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
  return { printed, seconds, rate: printed / seconds, cpu: cpuReport };
}

/** A1 and A2: OpenSSH's client with a PTY (`ssh -tt`), its stdout to /dev/null on this side. */
export async function straceOverOpenSsh(
  lab: LabSshd,
  knownHostsFile: string,
  command: string,
  target: { pid: number; countFile: string },
  floodSeconds: number,
  cores: number,
): Promise<DevNullFigures> {
  const options = [
    `UserKnownHostsFile=${knownHostsFile}`,
    'GlobalKnownHostsFile=/dev/null',
    'StrictHostKeyChecking=yes',
    'BatchMode=yes',
    'IdentitiesOnly=yes',
    'LogLevel=ERROR',
  ];
  const args = [
    '-tt',
    ...['-F', '/dev/null', '-i', lab.keys.ed25519, '-p', String(lab.port)],
    ...options.flatMap((o) => ['-o', o]),
    `${lab.user}@${lab.host}`,
    command,
  ];
  const devNull = openSync('/dev/null', 'w');
  const ssh = spawn('ssh', args, { stdio: ['pipe', devNull, devNull] });
  try {
    return {
      command: `ssh -tt … '${command}' > /dev/null`,
      ...(await timedFlood(target, floodSeconds, cores)),
    };
  } finally {
    // The hang-up makes strace detach; the capture can attach only after that.
    ssh.kill('SIGTERM');
    closeSync(devNull);
    await until('strace detached', () => tracerOf(target.pid) === 0, 15_000);
  }
}

/** A0: the app's SSH connection, a PTY, `command` writing its trace to /dev/null itself. */
export async function straceToDevNull(
  workbench: Workbench,
  command: string,
  target: { pid: number; countFile: string },
  floodSeconds: number,
  cores: number,
): Promise<DevNullFigures> {
  const connection = workbench.connections.list().find((c) => c.state === 'connected');
  if (!connection) throw new Error('no open SSH connection to run strace on');
  const info = await workbench.terminals.open({
    connectionId: connection.connectionId,
    cols: 160,
    rows: 40,
    title: 'strace → /dev/null',
    command,
  });
  const session = workbench.terminals.get(info.terminalId);
  if (!session) throw new Error('the strace → /dev/null terminal ended at once');
  // Nothing is read until a sink attaches; this one takes everything at once.
  session.attach({
    send: (bytes) => void session.receive({ t: 'ack', bytes: bytes.length }),
    end: () => undefined,
    note: () => undefined,
  });
  try {
    return { command, ...(await timedFlood(target, floodSeconds, cores)) };
  } finally {
    workbench.terminals.close(info.terminalId, 'baseline done');
    // strace detaches on the hangup; the capture can attach only after that.
    await until('strace detached', () => tracerOf(target.pid) === 0, 15_000);
  }
}
