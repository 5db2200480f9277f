/**
 * Where a finding's evidence is, precisely enough for a view to scroll to it and highlight it:
 * every reference names its capture and the row, thread, frame, dump or line inside it.
 */
import type { CaptureParamsInput } from '../captures/recipes';

export type EvidenceRef =
  /** A row of the `top` frame on screen (a thread with -H, else a process). */
  | { kind: 'top-row'; capture: string; pid: number }
  /** That frame's summary lines (%Cpu(s), Tasks:). */
  | { kind: 'top-summary'; capture: string }
  /** A thread of one dump run (`dump` is the index in the model's `dumps`). */
  | { kind: 'thread'; capture: string; dump: number; threadId: string; tid: number | null }
  /** One frame of that thread (`frame` is the index in its frames, leaf first). */
  | {
      kind: 'frame';
      capture: string;
      dump: number;
      threadId: string;
      tid: number | null;
      frame: number;
    }
  /** py-spy top's header (GIL %, Active %, Threads). */
  | { kind: 'pyspy-top-summary'; capture: string }
  /** py-spy top's row (`row` is the index in the model's rows). */
  | { kind: 'pyspy-top-row'; capture: string; row: number }
  /** A function of a `py-spy record` profile (its flame graph can search for it). */
  | { kind: 'profile-function'; capture: string; function: string; file: string | null }
  /** The strace loop detector's verdict. */
  | { kind: 'strace-loop'; capture: string }
  /** A syscall's statistics, or its failures with one errno. */
  | { kind: 'strace-syscall'; capture: string; syscall: string; errno?: string }
  /** A `strace -c` table row. */
  | { kind: 'strace-summary-row'; capture: string; syscall: string }
  /** An `ss` socket (`index` in the model's sockets) or listener (`listener` index). */
  | { kind: 'socket'; capture: string; index: number }
  | { kind: 'listener'; capture: string; index: number }
  /** A `ps` row. */
  | { kind: 'ps-row'; capture: string; pid: number; tid: number | null }
  /** An nginx upstream's summary, or one error kind. */
  | { kind: 'upstream'; capture: string; upstream: string }
  | { kind: 'nginx-error-kind'; capture: string; level: string; errorKind: string }
  /** A line of a log capture (1-based). */
  | { kind: 'log-line'; capture: string; line: number };

/** The capture that would check or sharpen a finding, runnable with one action. */
export interface NextStep {
  /** "dump its stack", "three dumps a second apart" */
  label: string;
  capture: CaptureParamsInput;
  /** The thread to look at in the result (the views focus it). */
  focusTid?: number;
  /** How many times to run it, and how far apart (a single run when absent). */
  repeat?: { times: number; everySeconds: number };
}
