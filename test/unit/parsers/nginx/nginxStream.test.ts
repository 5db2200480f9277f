/** Streaming for both nginx parsers: chunking, properties, bounded memory on 200 000 lines. */
import { describe, expect, it } from 'vitest';
import {
  MAX_KINDS,
  MAX_UPSTREAMS,
  NginxAccessLogParser,
  NginxErrorLogParser,
  type AccessLogModel,
  type ErrorLogModel,
} from '../../../../shared/parsers/nginx';
import { NGINX_LAB_LOG_FORMAT } from '../../../lab/nginxLab';
import { readLocalFixture } from '../../fixturePath';
import { chunkingCases, expectPlainFiniteData, propertyCases } from '../streamHarness';

const LAB = readLocalFixture('nginx', 'lab-access-upstreaminfo.log');
const COMBINED = readLocalFixture('nginx', 'lab-access-combined.log');
const ERRORS = readLocalFixture('nginx', 'lab-error.log');

const makeLab = (): NginxAccessLogParser =>
  new NginxAccessLogParser({ format: NGINX_LAB_LOG_FORMAT });
const makeCombined = (): NginxAccessLogParser => new NginxAccessLogParser();
const makeErrors = (): NginxErrorLogParser => new NginxErrorLogParser();

describe('chunking: lab access log', () => chunkingCases(makeLab, LAB));
describe('chunking: combined access log', () => chunkingCases(makeCombined, COMBINED));
describe('chunking: error log', () => chunkingCases(makeErrors, ERRORS));

function accessWellFormed(m: AccessLogModel): void {
  expectPlainFiniteData(m);
  expect(m.requests + m.unparsedLines).toBe(m.lines);
  expect(m.slowest.length).toBeLessThanOrEqual(20);
  expect(m.upstreams.length).toBeLessThanOrEqual(MAX_UPSTREAMS);
  for (const u of m.upstreams) {
    const l = u.latency;
    if (l.count > 0)
      expect(
        (l.min ?? 0) <= (l.p50 ?? 0) &&
          (l.p50 ?? 0) <= (l.p95 ?? 0) &&
          (l.p95 ?? 0) <= (l.max ?? 0),
      ).toBe(true);
  }
}

function errorWellFormed(m: ErrorLogModel): void {
  expectPlainFiniteData(m);
  expect(m.entries + m.unparsedLines + m.continuationLines).toBe(m.lines);
  expect(m.recent.length).toBeLessThanOrEqual(50);
}

const ACCESS_FRAGMENTS = [
  '127.0.0.1 - - [23/Nov/2026:08:33:55 +0000] "GET /api/items/42 HTTP/1.1" 200 63 "-" "Python-urllib/3.11" 131 2.755 127.0.0.1:34995, 127.0.0.1:36523 0, 63 0.005, 2.749 502, 200',
  '127.0.0.1 - - [23/Nov/2026:08:34:11 +0000] "GET /api/health HTTP/1.1" 499 0 "-" "Python-urllib/3.11" 129 1.176 127.0.0.1:34995, 127.0.0.1:36523 0, 0 0.003, 1.173 502, -',
  '[01/May/2024:12:00:00 +0000]',
  '"GET / HTTP/1.1"',
  ' : ',
  ', ',
  '\\x22',
];

describe('properties: lab access log', () => {
  propertyCases({
    make: makeLab,
    fixtures: [LAB],
    fragments: ACCESS_FRAGMENTS,
    wellFormed: accessWellFormed,
  });
});

describe('properties: combined access log', () => {
  propertyCases({
    make: makeCombined,
    fixtures: [COMBINED],
    fragments: ACCESS_FRAGMENTS,
    wellFormed: accessWellFormed,
  });
});

