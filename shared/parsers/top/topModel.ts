/**
 * Data model of one parsed `top` batch frame (procps-ng, busybox or Android's toybox `top -b`).
 * Grammar notes: docs/tool-output-formats.md §1.4 (procps) and §1.5 (busybox).
 */

export interface TopLoad {
  one: number;
  five: number;
  fifteen: number;
}

/** CPU split in percent of the whole machine (busybox usr/sys/nic/idle/io/irq/sirq mapped here). */
export interface TopCpu {
  us: number;
  sy: number;
  ni: number;
  id: number;
  wa: number;
  hi: number;
  si: number;
  st: number;
}

export interface TopSummary {
  /** "11:24:50" */
  time?: string;
  /** "2 min", "1:08", "3 days,  4:02" as printed (ends trimmed). */
  uptime?: string;
  users?: number;
  load?: TopLoad;
  /** "Tasks:" vs "Threads:" (top -H). */
  taskKind?: 'tasks' | 'threads';
  tasks?: {
    total: number;
    running: number;
    sleeping: number;
    stopped: number;
    zombie: number;
    dsleep?: number;
  };
  /** Percent of the whole machine (`%Cpu(s):` / busybox `CPU:` / toybox `800%cpu …` scaled). */
  cpu?: TopCpu;
  /** Number of CPUs when top prints it (toybox `800%cpu` = 8). */
  cpuCount?: number;
  /** Per-CPU (`%Cpu0 :`, busybox `CPU0:`) or NUMA (`%Node0 :`) lines when toggled on: label "cpu0", "node1". */
  perCpu?: (TopCpu & { label: string })[];
  /** Converted to KiB whatever unit was printed. busybox: total = used + free, buffCache = buff + cached. */
  memKiB?: { total: number; free: number; used: number; buffCache: number };
  /** availMem is 0 when the line does not print it (procps ≤ 3.3.9, busybox). */
  swapKiB?: { total: number; free: number; used: number; availMem: number };
  /** True when a summary value was cut by top and printed with a trailing `+` (value is a lower bound). */
  truncated?: boolean;
  /** busybox `Load average:` extras: runnable/total scheduling entities and the last pid. */
  entities?: { running: number; total: number };
  lastPid?: number;
}

export interface TopRow {
  /** With -H this is the thread id (TID). */
  pid: number;
  user: string;
  /** "20", "rt", "-51" */
  priority: string;
  nice: number;
  /** Scaled suffix k/m/g/t/p/e expanded; null for "?" or when the column is absent. */
  virtKiB: number | null;
  resKiB: number | null;
  shrKiB: number | null;
  /** R S D I T t Z (procps `S`), busybox `STAT` such as "S<" or "RN". */
  state: string;
  /** procps: Irix mode, 100 = one core. busybox: share of the whole machine (see frame flavor). */
  cpuPercent: number;
  memPercent: number | null;
  /** TIME+ (or TIME) in all its scales; null if "?" or absent. */
  cpuTimeSeconds: number | null;
  command: string;
  ppid?: number;
  /** Last CPU the task ran on (procps `P`, busybox `CPU`). */
  lastCpu?: number;
  /** busybox %VSZ (virtual size relative to MemTotal). */
  vszPercent?: number;
  /** USER ended with top's truncation mark `+`. */
  userTruncated?: true;
  /** procps COMMAND ended with `+` (top cut it to the column width; could also be a real name like "g++"). */
  commandTruncated?: true;
  /** Raw tokens of columns this model has no field for (e.g. nTH, SWAP, WCHAN), keyed by header name. */
  extra?: Record<string, string>;
}

export interface TopFrame {
  /** toybox (Android) rows read like procps': %CPU is 100 per core, TIME+ as procps. */
  flavor: 'procps' | 'busybox' | 'toybox';
  summary: TopSummary;
  rows: TopRow[];
  /** Lines inside this frame that were not understood. */
  unparsedLines: number;
  /** Header names as printed (localised names such as BEFEHL are kept as printed). */
  columns: string[];
  /** Rows beyond the per-frame cap that were dropped to keep memory bounded. */
  droppedRows?: number;
}
