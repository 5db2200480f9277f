import { emptyTopModel, type TopModel } from '../../../shared/parsers/top/topCapture';

/** A `top` capture's model with the count of lines it did not understand. */
export type ThreadsView = TopModel & { unparsedLines: number };

export const emptyThreadsView: ThreadsView = { ...emptyTopModel(), unparsedLines: 0 };

/** What the table remembers between frames: the last view with rows, when the process went. */
export interface KeptThreads {
  view: ThreadsView | null;
  /** Time of the first frame seen without the process. */
  goneAt: string | null;
}

export const NOTHING_KEPT: KeptThreads = { view: null, goneAt: null };

/** What the thread table shows: the live view, or the last rows of a process that has gone. */
export interface ShownThreads {
  view: ThreadsView;
  /** Set once `top -p PID` lists no thread of the process any more. */
  gone: {
    /** Time of the first frame without it, as top printed it ("10:41:02"), if it did. */
    at: string | null;
    /** Time of the frame whose rows are kept, or null when no row of it was ever seen. */
    lastRowsAt: string | null;
  } | null;
  /** Pass it back with the next view. */
  kept: KeptThreads;
}

/**
 * `top -b -p PID` goes on printing frames after the process exits, with "Threads: 0 total" and
 * no rows. The table then keeps the rows it last had and says when the process went; a whole-host
 * top (pid null) never does this.
 */
export function shownThreads(
  kept: KeptThreads,
  live: ThreadsView,
  pid: number | null,
): ShownThreads {
  const frame = live.frame;
  if (frame && frame.rows.length > 0) {
    // A provisional frame may hold only the first rows: keep a complete one when there is one.
    const view = live.provisional && kept.view ? kept.view : live;
    return { view: live, gone: null, kept: { view, goneAt: null } };
  }
  const vanished = pid !== null && frame !== null && frame.summary.tasks?.total === 0;
  if (!vanished) return { view: live, gone: null, kept };
  // The first empty frame dates the exit; later ones do not move it.
  const goneAt = kept.goneAt ?? frame.summary.time ?? null;
  const gone = { at: goneAt, lastRowsAt: kept.view?.frame?.summary.time ?? null };
  // The counters go on (frames seen, lines not understood); the rows are the last ones seen.
  const view = kept.view
    ? { ...kept.view, framesSeen: live.framesSeen, unparsedLines: live.unparsedLines }
    : live;
  return { view, gone, kept: { view: kept.view, goneAt } };
}
