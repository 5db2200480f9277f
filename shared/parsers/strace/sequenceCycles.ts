/**
 * Cycle arithmetic for sequenceDetector.ts: the longest back-to-back run of a short period in a
 * token sequence, and cycle rotations.
 */
import type { StraceCycleStep } from './straceModel';

/** Token 0 stands for "not interned" and never matches. */
const OTHER = 0;

export interface FoundRun {
  period: number;
  /** Tokens covered by the run (the first period included). */
  coverage: number;
  /** Index of the run's last token. */
  end: number;
}

/**
 * The period p ≤ maxPeriod whose run of `tok[i] === tok[i - p]` covers the most tokens, with at
 * least minRepeats repetitions (ties: the shorter period, so a cycle is reported in its primitive
 * form), or null. O(tokens × maxPeriod).
 */
export function longestRun(
  tok: Int32Array,
  maxPeriod: number,
  minRepeats: number,
): FoundRun | null {
  let best: FoundRun | null = null;
  for (let p = 1; p <= maxPeriod && p * minRepeats <= tok.length; p++) {
    let cur = 0;
    let top = 0;
    let topEnd = -1;
    for (let i = p; i < tok.length; i++) {
      const t = tok[i];
      if (t !== OTHER && t === tok[i - p]) {
        cur++;
        // `>=` keeps the latest of equally long runs, so an ongoing loop wins over an old one.
        if (cur >= top) {
          top = cur;
          topEnd = i;
        }
      } else cur = 0;
    }
    const coverage = top + p;
    if (top > 0 && Math.floor(coverage / p) >= minRepeats && (!best || coverage > best.coverage)) {
      best = { period: p, coverage, end: topEnd };
    }
  }
  return best;
}

/**
 * The rotation that ends on a failing call when the cycle mixes failures and successes
 * (`getpid; sendto; rename = -1 ENOENT` rather than `rename = -1 ENOENT; getpid; sendto`): the
 * window may start anywhere in the cycle, this reads like the loop's own order.
 */
export function readableRotation(steps: StraceCycleStep[]): StraceCycleStep[] {
  const n = steps.length;
  if (steps.every((s) => s.errno === null) || steps.every((s) => s.errno !== null)) return steps;
  for (let r = 0; r < n; r++) {
    const prev = steps[(r + n - 1) % n];
    if (prev && prev.errno !== null && steps[r]?.errno === null) {
      return [...steps.slice(r), ...steps.slice(0, r)];
    }
  }
  return steps;
}

export function sameRotation(a: readonly number[], b: readonly number[]): boolean {
  if (a.length !== b.length) return false;
  for (let r = 0; r < a.length; r++) {
    let ok = true;
    for (let i = 0; i < a.length && ok; i++) ok = a[(i + r) % a.length] === b[i];
    if (ok) return true;
  }
  return false;
}
