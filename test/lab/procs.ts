// Lab processes: start them in their own process group, and end them with every descendant.
//
// A process group is not enough on its own: sshd puts each connection in a new session (setsid),
// so its session children (shells, top, strace...) escape `kill -PGID`. We therefore walk /proc
// for descendants, freeze them with SIGSTOP so none can fork or be reparented away, then end the
// lot. All of it is synchronous so that the same code runs from a process 'exit' handler.

import { spawn, type ChildProcess } from 'node:child_process';
import {
  closeSync,
  existsSync,
  openSync,
  readdirSync,
  readFileSync,
  readSync,
  fstatSync,
} from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { atExit } from './atExit';

const SETPRIV = '/usr/bin/setpriv';
const OUTPUT_TAIL_CHARS = 16_384;

export interface LabProcess {
  readonly pid: number;
  readonly child: ChildProcess;
  /** The last few KiB of stdout and stderr, for error messages. */
  output(): string;
  /** Whether the direct child has exited (it may have left descendants). */
  exited(): boolean;
  /** Kill the process, its group and all its descendants; resolves once they are gone. */
  stop(): Promise<void>;
}

export interface SpawnLabOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** How long stop() lets the tree handle SIGTERM before SIGKILL (default 0: SIGKILL at once). */
  termGraceMs?: number;
  /** Append stdout and stderr to this file (kept for the user to read) instead of a memory tail. */
  logPath?: string;
}

/**
 * Spawn `command` as the leader of a new session and process group.
 * Where util-linux `setpriv` exists, the child also gets SIGKILL if this process dies without
 * running its exit handlers (e.g. a test runner killed with SIGKILL); setpriv execs, so the pid
 * stays that of `command`.
 */
export function spawnLab(command: string, args: string[], opts: SpawnLabOptions = {}): LabProcess {
  const [file, argv] = existsSync(SETPRIV)
    ? [SETPRIV, ['--pdeathsig', 'KILL', '--', command, ...args]]
    : [command, args];
  // A log file is the child's own fd: nothing to drain, and it outlives this process.
  const logFd = opts.logPath === undefined ? undefined : openSync(opts.logPath, 'a');
  const child = spawn(file, argv, {
    cwd: opts.cwd,
    env: opts.env ?? process.env,
    detached: true,
    stdio: logFd === undefined ? ['ignore', 'pipe', 'pipe'] : ['ignore', logFd, logFd],
  });
  if (logFd !== undefined) closeSync(logFd);
  let tail = '';
  const keep = (chunk: Buffer): void => {
    tail = (tail + chunk.toString('utf8')).slice(-OUTPUT_TAIL_CHARS);
  };
  // Always drain the pipes: a child blocked on a full pipe would look hung.
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  let hasExited = false;
  child.once('exit', () => {
    hasExited = true;
  });
  child.once('error', (err) => {
    hasExited = true;
    tail += `\n${err.message}`;
  });
  const pid = child.pid;
  if (pid === undefined) throw new Error(`could not start ${command}`);

  const kill = (): number[] => {
    if (!hasExited) return killTreeSync(pid, opts.termGraceMs);
    // Once our child has been reaped its pid may be reused: from then on only its group is ours.
    signal(-pid, 'SIGKILL');
    return [];
  };
  let stopped = false;
  const cancelAtExit = atExit(() => void kill());

  return {
    pid,
    child,
    output: () => (opts.logPath === undefined ? tail : fileTail(opts.logPath) + tail),
    exited: () => hasExited,
    stop: async () => {
      if (stopped) return;
      stopped = true;
      cancelAtExit();
      await waitGone(kill(), 5_000);
    },
  };
}

/** The last OUTPUT_TAIL_CHARS bytes of a log file, or '' if it cannot be read. */
function fileTail(path: string): string {
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    const size = fstatSync(fd).size;
    const buffer = Buffer.alloc(Math.min(size, OUTPUT_TAIL_CHARS));
    readSync(fd, buffer, 0, buffer.length, size - buffer.length);
    return buffer.toString('utf8');
  } catch {
    return '';
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** Parent pid and state of every process, read from /proc/PID/stat. */
function readProcTable(): Map<number, { ppid: number; state: string }> {
  const table = new Map<number, { ppid: number; state: string }>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const info = readStat(Number(name));
    if (info) table.set(Number(name), info);
  }
  return table;
}

function readStat(pid: number): { ppid: number; state: string } | undefined {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined;
  }
  // "pid (comm) state ppid ...": comm may contain spaces and parentheses, so cut at the last ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const state = fields[0];
  const ppid = Number(fields[1]);
  return state === undefined || Number.isNaN(ppid) ? undefined : { ppid, state };
}

/** `roots` and all their current descendants, from one scan of /proc. */
export function processTree(...roots: number[]): number[] {
  const table = readProcTable();
  const found = new Set<number>(roots.filter((pid) => table.has(pid)));
  let grew = true;
  while (grew) {
    grew = false;
    for (const [pid, { ppid }] of table) {
      if (!found.has(pid) && found.has(ppid)) {
        found.add(pid);
        grew = true;
      }
    }
  }
  return [...found];
}

function signal(pid: number, sig: NodeJS.Signals): void {
  try {
    process.kill(pid, sig);
  } catch {
    // Already gone, or not ours to signal: nothing more we can do.
  }
}

/** SIGSTOP `roots` and their descendants, re-scanning until no new process shows up. */
function freezeTree(...roots: number[]): Set<number> {
  const frozen = new Set<number>();
  // A fork in flight during one pass is caught by the next.
  for (let pass = 0; pass < 10; pass++) {
    const fresh = processTree(...roots, ...frozen).filter((pid) => !frozen.has(pid));
    if (fresh.length === 0) break;
    for (const pid of fresh) {
      signal(pid, 'SIGSTOP');
      frozen.add(pid);
    }
  }
  return frozen;
}

function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * End `root`, its process group and every descendant; returns the pids it signalled.
 * With `graceMs`, the frozen tree first gets SIGTERM and that long to exit by itself, so shells
 * run their EXIT traps: a SIGKILLed `pyenv rehash` (run by root's .bashrc at every login here)
 * leaves its lock file behind, and every later login then waits 60 s for it.
 * Synchronous, with a blocking wait, so that it also works from a process 'exit' handler.
 */
export function killTreeSync(root: number, graceMs = 0): number[] {
  const doomed = freezeTree(root);
  if (graceMs > 0) {
    for (const pid of doomed) signal(pid, 'SIGTERM');
    for (const pid of doomed) signal(pid, 'SIGCONT');
    const deadline = Date.now() + graceMs;
    while ([...doomed].some((pid) => !isGone(pid)) && Date.now() < deadline) sleepSync(10);
    // Whatever the dying started meanwhile (an EXIT trap's `rm`...) goes too.
    const alive = [...doomed].filter((pid) => !isGone(pid));
    for (const pid of freezeTree(...alive)) doomed.add(pid);
  }
  signal(-root, 'SIGKILL');
  for (const pid of doomed) if (!isGone(pid)) signal(pid, 'SIGKILL');
  return [...doomed];
}

/** True once a pid no longer exists or is a zombie (pid 1 here may never reap reparented ones). */
export function isGone(pid: number): boolean {
  const info = readStat(pid);
  return info === undefined || info.state === 'Z' || info.state === 'X';
}

export async function waitGone(pids: number[], timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const left = pids.filter((pid) => !isGone(pid));
    if (left.length === 0) return;
    if (Date.now() > deadline) {
      throw new Error(`processes still alive after kill: ${left.join(' ')}`);
    }
    await sleep(25);
  }
}
