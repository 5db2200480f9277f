/**
 * A bounded latency histogram: log-spaced buckets 1 % wide from 1 ms up (a sparse map, at most
 * ~2 100 buckets up to 11 days), plus exact count, sum, min and max. Quantiles come back within
 * 1 % and clamped to [min, max], so a single value reads back exactly. nginx prints times with
 * millisecond resolution, so nothing is lost below 1 ms.
 */

const BASE = 0.001;
const RATIO = 1.01;
const LOG_RATIO = Math.log(RATIO);
const MAX_SECONDS = 1e6;

export interface LatencySummary {
  count: number;
  /** Seconds; null when count is 0. */
  mean: number | null;
  p50: number | null;
  p95: number | null;
  p99: number | null;
  min: number | null;
  max: number | null;
}

const round3 = (v: number): number => Math.round(v * 1000) / 1000;

export class LatencyHistogram {
  private readonly buckets = new Map<number, number>();
  private count = 0;
  private sum = 0;
  private min = Infinity;
  private max = -Infinity;

  add(seconds: number): void {
    if (!Number.isFinite(seconds) || seconds < 0) return;
    const v = Math.min(seconds, MAX_SECONDS);
    const index = v < BASE ? 0 : 1 + Math.floor(Math.log(v / BASE) / LOG_RATIO + 1e-9);
    this.buckets.set(index, (this.buckets.get(index) ?? 0) + 1);
    this.count++;
    this.sum += v;
    if (v < this.min) this.min = v;
    if (v > this.max) this.max = v;
  }

  get size(): number {
    return this.count;
  }

  /** Nearest-rank quantile (0 < q ≤ 1), or null when empty. */
  quantile(q: number): number | null {
    if (this.count === 0) return null;
    const rank = Math.max(1, Math.ceil(q * this.count));
    const keys = [...this.buckets.keys()].sort((a, b) => a - b);
    let seen = 0;
    for (const k of keys) {
      seen += this.buckets.get(k) ?? 0;
      if (seen >= rank) return this.clamp(k === 0 ? 0 : BASE * RATIO ** (k - 0.5));
    }
    return this.max;
  }

  summary(): LatencySummary {
    if (this.count === 0) {
      return { count: 0, mean: null, p50: null, p95: null, p99: null, min: null, max: null };
    }
    const q = (p: number): number | null => {
      const v = this.quantile(p);
      return v === null ? null : round3(v);
    };
    return {
      count: this.count,
      mean: round3(this.sum / this.count),
      p50: q(0.5),
      p95: q(0.95),
      p99: q(0.99),
      min: round3(this.min),
      max: round3(this.max),
    };
  }

  private clamp(v: number): number {
    return Math.min(this.max, Math.max(this.min, v));
  }
}
