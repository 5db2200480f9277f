/**
 * Access logs: the lab's recordings (test/fixtures/nginx/README.md) and hand-written cases for
 * lists, redirects, time buckets, caps and formats without times.
 */
import { describe, expect, it } from 'vitest';
import {
  compileLogFormat,
  LatencyHistogram,
  MAX_UPSTREAMS,
  parseAccessLogText,
  type AccessLogModel,
  type UpstreamSummary,
} from '../../../../shared/parsers/nginx';
import { NGINX_LAB_LOG_FORMAT } from '../../../lab/nginxLab';
import { readLocalFixture } from '../../fixturePath';

const SLOW = '127.0.0.1:36523';
const FLAKY = '127.0.0.1:34995';
const FAST = '127.0.0.1:43265';

function upstream(m: AccessLogModel, addr: string): UpstreamSummary {
  const u = m.upstreams.find((x) => x.upstream === addr);
  if (!u) throw new Error(`no upstream ${addr}`);
  return u;
}

const slowCount = (u: UpstreamSummary, over: number): number =>
  u.slowRequests.find((s) => s.overSeconds === over)?.count ?? -1;

describe('the lab log (upstreaminfo format)', () => {
  const m = parseAccessLogText(readLocalFixture('nginx', 'lab-access-upstreaminfo.log'), {
    format: NGINX_LAB_LOG_FORMAT,
  });

  it('reads every line', () => {
    expect(m).toMatchObject({
      lines: 137,
      requests: 137,
      unparsedLines: 0,
      latencySource: 'request_time',
      firstTime: '23/Nov/2026:08:33:46 +0000',
      lastTime: '23/Nov/2026:08:34:11 +0000',
      withoutUpstream: 0,
      otherUpstreamAttempts: 0,
    });
    expect(m.statuses).toEqual([
      { status: '200', count: 134 },
      { status: '499', count: 3 },
    ]);
  });

  it('books each attempt of a retried request on its own upstream', () => {
    expect(m.upstreams.map((u) => [u.upstream, u.attempts])).toEqual([
      [SLOW, 50],
      [FAST, 50],
      [FLAKY, 46],
    ]);
    expect(upstream(m, FLAKY)).toMatchObject({
      failures: 9,
      statuses: [
        { status: '200', count: 37 },
        { status: '502', count: 9 },
      ],
    });
    expect(upstream(m, SLOW).statuses).toEqual([
      { status: '200', count: 47 },
      { status: '-', count: 3 },
    ]);
  });

  it('shows the slow backend: p95 in seconds there, milliseconds elsewhere', () => {
    const slow = upstream(m, SLOW).latency;
    expect(slow.count).toBe(50);
    expect(slow.max).toBe(2.998);
    expect(slow.p50).toBeGreaterThan(1);
    expect(slow.p95).toBeGreaterThan(2);
    for (const addr of [FAST, FLAKY]) expect(upstream(m, addr).latency.p95).toBeLessThan(0.2);
    expect(slowCount(upstream(m, SLOW), 1)).toBe(49);
    expect(slowCount(upstream(m, FAST), 0.5) + slowCount(upstream(m, FLAKY), 0.5)).toBe(0);
    expect(m.slowRequests.find((s) => s.overSeconds === 1)?.count).toBe(49);
  });

  it('blames the slow attempt of a retried request (line 49)', () => {
    expect(m.slowest.find((s) => s.line === 49)).toEqual({
      line: 49,
      time: '23/Nov/2026:08:33:55 +0000',
      epochSeconds: Date.UTC(2026, 10, 23, 8, 33, 55) / 1000,
      remoteAddr: '127.0.0.1',
      request: 'GET /api/items/42 HTTP/1.1',
      status: '200',
      upstreamAddr: `${FLAKY}, ${SLOW}`,
      upstreamTimes: '0.005, 2.749',
      culprit: SLOW,
      seconds: 2.755,
    });
    expect(m.slowest).toHaveLength(20);
    expect(m.slowest[0]).toMatchObject({ line: 109, seconds: 2.998 });
    expect(m.slowest.every((s) => s.culprit === SLOW)).toBe(true);
  });

  it('counts statuses in 10-second buckets', () => {
    const t0 = Date.UTC(2026, 10, 23, 8, 33, 40) / 1000;
    expect(m.buckets.map((b) => [b.start - t0, b.total, b.s2xx, b.s4xx])).toEqual([
      [0, 21, 21, 0],
      [10, 47, 47, 0],
      [20, 54, 54, 0],
      [30, 15, 12, 3],
    ]);
  });

  it('the combined log of the same requests has the same statuses and timeline, no upstreams', () => {
    const c = parseAccessLogText(readLocalFixture('nginx', 'lab-access-combined.log'));
    expect(c).toMatchObject({
      requests: 137,
      unparsedLines: 0,
      latencySource: null,
      upstreams: [],
      slowest: [],
    });
    expect(c.statuses).toEqual(m.statuses);
    expect(c.buckets).toEqual(m.buckets);
    expect(c.withoutUpstream).toBe(137);
  });

  it('with the combined format the upstreaminfo lines still parse (extra fields allowed)', () => {
    const c = parseAccessLogText(readLocalFixture('nginx', 'lab-access-upstreaminfo.log'));
    expect(c.requests).toBe(137);
    expect(c.unparsedLines).toBe(0);
  });
});

