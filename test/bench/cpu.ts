/**
 * Where the CPU goes during a measurement (Linux /proc): CPU seconds used by this process and
 * each kind of descendant (sshd and the remote programs, the ssh client, Chromium's processes),
 * and by the whole machine, so a report can say which part was the bottleneck and whether other
 * work on the machine was competing. Elsewhere than Linux it reports nothing.
 *
 * A process's total is its own time plus that of the children it has reaped (cutime, cstime),
 * so summing "total at the end" minus "total at the start" over every process of a group counts
 * each process once, including those that started or exited in between (their time moves to the
 * parent that reaps them, which is in the same group here).
 */
import { readdirSync, readFileSync } from 'node:fs';

const TICKS_PER_SECOND = 100; // USER_HZ, fixed at 100 on Linux for /proc

interface ProcStat {
  ppid: number;
  comm: string;
  /** utime + stime, in ticks. */
  own: number;
  /** cutime + cstime: the children it has reaped. */
  children: number;
}

function readProc(pid: number): ProcStat | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const close = stat.lastIndexOf(')');
    const comm = stat.slice(stat.indexOf('(') + 1, close);
    const f = stat.slice(close + 2).split(' ');
    const n = (i: number) => Number(f[i] ?? 0);
    return { ppid: n(1), comm, own: n(11) + n(12), children: n(13) + n(14) };
  } catch {
    return undefined; // gone meanwhile
  }
}

function cmdline(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
  } catch {
    return '';
  }
}

/** Busy and total jiffies of the whole machine, from the first line of /proc/stat. */
function machineTicks(): { busy: number; total: number } {
  const f = (readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '').split(/\s+/).slice(1);
  const v = f.map(Number);
  const at = (i: number) => v[i] ?? 0;
  const idle = at(3) + at(4); // idle + iowait
  const total = v.slice(0, 8).reduce((a, b) => a + b, 0); // up to steal; guest is inside user
  return { busy: total - idle, total };
}

export type CpuGroup =
  | 'Node (this process)'
  | 'local commands (ssh, script, bash…)'
  | 'sshd + remote programs'
  | 'Chromium renderer'
  | 'Chromium GPU'
  | 'Chromium other';

/** The commands this process spawns and reaps itself (ssh, script, bash -c) land in its cutime. */
const REAPED_BY_US: CpuGroup = 'local commands (ssh, script, bash…)';

/** Which group a descendant of this process belongs to, by its ancestry and command line. */
function classify(
  pid: number,
  procs: Map<number, ProcStat>,
  cmdlines: Map<number, string>,
): CpuGroup | undefined {
  if (pid === process.pid) return 'Node (this process)';
  const chain: number[] = [];
  for (let p: number | undefined = pid; p && p !== process.pid; p = procs.get(p)?.ppid) {
    chain.push(p);
    if (chain.length > 64) return undefined;
    if (!procs.has(p)) return undefined;
  }
  if (!procs.has(pid) || chain.length === 0) return undefined;
  // chain ends with our direct child: not ours if the walk never reached process.pid.
  const top = chain[chain.length - 1];
  if (top === undefined || procs.get(top)?.ppid !== process.pid) return undefined;
  const cmdOf = (p: number) => {
    let c = cmdlines.get(p);
    if (c === undefined) {
      c = cmdline(p);
      cmdlines.set(p, c);
    }
    return c;
  };
  if (chain.some((p) => procs.get(p)?.comm === 'sshd' || cmdOf(p).startsWith('sshd'))) {
    return 'sshd + remote programs';
  }
  if (chain.some((p) => /chrom/.test(procs.get(p)?.comm ?? ''))) {
    const cmd = cmdOf(pid);
    if (cmd.includes('--type=renderer')) return 'Chromium renderer';
    if (cmd.includes('--type=gpu-process')) return 'Chromium GPU';
    return 'Chromium other';
  }
  return REAPED_BY_US;
}

interface Snapshot {
  at: number;
  procs: Map<number, ProcStat>;
  machine: { busy: number; total: number };
}

function snapshot(): Snapshot {
  const procs = new Map<number, ProcStat>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const stat = readProc(Number(name));
    if (stat) procs.set(Number(name), stat);
  }
  return { at: performance.now(), procs, machine: machineTicks() };
}

