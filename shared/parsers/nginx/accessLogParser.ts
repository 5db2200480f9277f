/**
 * Incremental parser for nginx access logs (`tail -f access.log`), in `combined` or any
 * `log_format` (logFormat.ts). Example, the lab's format with a retried request:
 *   127.0.0.1 - - [23/Nov/2026:08:26:31 +0000] "GET /api/users/7/profile HTTP/1.1" 200 70 "-"
 *   "Python-urllib/3.11" 138 0.002 127.0.0.1:36339, 127.0.0.1:39035 0, 70 0.001, 0.002 502, 200
 * Each `$upstream_addr` entry pairs by position with `$upstream_response_time` and
 * `$upstream_status`. Everything kept is bounded, so an endless tail runs in constant memory:
 * a latency histogram per upstream (at most MAX_UPSTREAMS), status counts per time bucket (the
 * last `maxBuckets`), the `topK` slowest requests per bucket. Per line only, so any chunking
 * gives the same model. Format: https://nginx.org/en/docs/http/ngx_http_log_module.html
 */
import { LineStreamParser } from '../lineStreamParser';
import { Counts, SlowCounts, StatusTimeline, UpstreamStats } from './accessLogAggregates';
import type { AccessLogModel } from './accessLogModel';
import { LatencyHistogram } from './latencyHistogram';
import { COMBINED_FORMAT, compileLogFormat, type CompiledLogFormat } from './logFormat';
import {
  parseSeconds,
  parseTimeVariable,
  splitUpstreamList,
  TIME_VARIABLES,
  type TimeVariable,
} from './nginxValues';

export { SLOW_THRESHOLDS } from './accessLogAggregates';
export const MAX_UPSTREAMS = 64;
const MAX_STATUSES = 64;
/** Longest request text kept in a SlowRequest. */
const MAX_FIELD = 1_000;
const MAX_ADDRESS = 200;

export interface AccessLogOptions {
  /** A `log_format` string (or pasted directive) or a compiled one. Default: `combined`, extra trailing fields allowed. */
  format?: string | CompiledLogFormat;
  /** Seconds per status bucket (default 10). */
  bucketSeconds?: number;
  /** Buckets kept (default 360: an hour of 10-second buckets). */
  maxBuckets?: number;
  /** Slowest requests kept (default 20). */
  topK?: number;
}

/** The variables the aggregates read. */
const FIELDS = [
  'status',
  'upstream_addr',
  'upstream_response_time',
  'upstream_status',
  'request_time',
  'request',
  'request_uri',
  'uri',
  'remote_addr',
] as const;
type Field = (typeof FIELDS)[number];

export class NginxAccessLogParser extends LineStreamParser<AccessLogModel> {
  private readonly format: CompiledLogFormat;
  private readonly hasUpstreamTimes: boolean;
  /** Position of each variable the aggregates read in `format.match()`'s values, -1 if absent. */
  private readonly slots: Record<Field, number>;
  private readonly timeSlot: { variable: TimeVariable; slot: number } | null;
  /** Consecutive lines mostly share their time text: parse it once. */
  private cachedTime: { text: string; epoch: number | null } | null = null;
  private lineNo = 0;
  private seen = 0;
  private requests = 0;
  private unparsed = 0;
  private firstTime: string | null = null;
  private lastTime: string | null = null;
  private readonly overall = new LatencyHistogram();
  private readonly overallSlow = new SlowCounts();
  private readonly statuses = new Counts(MAX_STATUSES);
  private readonly upstreams = new Map<string, UpstreamStats>();
  private otherUpstreamAttempts = 0;
  private withoutUpstream = 0;
  private readonly timeline: StatusTimeline;

  constructor(options: AccessLogOptions = {}) {
    super();
    const f = options.format ?? compileLogFormat(COMBINED_FORMAT, { allowTrailing: true });
    this.format = typeof f === 'string' ? compileLogFormat(f) : f;
    const positive = (v: number | undefined, fallback: number): number =>
      Math.max(1, Math.floor(v ?? fallback) || fallback);
    this.timeline = new StatusTimeline(
      positive(options.bucketSeconds, 10),
      positive(options.maxBuckets, 360),
      positive(options.topK, 20),
    );
    const vars = this.format.variables;
    this.hasUpstreamTimes = vars.includes('upstream_response_time');
    this.slots = Object.fromEntries(FIELDS.map((name) => [name, vars.indexOf(name)])) as Record<
      Field,
      number
    >;
    const timeVar = TIME_VARIABLES.find((v) => vars.includes(v));
    this.timeSlot =
      timeVar === undefined ? null : { variable: timeVar, slot: vars.indexOf(timeVar) };
  }

  protected takeOverlong(): void {
    this.lineNo++;
    this.seen++;
    this.unparsed++;
  }

  get unparsedLines(): number {
    return this.unparsed;
  }

