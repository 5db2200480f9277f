/**
 * Gives the lab (sshd with everything it starts, the traced program) one core and this process
 * (the workbench's Node side, and Chromium launched after) the other, with `taskset`.
 *
 * Why: on one 2-core machine the lab stands in for a remote host. Unsplit, the app's own work
 * takes CPU from strace, sshd and the traced program, so "the workbench slows the host" cannot
 * be told apart from "the workbench and the host share two cores". On a real incident they are
 * different machines; split, the host side keeps its core whatever the app does, and what is left
 * to slow the traced program is what the issue asks about: flow control and the SSH path.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';

export interface CoreSplit {
  note: string;
  /** Moves a lab process, all its threads and later children, to the lab's core. */
  toLab(pid: number): void;
  /** The lab sshd's own pid, from its PidFile. */
  sshdPid(labDir: string): number;
}

const taskset = (cpuList: string, pid: number): void => {
  execFileSync('taskset', ['-a', '-p', '-c', cpuList, String(pid)], { stdio: 'ignore' });
};

export function splitCores(): CoreSplit | null {
  if (process.env.BENCH_CORES !== 'split') return null;
  const count = cpus().length;
  if (count < 2) throw new Error('BENCH_CORES=split needs at least 2 cores');
  const labCore = String(count - 1);
  const appCores = count === 2 ? '0' : `0-${count - 2}`;
  taskset(appCores, process.pid); // Chromium, launched later, inherits it
  return {
    note: `cores split (BENCH_CORES=split): the lab (sshd, its sessions, strace, the traced program) on core ${labCore}, the app (Node side, Chromium) on ${appCores}`,
    toLab: (pid) => taskset(labCore, pid),
    sshdPid: (labDir) => Number(readFileSync(join(labDir, 'sshd.pid'), 'utf8').trim()),
  };
}
