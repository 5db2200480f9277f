/**
 * Finds a short sequence of calls that one thread repeats back to back, the signature of an
 * infinite syscall loop (tool-output-formats.md §4.5; seed 003: `sendto` then `rename` = -1 ENOENT
 * forever, from a logging handler):
 *
 *   11735 15:09:54.051120 sendto(3, "<14>app: rotating log handler failed, retrying", …) = -1 ENOENT …
 *   11735 15:09:54.051190 rename("/srv/lab/app.log.1", "/srv/lab/app.log.2") = -1 ENOENT …
 *
 * Tokens are (syscall, errno) per thread. The last `window` tokens sit in a ring; every `every`
 * tokens each thread's sequence in the window is scanned for the period p ≤ maxPeriod whose run of
 * `seq[i] === seq[i - p]` covers the most calls. Once found, a run that is still going on is
 * followed token by token, so its repeat count is not limited by the window. Memory is O(window).
 *
 * A loop that pauses every N rounds (a batch, then a short sleep) breaks the run at each pause, so
 * the run "in a row" proves the loop but understates it: a tally (roundTally.ts) also counts every
 * round of the winning cycle in that thread, burst after burst: first over the window, then call
 * by call. It starts afresh when another thread or cycle wins, or when the cycle has made no round
 * for a whole window (and its run is over).
 */
import { feedTally, newTally, roundsPerSecond, sustainedRate, type RoundTally } from './roundTally';
import { longestRun, readableRotation, sameRotation } from './sequenceCycles';
import type { StraceCycleStep, StraceLoop } from './straceModel';

export interface SequenceDetectorOptions {
  /** Tokens kept (all threads). */
  window?: number;
  /** Re-scan the window after this many tokens. */
  every?: number;
  maxPeriod?: number;
  /** Fewer repetitions than this are not reported. */
  minRepeats?: number;
}

/**
 * Distinct (syscall, errno) tokens interned at most (at least twice the window): when full, the
 * table is rebuilt from the tokens still in the window. OTHER never matches anything.
 */
const MIN_TOKENS = 4096;
/** The token every interned-table overflow becomes; it never matches (see sequenceCycles.ts). */
const OTHER = 0;

interface Run {
  pid: number;
  cycle: number[];
  /** Index in `cycle` of the next expected token. */
  pos: number;
  tokens: number;
  ongoing: boolean;
  /** Global positions of the first and last token of the run (for the share in the window). */
  firstSeq: number;
  lastSeq: number;
  /** Times of the first and last token (NaN without timestamps). */
  firstTime: number;
  lastTime: number;
}

export class SequenceDetector {
  private readonly window: number;
  private readonly every: number;
  private readonly maxPeriod: number;
  private readonly minRepeats: number;
  private readonly maxTokens: number;
  /** name → errno ('' for none) → token id. */
  private ids = new Map<string, Map<string, number>>();
  private steps: StraceCycleStep[] = [{ name: '(other)', errno: null }];
  private readonly ringTok: Int32Array;
  private readonly ringPid: Float64Array;
  private readonly ringTime: Float64Array;
  private readonly scratchTok: Int32Array;
  private readonly scratchSeq: Float64Array;
  private readonly scratchGroup: Int32Array;
  private size = 0;
  private total = 0;
  private sinceEval = 0;
  private readonly pidCounts = new Map<number, number>();
  private run: Run | null = null;
  /** Every round of the run's cycle in the run's thread (see the header). */
  private tally: RoundTally | null = null;

  constructor(options: SequenceDetectorOptions = {}) {
    this.window = Math.max(16, options.window ?? 4096);
    this.every = Math.max(1, options.every ?? 2048);
    this.maxPeriod = Math.max(1, options.maxPeriod ?? 8);
    this.minRepeats = Math.max(2, options.minRepeats ?? 4);
    this.maxTokens = Math.max(MIN_TOKENS, this.window * 2 + 1);
    this.ringTok = new Int32Array(this.window);
    this.ringPid = new Float64Array(this.window);
    this.ringTime = new Float64Array(this.window);
    this.scratchTok = new Int32Array(this.window);
    this.scratchSeq = new Float64Array(this.window);
    this.scratchGroup = new Int32Array(this.window);
  }

