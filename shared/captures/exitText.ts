import { asClause } from '../util/sentence';
import type { CaptureParams } from './recipes';

/** `timeout`'s exit status when the time ran out and it stopped the command. */
const TIMED_OUT = 124;

/**
 * Why a terminal ended, in words: some captures end by design with a status that reads like a
 * failure (`timeout -s INT S strace -c` exits 124 once its seconds are up, having printed the
 * summary).
 */
export function describeExit(
  capture: CaptureParams | undefined,
  exit: { exitCode?: number | null; signal?: string | null; reason?: string | null },
): string {
  if (exit.reason) return exit.reason;
  if (exit.signal) return `ended by signal ${exit.signal}`;
  if (capture?.recipe === 'strace-summary' && exit.exitCode === TIMED_OUT)
    return `its ${capture.seconds} s were up and strace printed its summary (timeout's status ${TIMED_OUT})`;
  return `exited with code ${exit.exitCode ?? '?'}`;
}

/**
 * The line shown over an ended tab. `why` may be a fragment ("exited with code 1") or a whole
 * sentence from the Node side ("The connection to db1 closed."): one final period, never two.
 */
export function endedBanner(why: string): string {
  return `Ended: ${asClause(why, 'for an unknown reason')}. What it printed stays below.`;
}