describe('properties: error log', () => {
  propertyCases({
    make: makeErrors,
    fixtures: [ERRORS],
    wellFormed: errorWellFormed,
    fragments: [
      '2025/05/06 04:00:08 [error] 214903#214903: *5482906 ',
      'upstream prematurely closed connection while reading response header from upstream',
      ', client: 127.0.0.1, server: nginx-lab, request: "GET /api/health HTTP/1.1", upstream: "http://127.0.0.1:34995/api/health", host: "127.0.0.1:45083"',
      '    continuation',
      '2024/05/01 12:00:02 [notice] 120#120: signal process started',
    ],
  });
});

/** Feeds `count` generated lines in batches of 10 000. */
function feedGenerated(
  parser: { push(t: string): void; end(): void },
  count: number,
  line: (i: number) => string,
): void {
  const batch: string[] = [];
  for (let i = 0; i < count; i++) {
    batch.push(line(i));
    if (batch.length === 10_000) {
      parser.push(`${batch.join('\n')}\n`);
      batch.length = 0;
    }
  }
  parser.push(batch.length > 0 ? `${batch.join('\n')}\n` : '');
  parser.end();
}

describe('bounded memory', () => {
  it('200 000 access lines (distinct upstreams, URLs, an hour of time) keep a bounded snapshot', () => {
    const parser = new NginxAccessLogParser({ format: NGINX_LAB_LOG_FORMAT, maxBuckets: 60 });
    const t0 = Date.UTC(2024, 4, 1, 12) / 1000;
    const sizes: number[] = [];
    const stamp = (epoch: number): string => {
      const d = new Date(epoch * 1000);
      const p = (n: number): string => String(n).padStart(2, '0');
      return `01/May/2024:${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} +0000`;
    };
    for (const part of [0, 1]) {
      feedGenerated({ push: (t) => parser.push(t), end: () => undefined }, 100_000, (k) => {
        const i = part * 100_000 + k;
        const rt = ((i * 7919) % 5000) / 1000;
        const status = [200, 200, 200, 404, 502, 504][i % 6];
        return `10.0.${(i >> 8) & 255}.${i & 255} - - [${stamp(t0 + Math.floor(i / 50))}] "GET /item/${i} HTTP/1.1" ${status} 12 "-" "ua ${i}" 100 ${rt.toFixed(3)} 10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}:80 12 ${rt.toFixed(3)} ${status}`;
      });
      sizes.push(JSON.stringify(parser.snapshot()).length);
    }
    parser.end();
    const m = parser.snapshot();
    expect(m.requests).toBe(200_000);
    expect(m.unparsedLines).toBe(0);
    expect(m.upstreams).toHaveLength(MAX_UPSTREAMS);
    expect(m.otherUpstreamAttempts).toBe(200_000 - MAX_UPSTREAMS);
    expect(m.buckets).toHaveLength(60);
    expect(m.slowest).toHaveLength(20);
    expect(m.statuses.length).toBeLessThanOrEqual(5);
    // Twice the lines, not twice the snapshot.
    expect(sizes[1]).toBeLessThan((sizes[0] ?? 0) * 1.2);
    expect(sizes[1]).toBeLessThan(300_000);
  }, 120_000);

  it('200 000 error lines with distinct messages keep at most MAX_KINDS kinds', () => {
    const parser = new NginxErrorLogParser();
    feedGenerated(
      parser,
      200_000,
      (i) =>
        `2024/05/01 12:00:00 [error] 1#1: *${i} weird thing ${'abcdefghij'[i % 10]}${i % 997} happened, client: 10.0.0.1, upstream: "http://10.2.${(i >> 8) & 255}.${i & 255}:80/", host: "x"`,
    );
    const m = parser.snapshot();
    expect(m.entries).toBe(200_000);
    expect(m.byKind).toHaveLength(MAX_KINDS);
    expect(m.otherKinds).toBe(200_000 - m.byKind.reduce((s, k) => s + k.count, 0));
    expect(m.byUpstream.length).toBeLessThanOrEqual(64);
    expect(m.recent).toHaveLength(50);
    expect(JSON.stringify(m).length).toBeLessThan(300_000);
  }, 120_000);
});