  /** One finished call of thread `pid` (null: the only traced thread) at `time` (seconds). */
  push(pid: number | null, name: string, errno: string | null, time: number | null = null): void {
    let id = this.ids.get(name)?.get(errno ?? '');
    if (id === undefined) {
      if (this.steps.length >= this.maxTokens) this.compact();
      id = this.steps.length < this.maxTokens ? this.steps.length : OTHER;
      if (id !== OTHER) {
        this.intern(this.ids, name, errno, id);
        this.steps.push({ name, errno });
      }
    }
    const p = pid ?? -1;
    const slot = this.total % this.window;
    if (this.size === this.window) {
      const old = this.ringPid[slot] ?? -1;
      const n = (this.pidCounts.get(old) ?? 1) - 1;
      if (n <= 0) this.pidCounts.delete(old);
      else this.pidCounts.set(old, n);
    } else this.size++;
    this.ringTok[slot] = id;
    this.ringPid[slot] = p;
    this.ringTime[slot] = time ?? NaN;
    this.pidCounts.set(p, (this.pidCounts.get(p) ?? 0) + 1);
    const run = this.run;
    if (run && run.ongoing && run.pid === p) {
      if (id !== OTHER && run.cycle[run.pos] === id) {
        run.pos = (run.pos + 1) % run.cycle.length;
        run.tokens++;
        run.lastSeq = this.total;
        run.lastTime = time ?? NaN;
      } else run.ongoing = false;
    }
    if (this.tally && this.tally.pid === p) feedTally(this.tally, id, this.total, time ?? NaN);
    this.total++;
    if (++this.sinceEval >= this.every) {
      this.sinceEval = 0;
      this.run = this.choose(this.run, this.scan());
      this.tally = this.tallyFor(this.run, this.tally);
    }
  }

  /**
   * The loop found so far, or null. Calls that came in since the last scan are scanned too, without
   * changing the state, so when (or how often) this is asked never changes later answers.
   */
  result(): StraceLoop | null {
    const run = this.sinceEval > 0 ? this.choose(this.run, this.scan()) : this.run;
    if (!run) return null;
    const tally = this.sinceEval > 0 ? this.tallyFor(run, this.tally) : this.tally;
    const repeats = Math.floor(run.tokens / run.cycle.length);
    if (repeats < this.minRepeats) return null;
    const inWindow = this.inWindow(run);
    if (!run.ongoing && inWindow <= 0) return null; // an old run the window has forgotten
    const seconds = run.lastTime - run.firstTime;
    const steps = run.cycle.map((id) => ({ ...(this.steps[id] ?? { name: '?', errno: null }) }));
    return {
      cycle: readableRotation(steps),
      repeats,
      pid: run.pid < 0 ? null : run.pid,
      share: this.size === 0 ? 0 : Math.round((inWindow / this.size) * 1000) / 1000,
      ongoing: run.ongoing,
      rate: roundsPerSecond(repeats, seconds),
      rounds: tally?.rounds ?? repeats,
      bursts: Math.max(1, tally?.bursts ?? 1),
      sustainedRate: tally ? sustainedRate(tally) : null,
    };
  }

  private intern(
    ids: Map<string, Map<string, number>>,
    name: string,
    errno: string | null,
    id: number,
  ): void {
    let byErrno = ids.get(name);
    if (!byErrno) ids.set(name, (byErrno = new Map()));
    byErrno.set(errno ?? '', id);
  }

  /** Rebuilds the token table from the tokens in the window (and the run being followed). */
  private compact(): void {
    const remap = new Map<number, number>();
    const steps: StraceCycleStep[] = [{ name: '(other)', errno: null }];
    const ids = new Map<string, Map<string, number>>();
    const keep = (id: number): number => {
      if (id === OTHER) return OTHER;
      let n = remap.get(id);
      if (n === undefined) {
        const step = this.steps[id] ?? { name: '?', errno: null };
        n = steps.length;
        remap.set(id, n);
        steps.push(step);
        this.intern(ids, step.name, step.errno, n);
      }
      return n;
    };
    const start = this.total - this.size;
    for (let k = 0; k < this.size; k++) {
      const slot = (start + k) % this.window;
      this.ringTok[slot] = keep(this.ringTok[slot] ?? OTHER);
    }
    if (this.run) this.run.cycle = this.run.cycle.map(keep);
    const cycle = this.tally?.matcher.cycle ?? [];
    for (let i = 0; i < cycle.length; i++) cycle[i] = keep(cycle[i] ?? OTHER);
    this.steps = steps;
    this.ids = ids;
  }