  snapshot(): AccessLogModel {
    const vars = this.format.variables;
    return {
      format: this.format.format,
      variables: [...vars],
      lines: this.seen,
      requests: this.requests,
      unparsedLines: this.unparsed,
      firstTime: this.firstTime,
      lastTime: this.lastTime,
      latencySource: vars.includes('request_time')
        ? 'request_time'
        : this.hasUpstreamTimes
          ? 'upstream_response_time'
          : null,
      overall: this.overall.summary(),
      slowRequests: this.overallSlow.list(),
      statuses: this.statuses.sorted(),
      upstreams: [...this.upstreams]
        .map(([addr, u]) => u.summary(addr))
        .sort((a, b) => b.attempts - a.attempts || (a.upstream < b.upstream ? -1 : 1)),
      otherUpstreamAttempts: this.otherUpstreamAttempts,
      withoutUpstream: this.withoutUpstream,
      bucketSeconds: this.timeline.bucketSeconds,
      buckets: this.timeline.statusBuckets(),
      lateLines: this.timeline.lateLines,
      slowest: this.timeline.slowest(),
    };
  }

  protected takeLine(raw: string): void {
    this.lineNo++;
    const line = raw.trim();
    if (line === '') return;
    this.seen++;
    try {
      const values = this.format.match(line);
      if (values === null) this.unparsed++;
      else this.record(values);
    } catch {
      this.unparsed++; // a bug; never let it escape to the caller
    }
  }

  private record(values: readonly string[]): void {
    this.requests++;
    const get = (name: Field): string | undefined => {
      const slot = this.slots[name];
      return slot < 0 ? undefined : values[slot];
    };
    const time = this.timeSlot === null ? null : (values[this.timeSlot.slot] ?? null);
    if (time !== null) {
      this.firstTime ??= time;
      this.lastTime = time;
    }
    const printed = get('status') ?? '-';
    const status = /^\d{3}$/.test(printed) ? printed : 'other';
    this.statuses.add(status);
    const addrText = get('upstream_addr');
    // "-": nginx answered itself (no upstream); otherwise one address per attempt.
    const addrs =
      addrText === '-' ? [] : splitUpstreamList(addrText).map((a) => a.slice(0, MAX_ADDRESS));
    const times = splitUpstreamList(get('upstream_response_time')).map(parseSeconds);
    const requestTime = parseSeconds(get('request_time'));
    const timed = times.filter((t): t is number => t !== null);
    const latency = requestTime ?? (timed.length > 0 ? timed.reduce((a, b) => a + b, 0) : null);
    if (latency !== null) {
      this.overall.add(latency);
      this.overallSlow.add(latency);
    }
    let culprit: string | null = null;
    if (addrs.length === 0) this.withoutUpstream++;
    else culprit = this.recordAttempts(addrs, times, get('upstream_status'), requestTime, latency);

    const epoch = this.epochOf(time);
    const list = this.timeline.add(epoch, status);
    if (list === null || latency === null || !this.timeline.qualifies(list, latency)) return;
    const request = get('request') ?? get('request_uri') ?? get('uri') ?? '';
    const upstreamTimes = get('upstream_response_time');
    this.timeline.insert(list, {
      line: this.lineNo,
      time,
      epochSeconds: epoch,
      remoteAddr: get('remote_addr') ?? null,
      request: request.slice(0, MAX_FIELD),
      status,
      upstreamAddr: addrs.length > 0 ? (addrText ?? '').slice(0, MAX_FIELD) : null,
      upstreamTimes:
        upstreamTimes === undefined || upstreamTimes === '-'
          ? null
          : upstreamTimes.slice(0, MAX_FIELD),
      culprit,
      seconds: latency,
    });
  }

  private epochOf(time: string | null): number | null {
    if (time === null || this.timeSlot === null) return null;
    if (this.cachedTime?.text !== time) {
      this.cachedTime = { text: time, epoch: parseTimeVariable(this.timeSlot.variable, time) };
    }
    return this.cachedTime.epoch;
  }

  /** Books each attempt on its upstream; returns the address held longest (the culprit). */
  private recordAttempts(
    addrs: string[],
    times: (number | null)[],
    statusText: string | undefined,
    requestTime: number | null,
    latency: number | null,
  ): string {
    const statuses = splitUpstreamList(statusText);
    let culpritIndex = addrs.length - 1;
    let longest = -1;
    addrs.forEach((addr, i) => {
      // Without $upstream_response_time, only the last attempt gets a time: $request_time.
      const last = i === addrs.length - 1;
      const t = this.hasUpstreamTimes ? (times[i] ?? null) : last ? requestTime : null;
      if (t !== null && t > longest) {
        longest = t;
        culpritIndex = i;
      }
      this.upstream(addr)?.attempt(t, statuses[i]);
    });
    const culprit = addrs[culpritIndex] ?? '';
    if (latency !== null) this.upstreams.get(culprit)?.slow.add(latency);
    return culprit;
  }

  private upstream(addr: string): UpstreamStats | null {
    let u = this.upstreams.get(addr);
    if (u === undefined) {
      if (this.upstreams.size >= MAX_UPSTREAMS) {
        this.otherUpstreamAttempts++;
        return null;
      }
      u = new UpstreamStats();
      this.upstreams.set(addr, u);
    }
    return u;
  }
}

/** Parses a whole log at once. */
export function parseAccessLogText(text: string, options?: AccessLogOptions): AccessLogModel {
  const parser = new NginxAccessLogParser(options);
  parser.push(text);
  parser.end();
  return parser.snapshot();
}