export interface CpuReport {
  seconds: number;
  /** CPU seconds per group. */
  groups: Map<CpuGroup, number>;
  /** CPU seconds used by the whole machine, and how many cores it has. */
  machine: number;
  cores: number;
}

/** Start measuring; `stop()` returns CPU seconds by group over the interval (undefined off Linux). */
export function cpuMeter(cores: number): { stop(): CpuReport | undefined } {
  let start: Snapshot | undefined;
  try {
    start = snapshot();
  } catch {
    start = undefined;
  }
  return {
    stop() {
      if (!start) return undefined;
      const end = snapshot();
      const cmdlines = new Map<number, string>();
      const groups = new Map<CpuGroup, number>();
      const put = (group: CpuGroup | undefined, ticks: number) => {
        if (group) groups.set(group, (groups.get(group) ?? 0) + ticks / TICKS_PER_SECOND);
      };
      const add = (pid: number, stat: ProcStat, sign: number, procs: Map<number, ProcStat>) => {
        if (pid === process.pid) {
          put('Node (this process)', sign * stat.own);
          put(REAPED_BY_US, sign * stat.children);
        } else {
          put(classify(pid, procs, cmdlines), sign * (stat.own + stat.children));
        }
      };
      for (const [pid, stat] of end.procs) add(pid, stat, 1, end.procs);
      // A process gone by the end has had its time moved to its parent's: take out what it had
      // at the start, so that only the interval counts.
      for (const [pid, stat] of start.procs) {
        add(pid, stat, -1, end.procs.has(pid) ? end.procs : start.procs);
      }
      return {
        seconds: (end.at - start.at) / 1000,
        groups,
        machine:
          ((end.machine.busy - start.machine.busy) / (end.machine.total - start.machine.total)) *
          cores *
          ((end.at - start.at) / 1000),
        cores,
      };
    },
  };
}

/** "CPU (cores busy on average): Node 0.12, sshd + remote 0.85, …; machine 1.9 of 2 (others 0.4)". */
export function describeCpu(report: CpuReport | undefined): string {
  if (!report || report.seconds <= 0) return 'CPU: not measured (no /proc)';
  const perWall = (cpuSeconds: number) => (cpuSeconds / report.seconds).toFixed(2);
  const ours = [...report.groups.values()].reduce((a, b) => a + b, 0);
  const parts = [...report.groups.entries()]
    .filter(([, s]) => s / report.seconds >= 0.005)
    .sort((a, b) => b[1] - a[1])
    .map(([group, s]) => `${group} ${perWall(s)}`);
  return (
    `CPU, in cores busy on average: ${parts.join(', ')}; ` +
    `whole machine ${perWall(report.machine)} of ${report.cores} (others ${perWall(Math.max(0, report.machine - ours))})`
  );
}

/** CPU ms per MB (10^6 bytes) of one group, or of all of ours: what a path costs whatever the load. */
export function cpuMsPerMb(
  report: CpuReport | undefined,
  bytes: number,
  group?: CpuGroup,
): number | undefined {
  if (!report || bytes <= 0) return undefined;
  const seconds = group
    ? (report.groups.get(group) ?? 0)
    : [...report.groups.values()].reduce((a, b) => a + b, 0);
  return (seconds * 1000) / (bytes / 1e6);
}

/** "CPU per MB: Chromium renderer 52 ms, sshd + remote programs 40 ms, …; all ours 140 ms". */
export function describeCpuPerMb(report: CpuReport | undefined, bytes: number): string {
  if (!report || report.seconds <= 0) return 'CPU per MB: not measured (no /proc)';
  const parts = [...report.groups.keys()]
    .map((group) => [group, cpuMsPerMb(report, bytes, group) ?? 0] as const)
    .filter(([, perMb]) => perMb >= 0.5)
    .sort((a, b) => b[1] - a[1])
    .map(([group, perMb]) => `${group} ${perMb.toFixed(0)} ms`);
  return `CPU per MB: ${parts.join(', ')}; all ours ${(cpuMsPerMb(report, bytes) ?? 0).toFixed(0)} ms`;
}