describe('hand-written lines', () => {
  const FORMAT =
    '$remote_addr [$time_local] "$request" $status $request_time $upstream_addr $upstream_response_time $upstream_status';
  const line = (t: string, rest: string): string =>
    `10.0.0.1 [01/May/2024:12:00:${t} +0000] "GET /x HTTP/1.1" ${rest}`;

  it('an internal redirect (" : ") and "-" times and statuses', () => {
    const m = parseAccessLogText(
      [
        line('00', '200 3.100 a:80, b:80 : c:80 -, 3.000 : 0.100 502, 504 : 200'),
        line('01', '404 0.000 - - -'),
        'not a log line',
      ].join('\n'),
      { format: FORMAT },
    );
    expect(m.unparsedLines).toBe(1);
    expect(m.withoutUpstream).toBe(1);
    expect(m.upstreams.map((u) => [u.upstream, u.attempts, u.latency.count, u.failures])).toEqual([
      ['a:80', 1, 0, 1],
      ['b:80', 1, 1, 1],
      ['c:80', 1, 1, 0],
    ]);
    expect(m.slowest[0]).toMatchObject({ culprit: 'b:80', seconds: 3.1 });
    expect(m.statuses).toEqual([
      { status: '200', count: 1 },
      { status: '404', count: 1 },
    ]);
  });

  it('without $request_time the upstream times are summed', () => {
    const f = compileLogFormat('$msec $status $upstream_addr $upstream_response_time');
    const m = parseAccessLogText('1714564800.123 200 a:80, b:80 0.5, 1.5\n', { format: f });
    expect(m.latencySource).toBe('upstream_response_time');
    expect(m.overall).toMatchObject({ count: 1, max: 2 });
    expect(m.buckets[0]?.start).toBe(1714564800);
  });

  it('keeps the last maxBuckets buckets; older lines are counted as late', () => {
    const lines = ['00', '01', '02', '03', '00'].map((t) => line(t, '200 0.1 a:80 0.1 200'));
    const m = parseAccessLogText(lines.join('\n'), {
      format: FORMAT,
      bucketSeconds: 1,
      maxBuckets: 3,
    });
    const t0 = Date.UTC(2024, 4, 1, 12) / 1000;
    expect(m.buckets.map((b) => b.start - t0)).toEqual([1, 2, 3]);
    expect(m.lateLines).toBe(1);
    expect(m.requests).toBe(5);
  });

  it('topK slowest, ties by line order', () => {
    const lines = ['0.3', '0.9', '0.1', '0.9', '0.5'].map((s) =>
      line('00', `200 ${s} a:80 ${s} 200`),
    );
    const m = parseAccessLogText(lines.join('\n'), { format: FORMAT, topK: 2 });
    expect(m.slowest.map((s) => [s.line, s.seconds])).toEqual([
      [2, 0.9],
      [4, 0.9],
    ]);
  });

  it(`at most ${MAX_UPSTREAMS} upstreams; the rest are lumped`, () => {
    const lines = Array.from({ length: 100 }, (_, i) =>
      line('00', `200 0.1 10.0.0.${i}:80 0.1 200`),
    );
    const m = parseAccessLogText(lines.join('\n'), { format: FORMAT });
    expect(m.upstreams).toHaveLength(MAX_UPSTREAMS);
    expect(m.otherUpstreamAttempts).toBe(100 - MAX_UPSTREAMS);
  });
});

describe('LatencyHistogram', () => {
  it('reads a single value back exactly and quantiles within 1 %', () => {
    const h = new LatencyHistogram();
    expect(h.summary()).toEqual({
      count: 0,
      mean: null,
      p50: null,
      p95: null,
      p99: null,
      min: null,
      max: null,
    });
    h.add(8.1);
    expect(h.summary()).toMatchObject({ p50: 8.1, p95: 8.1, max: 8.1, min: 8.1 });
    const g = new LatencyHistogram();
    for (let i = 1; i <= 1000; i++) g.add(i / 100); // 0.01 … 10 s
    const s = g.summary();
    expect(s.p50).toBeGreaterThan(5 * 0.99);
    expect(s.p50).toBeLessThan(5 * 1.01);
    expect(s.p95).toBeGreaterThan(9.5 * 0.99);
    expect(s.p95).toBeLessThan(9.5 * 1.01);
    expect(s.mean).toBe(5.005);
    g.add(Number.NaN);
    g.add(-1);
    expect(g.size).toBe(1000);
  });
});
