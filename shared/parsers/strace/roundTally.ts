/**
 * Rounds of one cycle that one thread made, in bursts: for sequenceDetector.ts. A real loop often
 * pauses every N rounds (a retry with a short sleep, a batch then `select`), which ends the run "in
 * a row" at each pause; the tally counts every round of the cycle in that thread's calls, however
 * paused. Occurrences are greedy and non-overlapping (KMP, O(1) a call), so a tally over a stream
 * counts at least the rounds of any back-to-back run inside it.
 */

/** Token 0 stands for "not interned" and never matches (as in sequenceCycles.ts). */
const OTHER = 0;

export class CycleMatcher {
  /** Token ids, remapped in place when the detector rebuilds its token table. */
  readonly cycle: number[];
  /** KMP failure function: the longest proper prefix that is also a suffix of cycle[0..i]. */
  private readonly fallback: Int32Array;
  private state = 0;

  constructor(cycle: readonly number[]) {
    this.cycle = [...cycle];
    this.fallback = new Int32Array(this.cycle.length);
    for (let i = 1, k = 0; i < this.cycle.length; i++) {
      while (k > 0 && this.cycle[i] !== this.cycle[k]) k = this.fallback[k - 1] ?? 0;
      if (this.cycle[i] === this.cycle[k]) k++;
      this.fallback[i] = k;
    }
  }

  /** One token; true when it completes an occurrence of the cycle (the next one starts afresh). */
  step(tok: number): boolean {
    if (tok === OTHER) {
      this.state = 0;
      return false;
    }
    let s = this.state;
    while (s > 0 && this.cycle[s] !== tok) s = this.fallback[s - 1] ?? 0;
    if (this.cycle[s] === tok) s++;
    this.state = s === this.cycle.length ? 0 : s;
    return s === this.cycle.length;
  }
}

export interface RoundTally {
  pid: number;
  matcher: CycleMatcher;
  rounds: number;
  /** Runs of back-to-back rounds (a round right after the previous one joins its burst). */
  bursts: number;
  /** Calls of the thread fed so far, and that count at the end of the last round. */
  calls: number;
  lastRoundEnd: number;
  /** Global position of the last round's last call (-1 before the first round). */
  lastRoundSeq: number;
  /** Times of the first and the last round's last call (NaN without timestamps). */
  firstRoundTime: number;
  lastRoundTime: number;
}

export function newTally(pid: number, cycle: readonly number[]): RoundTally {
  return {
    pid,
    matcher: new CycleMatcher(cycle),
    rounds: 0,
    bursts: 0,
    calls: 0,
    lastRoundEnd: -1,
    lastRoundSeq: -1,
    firstRoundTime: NaN,
    lastRoundTime: NaN,
  };
}

/** One call of the tally's thread, at global position `seq`. */
export function feedTally(t: RoundTally, tok: number, seq: number, time: number): void {
  t.calls++;
  if (!t.matcher.step(tok)) return;
  if (t.rounds === 0 || t.calls - t.matcher.cycle.length !== t.lastRoundEnd) t.bursts++;
  if (t.rounds === 0) t.firstRoundTime = time;
  t.rounds++;
  t.lastRoundEnd = t.calls;
  t.lastRoundSeq = seq;
  t.lastRoundTime = time;
}

/** Rounds per second over `seconds` from the end of the first round to the end of the last, to 0.1. */
export const roundsPerSecond = (rounds: number, seconds: number): number | null =>
  seconds > 0 && rounds > 1 ? Math.round(((rounds - 1) / seconds) * 10) / 10 : null;

/** Rounds per second from the first to the last round (null without timestamps). */
export function sustainedRate(t: RoundTally): number | null {
  return roundsPerSecond(t.rounds, t.lastRoundTime - t.firstRoundTime);
}
