/** nginx findings: the lab's recordings (seeds 001 and 003 reproduced) and hand-made logs. */
import { describe, expect, it } from 'vitest';
import {
  accessLogInsights,
  errorLogInsights,
  formatSeconds,
  nginxInsights,
} from '../../../shared/insights/nginx';
import { parseAccessLogText, parseErrorLogText } from '../../../shared/parsers/nginx';
import { NGINX_LAB_LOG_FORMAT } from '../../lab/nginxLab';
import { readLocalFixture } from '../fixturePath';

const FORMAT =
  '$remote_addr [$time_local] "$request" $status $request_time $upstream_addr $upstream_response_time $upstream_status';

/** A seed-003-like log: round robin over three backends, one of them slow. */
function roundRobin(
  n: number,
  slow: (i: number) => number,
  fast = (i: number): number => 0.01 + (i % 3) / 100,
): string {
  const lines: string[] = [];
  for (let i = 0; i < n; i++) {
    const port = 8001 + (i % 3);
    const t = port === 8003 ? slow(i) : fast(i);
    const sec = String(Math.floor(i / 10) % 60).padStart(2, '0');
    lines.push(
      `10.0.0.1 [01/May/2024:12:00:${sec} +0000] "GET /api/${i} HTTP/1.1" 200 ${t.toFixed(3)} 127.0.0.1:${port} ${t.toFixed(3)} 200`,
    );
  }
  return lines.join('\n');
}

describe('formatSeconds', () => {
  it.each([
    [8.1, '8.1 s'],
    [8.05, '8.1 s'],
    [12.3, '12 s'],
    [3, '3 s'],
    [0.5, '0.5 s'],
    [0.02, '0.02 s'],
    [0.0042, '0.004 s'],
    [0, '0 s'],
  ])('%s → %s', (v, text) => expect(formatSeconds(v)).toBe(text));
});

describe('the lab recordings', () => {
  const access = parseAccessLogText(readLocalFixture('nginx', 'lab-access-upstreaminfo.log'), {
    format: NGINX_LAB_LOG_FORMAT,
  });
  const errors = parseErrorLogText(readLocalFixture('nginx', 'lab-error.log'));
  const findings = nginxInsights({ access, errors });

  it('names the slow backend first (seed 003)', () => {
    expect(findings[0]).toEqual({
      text: 'All 49 requests slower than 1 s went to 127.0.0.1:36523 (p95 2.7 s there vs 0.02–0.03 s on the other two)',
      evidence: [
        '127.0.0.1:36523: 50 requests, p50 1.8 s, p95 2.7 s, max 3 s',
        '127.0.0.1:43265: 50 requests, p50 0.001 s, p95 0.03 s, max 0.14 s',
        '127.0.0.1:34995: 46 requests, p50 0.001 s, p95 0.02 s, max 0.03 s, 9 failed',
        'line 109 [23/Nov/2026:08:34:07 +0000]: "GET /api/items/42 HTTP/1.1" 200 in 3 s',
        'line 46 [23/Nov/2026:08:33:55 +0000]: "GET /api/items/42 HTTP/1.1" 200 in 2.8 s',
        'line 49 [23/Nov/2026:08:33:55 +0000]: "GET /api/items/42 HTTP/1.1" 200 in 2.8 s via 127.0.0.1:34995, 127.0.0.1:36523',
      ],
      severity: 'warn',
    });
  });

  it('names the backend that hangs up, from both logs (seed 001)', () => {
    expect(findings.map((f) => f.text)).toEqual([
      expect.stringMatching(/^All 49 requests/),
      '9 of 46 requests to 127.0.0.1:34995 failed (502 ×9)',
      "9 'upstream prematurely closed connection' errors from 127.0.0.1:34995",
    ]);
    const fromErrors = findings[2];
    expect(fromErrors?.severity).toBe('warn');
    expect(fromErrors?.evidence[0]).toMatch(
      /closed the connection before its response was complete/,
    );
    expect(fromErrors?.evidence).toContain(
      'first 2026/11/23 08:33:47, last 2026/11/23 08:34:10 (all upstreams)',
    );
  });

  it('finds nothing to say about the combined log (no upstream, no errors)', () => {
    expect(
      accessLogInsights(parseAccessLogText(readLocalFixture('nginx', 'lab-access-combined.log'))),
    ).toEqual([]);
  });
});

