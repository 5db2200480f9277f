/**
 * Data model of a parsed nginx access log: bounded aggregates for a live view (latency by
 * upstream, status codes over time, the slowest recent requests). Times are in seconds.
 */
import type { LatencySummary } from './latencyHistogram';

export type { LatencySummary } from './latencyHistogram';

export interface StatusCount {
  status: string;
  count: number;
}

/** Requests slower than `overSeconds` (one entry per threshold of SLOW_THRESHOLDS). */
export interface SlowCount {
  overSeconds: number;
  count: number;
}

export interface UpstreamSummary {
  /** One address of `$upstream_addr` ("127.0.0.1:8003", "unix:/run/app.sock"). */
  upstream: string;
  /** Attempts sent to it (a retried request counts once per address in its list). */
  attempts: number;
  /** `$upstream_response_time` of those attempts (`$request_time` when the format lacks it). */
  latency: LatencySummary;
  /** `$upstream_status` of those attempts, most first. */
  statuses: StatusCount[];
  /** Attempts answered 5xx (nginx writes 502 for a connection it could not use). */
  failures: number;
  /** Requests slower than each threshold that this upstream held longest (the culprit). */
  slowRequests: SlowCount[];
}

export interface StatusBucket {
  /** Bucket start, Unix seconds (UTC). */
  start: number;
  total: number;
  s1xx: number;
  s2xx: number;
  s3xx: number;
  s4xx: number;
  s5xx: number;
  other: number;
  /** Individual statuses in this bucket, most first (a few at most). */
  statuses: StatusCount[];
}

export interface SlowRequest {
  /** 1-based line number in the stream. */
  line: number;
  /** `$time_local` (or `$time_iso8601`/`$msec`) as printed, null if the format has none. */
  time: string | null;
  epochSeconds: number | null;
  remoteAddr: string | null;
  /** `$request` ("GET /api/x HTTP/1.1"), or `$request_uri`/`$uri`; "" if none. */
  request: string;
  /** `$status` (three digits), or "other" when the field held anything else. */
  status: string;
  /** `$upstream_addr` as printed, null if absent or "-". */
  upstreamAddr: string | null;
  /** `$upstream_response_time` as printed, null if absent or "-". */
  upstreamTimes: string | null;
  /** The upstream held longest (the slow one of a retried request). */
  culprit: string | null;
  /** `$request_time`, else the sum of the upstream times. */
  seconds: number;
}

export interface AccessLogModel {
  format: string;
  variables: string[];
  /** Non-blank lines seen. */
  lines: number;
  /** Lines that matched the format. */
  requests: number;
  unparsedLines: number;
  firstTime: string | null;
  lastTime: string | null;
  /** Where request latency comes from, given the format's variables. */
  latencySource: 'request_time' | 'upstream_response_time' | null;
  /** Request latency over all requests. */
  overall: LatencySummary;
  /** Requests slower than each threshold, over all requests. */
  slowRequests: SlowCount[];
  statuses: StatusCount[];
  /** Most attempts first; at most MAX_UPSTREAMS, the rest counted in `otherUpstreamAttempts`. */
  upstreams: UpstreamSummary[];
  otherUpstreamAttempts: number;
  /** Requests nginx answered itself (`$upstream_addr` "-" or absent). */
  withoutUpstream: number;
  bucketSeconds: number;
  /** The last `maxBuckets` buckets that saw a request, oldest first. */
  buckets: StatusBucket[];
  /** Lines older than the oldest bucket kept (not in `buckets` nor `slowest`). */
  lateLines: number;
  /** The slowest requests within the kept buckets (plus those without a time), slowest first. */
  slowest: SlowRequest[];
}
