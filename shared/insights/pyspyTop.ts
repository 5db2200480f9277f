/**
 * The reading of py-spy top's header (`GIL: 100.00%, Active: 500.00%, Threads: 23`). A busy GIL
 * is contention only when more than one thread wants to run: with eight threads queued on a lock
 * and one running inside it, the GIL is busy too, but nobody waits for it (issue 12).
 */
import type { PySpyTopModel } from '../parsers/pyspy/topScreenParser';

/** Active threads × 100 above this: more than one thread wants a CPU at once, on average. */
const CONTENDED_ACTIVE = 150;

export function pyspyTopReading(model: PySpyTopModel): string | null {
  const gil = model.gilPercent;
  const active = model.activePercent;
  if (gil === null || gil < 90) return null;
  if (active !== null && active >= CONTENDED_ACTIVE) {
    return `The GIL is held ${gil} % of the time and ${(active / 100).toFixed(1)} threads are active on average: Python threads take turns on one core; more threads will not go faster.`;
  }
  return `The GIL is held ${gil} % of the time by about one active thread: one thread runs Python code nearly all the time. The other threads are not waiting for the GIL; if requests hang, look at what they wait on (a lock, a socket) in a dump.`;
}