describe('hand-made logs', () => {
  it('seed 003: every request slower than 5 s on 127.0.0.1:8003', () => {
    const m = parseAccessLogText(
      roundRobin(111, (i) => 5.5 + (i % 7) * 0.5),
      { format: FORMAT },
    );
    const [first] = accessLogInsights(m);
    expect(first?.text).toBe(
      'All 37 requests slower than 5 s went to 127.0.0.1:8003 (p95 8.5 s there vs 0.01–0.02 s on the other two)',
    );
  });

  it('most, not all: "35 of 37"', () => {
    const text = `${roundRobin(105, () => 3)}\n${roundRobin(
      2,
      () => 0.01,
      () => 3,
    )
      .split('\n')
      .join('\n')}`;
    const m = parseAccessLogText(text, { format: FORMAT });
    expect(accessLogInsights(m)[0]?.text).toMatch(
      /^35 of 37 requests slower than 2 s went to 127\.0\.0\.1:8003 /,
    );
  });

  it('an outlier without a clear threshold', () => {
    const m = parseAccessLogText(
      roundRobin(90, (i) => 0.25 + (i % 10) / 100),
      { format: FORMAT },
    );
    expect(accessLogInsights(m)[0]?.text).toBe(
      '127.0.0.1:8003 is much slower than the others: p95 0.34 s vs 0.01–0.02 s on the other two',
    );
  });

  it('no finding when the slow upstream is the only one, or when all are alike', () => {
    const one = parseAccessLogText(
      Array.from({ length: 20 }, (_, i) =>
        `1.1.1.1 [01/May/2024:12:00:00 +0000] "GET / HTTP/1.1" 200 9.000 10.0.0.1:80 9.000 200`.replace(
          'GET /',
          `GET /${i}`,
        ),
      ).join('\n'),
      { format: FORMAT },
    );
    expect(accessLogInsights(one)).toEqual([]);
    const alike = parseAccessLogText(
      roundRobin(60, () => 0.02),
      { format: FORMAT },
    );
    expect(accessLogInsights(alike)).toEqual([]);
  });

  it('5xx to clients and lines in another format', () => {
    const lines = [
      ...Array.from(
        { length: 8 },
        () =>
          '1.1.1.1 [01/May/2024:12:00:00 +0000] "GET / HTTP/1.1" 504 10.001 10.0.0.3:80 10.001 504',
      ),
      ...Array.from(
        { length: 12 },
        () =>
          '1.1.1.1 [01/May/2024:12:00:05 +0000] "GET / HTTP/1.1" 200 0.010 10.0.0.1:80 0.010 200',
      ),
      ...Array.from({ length: 5 }, () => '{"json": "line"}'),
    ];
    const texts = accessLogInsights(parseAccessLogText(lines.join('\n'), { format: FORMAT })).map(
      (f) => f.text,
    );
    expect(texts).toEqual([
      'All 8 requests slower than 10 s went to 10.0.0.3:80 (p95 10 s there vs 0.01 s on 10.0.0.1:80)',
      '8 of 8 requests to 10.0.0.3:80 failed (504 ×8)',
      '8 of 20 responses were 5xx (40 %): 504 ×8',
      "5 of 25 lines do not match the log format; give the server's log_format to read them",
    ]);
  });

  it('error log: seed 001 lines, an upstream timeout and a startup failure', () => {
    const log = [
      '2025/05/06 04:00:08 [error] 214903#214903: *5482906 upstream prematurely closed connection while reading response header from upstream, client: {ip}, server: {host}, request: "POST /retrieval/apple_health_data HTTP/1.1", upstream: "http://{ip}:30016/retrieval/apple_health_data", host: "{host}"',
      '2025/05/06 04:00:08 [error] 214904#214904: *5482919 upstream prematurely closed connection while reading response header from upstream, client: {ip}, server: {host}, request: "POST /retrieval/apple_health_data HTTP/1.1", upstream: "http://{ip}:30016/retrieval/apple_health_data", host: "{host}"',
      '2025/05/06 04:00:09 [error] 214904#214904: *5482920 upstream timed out (110: Connection timed out) while reading response header from upstream, client: {ip}, server: {host}, request: "GET /api/health HTTP/1.1", upstream: "http://{ip}:30016/api/health", host: "{host}"',
      '2025/05/06 04:00:10 [emerg] 1#1: bind() to 0.0.0.0:80 failed (98: Address already in use)',
      '2025/05/06 04:00:11 [notice] 1#1: signal process started',
    ].join('\n');
    const findings = errorLogInsights(parseErrorLogText(log));
    expect(findings.map((f) => [f.text, f.severity])).toEqual([
      ["2 'upstream prematurely closed connection' errors from {ip}:30016", 'warn'],
      ["1 'upstream timed out (110: Connection timed out)' error from {ip}:30016", 'warn'],
      ["1 'bind() to <addr> failed (98: Address already in use)' emerg", 'warn'],
    ]);
    expect(findings[1]?.evidence[0]).toMatch(/proxy_read_timeout/);
  });

  it('nothing in, nothing out', () => {
    expect(nginxInsights({})).toEqual([]);
    expect(
      nginxInsights({ access: parseAccessLogText(''), errors: parseErrorLogText('') }),
    ).toEqual([]);
  });
});