  /** The run covering the most calls of one thread in the window. */
  private scan(): Run | null {
    // Group the window by thread (counting sort into preallocated arrays, oldest first).
    const start = this.total - this.size;
    const groupOf = new Map<number, number>();
    const counts: number[] = [];
    let lastPid = NaN;
    let lastGroup = 0;
    for (let k = 0; k < this.size; k++) {
      const p = this.ringPid[(start + k) % this.window] ?? -1;
      let g = p === lastPid ? lastGroup : groupOf.get(p);
      if (g === undefined) {
        g = counts.length;
        groupOf.set(p, g);
        counts.push(0);
      }
      counts[g] = (counts[g] ?? 0) + 1;
      this.scratchGroup[k] = g;
      lastPid = p;
      lastGroup = g;
    }
    const offsets: number[] = [];
    let sum = 0;
    for (const c of counts) {
      offsets.push(sum);
      sum += c;
    }
    const fill = [...offsets];
    for (let k = 0; k < this.size; k++) {
      const slot = (start + k) % this.window;
      const g = this.scratchGroup[k] ?? 0;
      const at = fill[g] ?? 0;
      fill[g] = at + 1;
      this.scratchTok[at] = this.ringTok[slot] ?? OTHER;
      this.scratchSeq[at] = start + k;
    }
    let best: Run | null = null;
    for (const [pid, g] of groupOf) {
      const from = offsets[g] ?? 0;
      const len = counts[g] ?? 0;
      if (len < this.minRepeats * 2) continue;
      const tok = this.scratchTok.subarray(from, from + len);
      const found = longestRun(tok, this.maxPeriod, this.minRepeats);
      if (!found || (best && found.coverage <= best.tokens)) continue;
      const first = found.end - found.coverage + 1;
      best = {
        pid,
        cycle: Array.from(tok.subarray(first, first + found.period)),
        pos: found.coverage % found.period,
        tokens: found.coverage,
        ongoing: found.end === len - 1,
        firstSeq: this.scratchSeq[from + first] ?? 0,
        lastSeq: this.scratchSeq[from + found.end] ?? 0,
        firstTime: NaN,
        lastTime: NaN,
      };
      best.firstTime = this.ringTime[best.firstSeq % this.window] ?? NaN;
      best.lastTime = this.ringTime[best.lastSeq % this.window] ?? NaN;
    }
    return best;
  }

  /** Keeps the run being followed unless the scan found a bigger one. */
  private choose(cur: Run | null, best: Run | null): Run | null {
    if (!best) return cur;
    if (!cur) return best;
    if (
      cur.ongoing &&
      cur.pid === best.pid &&
      best.ongoing &&
      sameRotation(cur.cycle, best.cycle)
    ) {
      return cur; // the run we follow: keep its full count
    }
    return best.tokens > this.inWindow(cur) ? best : cur;
  }

  /**
   * The tally for `run`: `cur` goes on counting while the thread and the cycle stay the same and the
   * cycle is still there (the run goes on, or a round ended within the window); otherwise a new
   * tally over the thread's calls in the window, left ready to follow the calls to come.
   */
  private tallyFor(run: Run | null, cur: RoundTally | null): RoundTally | null {
    if (!run) return null;
    const start = this.total - this.size;
    if (
      cur &&
      cur.pid === run.pid &&
      sameRotation(cur.matcher.cycle, run.cycle) &&
      (run.ongoing || cur.lastRoundSeq >= start)
    ) {
      return cur;
    }
    const t = newTally(run.pid, run.cycle);
    for (let k = 0; k < this.size; k++) {
      const slot = (start + k) % this.window;
      if (this.ringPid[slot] !== run.pid) continue;
      feedTally(t, this.ringTok[slot] ?? OTHER, start + k, this.ringTime[slot] ?? NaN);
    }
    return t;
  }

  /** Calls of the run still inside the window (exact for a single thread, else proportional). */
  private inWindow(run: Run): number {
    const windowStart = this.total - this.size;
    const span = run.lastSeq - run.firstSeq + 1;
    const overlap = Math.max(0, run.lastSeq - Math.max(run.firstSeq, windowStart) + 1);
    return Math.min(run.tokens, this.pidCounts.get(run.pid) ?? 0, (run.tokens * overlap) / span);
  }
}
