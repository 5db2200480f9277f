/**
 * Data model of parsed strace output: one event per line (straceLine.ts), the bounded aggregates of
 * a live trace (straceParser.ts) and the `-c` summary table (straceSummaryParser.ts).
 * Grammar notes: docs/tool-output-formats.md §1.6; recordings: test/fixtures/strace.
 */

import type { StraceEvent, StraceMessageEvent } from './straceEvents';

export type * from './straceEvents';

/** One `-c` table row (columns strace did not print are null / absent). */
export interface StraceSummaryRow {
  name: string;
  percentTime: number | null;
  /** `seconds`: total system time (or wall time with -w). */
  seconds: number | null;
  usecsPerCall: number | null;
  calls: number | null;
  /** Blank in the table means 0. */
  errors: number;
  /** `-U shortest,longest` (seconds). */
  minSeconds?: number;
  maxSeconds?: number;
  /** strace ≥ 7.1 `-U wall-total,wall-min,wall-max,wall-avg`. */
  wallSeconds?: number;
  wallMinSeconds?: number;
  wallMaxSeconds?: number;
  wallUsecsPerCall?: number;
}

/** The last `strace -c` table seen (the one being read, or the last complete one). */
export interface StraceSummary {
  rows: StraceSummaryRow[];
  total?: StraceSummaryRow;
  /** Column names as printed in the header ("% time", "seconds", …). */
  columns: string[];
  /** "System call usage summary for 32 bit mode:" → "32 bit". */
  personality?: string;
  /** The `total` row was read. */
  complete: boolean;
  /** Tables seen so far (several with multiple personalities or repeated runs). */
  tables: number;
}

/** Per syscall name, over the whole trace. */
export interface StraceSyscallStats {
  name: string;
  count: number;
  errors: number;
  /** Sum of -T durations (seconds); 0 without -T. */
  totalTime: number;
  maxTime: number;
}

export interface StraceErrnoCount {
  errno: string;
  count: number;
}

/** Failed calls grouped by (syscall, errno, path). */
export interface StraceErrorGroup {
  syscall: string;
  errno: string;
  path: string | null;
  count: number;
  /** The last such call, as text (capped), for evidence. */
  example: string;
}

export interface StraceThreadStats {
  pid: number | null;
  comm?: string;
  count: number;
  errors: number;
  /** Sum of -T durations of this thread's calls (seconds). */
  busyTime: number;
  /** The last call this thread finished. */
  lastCall: string | null;
  exit?: { code: number | null; killedBy: string | null };
}

export interface StraceTimelineBucket {
  /** Start of the 1-second bucket, in the printed time scale (floor of the timestamp). */
  second: number;
  count: number;
  errors: number;
  /** Sum of -T durations of the calls that finished in this second (seconds). */
  busyTime: number;
}

export interface StraceThreadTimeline {
  /** null for the aggregate of all threads. */
  pid: number | null;
  all: boolean;
  buckets: StraceTimelineBucket[];
}

/** A call in flight (`<unfinished ...>` not yet resumed): a thread blocked in `futex` shows here. */
export interface StracePendingCall {
  pid: number | null;
  name: string;
  args: string;
  /** When it started (printed scale), or null. */
  since: number | null;
  sinceRaw: string | null;
}

export interface StraceMessage {
  kind: StraceMessageEvent['kind'];
  pid: number | null;
  text: string;
  error?: string;
  /** 1-based line number in the stream. */
  line: number;
}

export interface StraceCycleStep {
  name: string;
  errno: string | null;
}

/** A short sequence of calls repeating back to back in one thread (sequenceDetector.ts). */
export interface StraceLoop {
  cycle: StraceCycleStep[];
  /** Consecutive repetitions of the whole cycle (counted beyond the window while it goes on). */
  repeats: number;
  pid: number | null;
  /** Fraction of the recent calls (all threads) that belong to this run. */
  share: number;
  /** The run was still going on at the last call of that thread. */
  ongoing: boolean;
  /** Cycles per second over the run (from the timestamps), null without them. */
  rate: number | null;
  /**
   * Rounds of the same cycle by the same thread, pauses and all: every round in the detector's
   * window, then every round since while the cycle keeps coming back (≥ repeats).
   */
  rounds: number;
  /** Runs of back-to-back rounds those rounds came in (1: one run, `repeats` in a row). */
  bursts: number;
  /** Rounds per second from the first to the last of those rounds (pauses included), or null. */
  sustainedRate: number | null;
}

export type StraceTimeFormat = 'none' | 'clock' | 'clock-us' | 'epoch' | 'relative';

/**
 * The last events a live capture keeps and sends to its view: what the "recent" list shows. A
 * model crosses to the page on every update, and 2 000 events were 97 % of its bytes.
 */
export const STRACE_RECENT_SHOWN = 300;

export interface StraceModel {
  /** Non-blank lines seen. */
  lines: number;
  unparsedLines: number;
  /** Finished calls (complete lines, joined pairs and lone resumed halves). */
  calls: number;
  /** Finished calls that returned an errno. */
  errors: number;
  timeFormat: StraceTimeFormat;
  /** -T durations were printed. */
  hasDurations: boolean;
  firstTime: number | null;
  lastTime: number | null;
  firstTimeRaw: string | null;
  lastTimeRaw: string | null;
  /** By count, descending. */
  syscalls: StraceSyscallStats[];
  errnos: StraceErrnoCount[];
  errorGroups: StraceErrorGroup[];
  /** Failed calls whose (syscall, errno, path) key did not fit the key cap. */
  otherErrors: number;
  /** By count, descending (capped). */
  threads: StraceThreadStats[];
  /** The aggregate (all: true) first, then the busiest threads. */
  timeline: StraceThreadTimeline[];
  /** The last events, oldest first: calls (pairs joined), signals, exits and messages. */
  recent: StraceEvent[];
  pending: StracePendingCall[];
  messages: StraceMessage[];
  signals: { signal: string; count: number }[];
  exits: { pid: number | null; code: number | null; killedBy: string | null }[];
  loop: StraceLoop | null;
  /** A `-c` / `-C` table that appeared in the stream. */
  summary: StraceSummary | null;
  /** What the caps dropped (0 when nothing was). */
  dropped: { syscallNames: number; threads: number; messages: number };
}
