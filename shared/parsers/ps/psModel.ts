/**
 * Data model of a parsed `ps` listing (procps-ng 3.3 … 4.x): `ps aux`, `ps -ef`, `ps -eLf`,
 * `ps -eo pid,ppid,user,pcpu,pmem,stat,etime,comm,args` and other `-o` lists. Columns are found
 * by header name, so any order and any subset works; unknown columns land in `extra`.
 */

export interface PsRow {
  pid: number;
  ppid: number | null;
  /** Thread id: LWP (`-L`), SPID or TID columns. */
  tid: number | null;
  /** Threads of the process: NLWP / THCNT. */
  threads: number | null;
  /** USER, UID, RUSER, EUSER… as printed (a name, a number, or a name cut with `+`). */
  user: string | null;
  /** %CPU (lifetime average, 100 = one core) or `-f`'s integer C. */
  cpuPercent: number | null;
  memPercent: number | null;
  vszKiB: number | null;
  rssKiB: number | null;
  tty: string | null;
  /** STAT ("Ssl", "R+", "Z") or S ("S"). */
  stat: string | null;
  /** START / STIME / STARTED exactly as printed ("07:38", "Nov23", "Mon Nov 23 07:38:43 2026"). */
  started: string | null;
  cpuTimeSeconds: number | null;
  elapsedSeconds: number | null;
  /** The short name (`comm`, 15 characters at most) when a separate column shows it. */
  comm: string | null;
  /** The command column: `args` with spaces for aux/-f/-o args, the bare name for `-o comm`. */
  command: string;
  /** Program name: comm, else the command's first word without path, `[ ]` or a trailing `:`. */
  name: string;
  /** Columns this model has no field for (WCHAN, NI, PSR…), keyed by header name. */
  extra?: Record<string, string>;
}

export interface PsTable {
  /** Header names as printed (`COMMAND` twice for `-o comm,args`). */
  columns: string[];
  /** `threads` when a thread-id column (LWP/SPID/TID) is present (`ps -eLf`, `ps -T`). */
  kind: 'processes' | 'threads';
  rows: PsRow[];
  /** Rows beyond the per-table cap, counted but not kept. */
  droppedRows: number;
  /** Lines under this header that were not understood. */
  unparsedLines: number;
}

export interface PsModel {
  /** The latest listing that has rows (a new header starts a new listing, e.g. under `watch`). */
  table: PsTable | null;
  /** Header lines seen so far. */
  tablesSeen: number;
  /** Lines not understood so far, in all listings and outside them. */
  unparsedLines: number;
}
