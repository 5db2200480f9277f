/**
 * The bounded aggregates behind AccessLogModel: capped counters, per-upstream stats, and the
 * timeline of status buckets with the slowest requests of each bucket. Nothing here grows with
 * the number of lines: every map and list has a cap.
 */
import type { SlowRequest, StatusBucket, StatusCount, UpstreamSummary } from './accessLogModel';
import { LatencyHistogram } from './latencyHistogram';
import { statusClass } from './nginxValues';

/** Thresholds (seconds) for the "requests slower than" counts. */
export const SLOW_THRESHOLDS: readonly number[] = [0.5, 1, 2, 5, 10, 30, 60];
const MAX_STATUSES = 64;
const MAX_BUCKET_STATUSES = 8;

/** Counts per key; past `cap` distinct keys, new ones go to "other". */
export class Counts {
  private readonly map = new Map<string, number>();
  constructor(private readonly cap: number) {}

  add(key: string): void {
    const n = this.map.get(key);
    if (n !== undefined) this.map.set(key, n + 1);
    else if (this.map.size < this.cap) this.map.set(key, 1);
    else this.map.set('other', (this.map.get('other') ?? 0) + 1);
  }

  sorted(): StatusCount[] {
    return [...this.map]
      .map(([status, count]) => ({ status, count }))
      .sort((a, b) => b.count - a.count || (a.status < b.status ? -1 : 1));
  }
}

/** Per-threshold counters: `add(v)` bumps every threshold that `v` exceeds. */
export class SlowCounts {
  private readonly counts = SLOW_THRESHOLDS.map(() => 0);

  add(seconds: number): void {
    SLOW_THRESHOLDS.forEach((t, i) => {
      if (seconds > t) this.counts[i] = (this.counts[i] ?? 0) + 1;
    });
  }

  list(): { overSeconds: number; count: number }[] {
    return SLOW_THRESHOLDS.map((t, i) => ({ overSeconds: t, count: this.counts[i] ?? 0 }));
  }
}

export class UpstreamStats {
  attempts = 0;
  failures = 0;
  readonly latency = new LatencyHistogram();
  readonly statuses = new Counts(MAX_STATUSES);
  /** Requests this upstream held longest, by slowness. */
  readonly slow = new SlowCounts();

  /** One attempt: its `$upstream_response_time` (null if none) and `$upstream_status`. */
  attempt(seconds: number | null, status: string | undefined): void {
    this.attempts++;
    if (seconds !== null) this.latency.add(seconds);
    if (status === undefined) return;
    this.statuses.add(/^\d{3}$/.test(status) || status === '-' ? status : 'other');
    if (/^5\d\d$/.test(status)) this.failures++;
  }

  summary(upstream: string): UpstreamSummary {
    return {
      upstream,
      attempts: this.attempts,
      latency: this.latency.summary(),
      statuses: this.statuses.sorted(),
      failures: this.failures,
      slowRequests: this.slow.list(),
    };
  }
}

const CLASS_FIELD = {
  '1xx': 's1xx',
  '2xx': 's2xx',
  '3xx': 's3xx',
  '4xx': 's4xx',
  '5xx': 's5xx',
  other: 'other',
} as const;

interface Bucket {
  counts: Omit<StatusBucket, 'statuses'>;
  statuses: Counts;
  slowest: SlowRequest[];
}

export function bySlowness(a: SlowRequest, b: SlowRequest): number {
  return b.seconds - a.seconds || a.line - b.line;
}

/**
 * Status counts in `bucketSeconds` buckets, the last `maxBuckets` of them (by time, not arrival),
 * each with its `topK` slowest requests; requests without a time keep their own top K.
 */
export class StatusTimeline {
  lateLines = 0;
  private readonly buckets = new Map<number, Bucket>();
  private newest = -Infinity;
  private readonly untimed: SlowRequest[] = [];

  constructor(
    readonly bucketSeconds: number,
    private readonly maxBuckets: number,
    private readonly topK: number,
  ) {}

  /**
   * Counts a request at `epoch` (null: no time); returns the slow list it may join, or null
   * when it is older than every bucket kept (counted in `lateLines`).
   */
  add(epoch: number | null, status: string): SlowRequest[] | null {
    if (epoch === null) return this.untimed;
    const b = this.bucketFor(epoch);
    if (b === null) return null;
    b.counts.total++;
    b.counts[CLASS_FIELD[statusClass(status)]]++;
    b.statuses.add(status);
    return b.slowest;
  }

  /** Whether a request this slow would enter `list` (build the entry only then). */
  qualifies(list: readonly SlowRequest[], seconds: number): boolean {
    const worst = list[list.length - 1];
    return list.length < this.topK || worst === undefined || seconds > worst.seconds;
  }

  insert(list: SlowRequest[], entry: SlowRequest): void {
    let i = list.length;
    while (i > 0 && bySlowness(entry, list[i - 1] as SlowRequest) < 0) i--;
    list.splice(i, 0, entry);
    if (list.length > this.topK) list.length = this.topK;
  }

  statusBuckets(): StatusBucket[] {
    return this.sortedBuckets().map((b) => ({ ...b.counts, statuses: b.statuses.sorted() }));
  }

  slowest(): SlowRequest[] {
    return [...this.sortedBuckets().flatMap((b) => b.slowest), ...this.untimed]
      .sort(bySlowness)
      .slice(0, this.topK)
      .map((s) => ({ ...s }));
  }

  private sortedBuckets(): Bucket[] {
    return [...this.buckets.values()].sort((a, b) => a.counts.start - b.counts.start);
  }

  private bucketFor(epoch: number): Bucket | null {
    const span = (this.maxBuckets - 1) * this.bucketSeconds;
    const start = Math.floor(epoch / this.bucketSeconds) * this.bucketSeconds;
    if (start > this.newest) {
      this.newest = start;
      for (const key of this.buckets.keys()) if (key < start - span) this.buckets.delete(key);
    } else if (start < this.newest - span) {
      this.lateLines++;
      return null;
    }
    let b = this.buckets.get(start);
    if (b === undefined) {
      b = {
        counts: { start, total: 0, s1xx: 0, s2xx: 0, s3xx: 0, s4xx: 0, s5xx: 0, other: 0 },
        statuses: new Counts(MAX_BUCKET_STATUSES),
        slowest: [],
      };
      this.buckets.set(start, b);
    }
    return b;
  }
}
