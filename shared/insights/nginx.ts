/**
 * Plain-word findings from nginx access and error logs, each with its evidence:
 *   "All 37 requests slower than 1 s went to 127.0.0.1:8003 (p95 2.9 s there vs 0.01 s on the
 *    other two)"                                  ← seed 003: one backend of three is slow
 *   "12 'upstream prematurely closed connection' errors from 127.0.0.1:8001"   ← seed 001
 * Rules read only the models (shared/parsers/nginx), so they run on a live tail or a saved one.
 */
import type { AccessLogModel, UpstreamSummary } from '../parsers/nginx/accessLogModel';
import type { ErrorLogModel } from '../parsers/nginx/errorLogModel';

export interface NginxFinding {
  text: string;
  evidence: string[];
  severity: 'info' | 'warn';
}

/** Fewest slow requests that make a "they all went to one backend" finding. */
const MIN_SLOW = 3;
/** Share of the slow requests one upstream must hold. */
const MIN_SHARE = 0.8;
/** Outlier rule: p95 at least this many times the others', and at least MIN_OUTLIER_P95. */
const OUTLIER_RATIO = 5;
const MIN_OUTLIER_P95 = 0.2;
const MAX_ERROR_FINDINGS = 6;

const WORDS = ['no', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'];
const count = (n: number): string => WORDS[n] ?? String(n);

/** 8.1 → "8.1 s", 0.02 → "0.02 s", 12.3 → "12 s", 0.5 → "0.5 s", 0.0042 → "0.004 s". */
export function formatSeconds(v: number): string {
  const digits = v >= 10 ? 0 : v >= 1 ? 1 : v >= 0.01 || v === 0 ? 2 : 3;
  return `${v
    .toFixed(digits)
    .replace(/(\.\d*?)0+$/, '$1')
    .replace(/\.$/, '')} s`;
}

function percent(part: number, whole: number): string {
  const p = (100 * part) / whole;
  return `${p >= 10 || p === 0 ? Math.round(p) : p.toFixed(1)} %`;
}

function describeUpstream(u: UpstreamSummary): string {
  const l = u.latency;
  const times =
    l.p50 === null || l.p95 === null || l.max === null
      ? 'no times'
      : `p50 ${formatSeconds(l.p50)}, p95 ${formatSeconds(l.p95)}, max ${formatSeconds(l.max)}`;
  const failed = u.failures > 0 ? `, ${u.failures} failed` : '';
  return `${u.upstream}: ${u.attempts} requests, ${times}${failed}`;
}

/** "vs 0.02 s on the other two" / "vs 0.01–0.03 s on the other two" / "vs 0.02 s on 127.0.0.1:8001". */
function othersP95(others: UpstreamSummary[]): string {
  const p95s = others.map((o) => o.latency.p95).filter((p): p is number => p !== null);
  if (p95s.length === 0) return '';
  const lo = formatSeconds(Math.min(...p95s));
  const hi = formatSeconds(Math.max(...p95s));
  const range = lo === hi ? lo : `${lo.slice(0, -2)}–${hi}`;
  const where =
    others.length === 1
      ? `on ${others[0]?.upstream ?? ''}`
      : `on the other ${count(others.length)}`;
  return ` vs ${range} ${where}`;
}

function slowestEvidence(m: AccessLogModel, upstream: string, limit: number): string[] {
  return m.slowest
    .filter((s) => s.culprit === upstream)
    .slice(0, limit)
    .map((s) => {
      const when = s.time === null ? '' : ` [${s.time}]`;
      const via = s.upstreamAddr !== upstream ? ` via ${s.upstreamAddr ?? '-'}` : '';
      return `line ${s.line}${when}: "${s.request}" ${s.status} in ${formatSeconds(s.seconds)}${via}`;
    });
}

/** Seed 003: the slow requests all went to one upstream of several. */
function slowBackend(m: AccessLogModel): NginxFinding | null {
  const ups = m.upstreams.filter((u) => u.attempts > 0);
  if (ups.length < 2) return null;
  const totalAttempts = ups.reduce((s, u) => s + u.attempts, 0);
  let best: { u: UpstreamSummary; n: number; total: number; over: number; share: number } | null =
    null;
  for (const [i, { overSeconds, count: total }] of m.slowRequests.entries()) {
    if (total < MIN_SLOW) continue;
    for (const u of ups) {
      const n = u.slowRequests[i]?.count ?? 0;
      const share = n / total;
      // Not a finding when that upstream simply takes nearly all the traffic.
      if (share < MIN_SHARE || u.attempts / totalAttempts >= MIN_SHARE) continue;
      // Most concentrated first; then the most requests; then the higher (more telling) threshold.
      const better =
        best === null ||
        share > best.share ||
        (share === best.share && (n > best.n || (n === best.n && overSeconds > best.over)));
      if (better) best = { u, n, total, over: overSeconds, share };
    }
  }
  if (best === null) return null;
  const { u, n, total, over } = best;
  const others = ups.filter((o) => o !== u);
  const lead = n === total ? `All ${n}` : `${n} of ${total}`;
  const p95 =
    u.latency.p95 === null
      ? ''
      : ` (p95 ${formatSeconds(u.latency.p95)} there${othersP95(others)})`;
  return {
    text: `${lead} requests slower than ${formatSeconds(over)} went to ${u.upstream}${p95}`,
    evidence: [...ups.map(describeUpstream), ...slowestEvidence(m, u.upstream, 3)],
    severity: 'warn',
  };
}

/** One upstream's p95 far above the others' even without a clear slow threshold. */
function outlierBackend(m: AccessLogModel): NginxFinding | null {
  const ups = m.upstreams.filter((u) => u.latency.count >= 5 && u.latency.p95 !== null);
  if (ups.length < 2) return null;
  const worst = ups.reduce((a, b) => ((b.latency.p95 ?? 0) > (a.latency.p95 ?? 0) ? b : a));
  const others = ups.filter((u) => u !== worst);
  const othersMax = Math.max(...others.map((u) => u.latency.p95 ?? 0));
  const p95 = worst.latency.p95 ?? 0;
  if (p95 < MIN_OUTLIER_P95 || p95 < OUTLIER_RATIO * Math.max(othersMax, 0.001)) return null;
  return {
    text: `${worst.upstream} is much slower than the others: p95 ${formatSeconds(p95)}${othersP95(others)}`,
    evidence: ups.map(describeUpstream),
    severity: 'warn',
  };
}

function upstreamFailures(m: AccessLogModel): NginxFinding[] {
  return m.upstreams
    .filter((u) => u.failures >= 3 || (u.failures > 0 && u.failures / u.attempts >= 0.01))
    .map((u) => {
      const codes = u.statuses
        .filter((s) => /^5/.test(s.status))
        .map((s) => `${s.status} ×${s.count}`);
      return {
        text: `${u.failures} of ${u.attempts} requests to ${u.upstream} failed (${codes.join(', ')})`,
        evidence: [
          describeUpstream(u),
          'nginx records 502 for an upstream that closed or refused the connection and 504 for one that timed out; with proxy_next_upstream the request was retried on the next server',
        ],
        severity: 'warn' as const,
      };
    });
}

function serverErrors(m: AccessLogModel): NginxFinding | null {
  const fives = m.statuses.filter((s) => /^5\d\d$/.test(s.status));
  const n = fives.reduce((s, x) => s + x.count, 0);
  if (n === 0 || m.requests === 0) return null;
  const peaks = m.buckets
    .filter((b) => b.s5xx > 0)
    .sort((a, b) => b.s5xx - a.s5xx || a.start - b.start)
    .slice(0, 3)
    .map(
      (b) =>
        `${new Date(b.start * 1000).toISOString().replace('.000Z', 'Z')}: ${b.s5xx} of ${b.total} in ${m.bucketSeconds} s were 5xx`,
    );
  return {
    text: `${n} of ${m.requests} responses were 5xx (${percent(n, m.requests)}): ${fives.map((s) => `${s.status} ×${s.count}`).join(', ')}`,
    evidence: peaks,
    severity: n / m.requests >= 0.01 ? 'warn' : 'info',
  };
}

function unparsed(m: AccessLogModel): NginxFinding | null {
  if (m.lines === 0 || m.unparsedLines / m.lines < 0.1) return null;
  return {
    text: `${m.unparsedLines} of ${m.lines} lines do not match the log format; give the server's log_format to read them`,
    evidence: [`format: ${m.format}`],
    severity: 'info',
  };
}

export function accessLogInsights(m: AccessLogModel): NginxFinding[] {
  const slow = slowBackend(m) ?? outlierBackend(m);
  return [slow, ...upstreamFailures(m), serverErrors(m), unparsed(m)].filter(
    (f): f is NginxFinding => f !== null,
  );
}

/** What an error kind usually means, for the evidence. */
const MEANINGS: [RegExp, string][] = [
  [
    /^upstream prematurely closed connection/,
    'the backend closed the connection before its response was complete: a worker that crashed, was killed or recycled (e.g. gunicorn --timeout), or stopped answering',
  ],
  [
    /^upstream timed out/,
    'the backend took the request but did not answer within proxy_read_timeout: it is blocked or overloaded',
  ],
  [
    /^connect\(\) (?:to <addr> )?failed \(111/,
    'nothing listens on that address: the backend is down or restarting',
  ],
  [/^no live upstreams/, 'every server of the upstream group was marked failed (max_fails)'],
  [/^upstream sent too big header/, 'the response headers exceed proxy_buffer_size'],
  [/worker_connections are not enough/, 'nginx ran out of connections (worker_connections)'],
];

const SERIOUS = new Set(['error', 'crit', 'alert', 'emerg']);

export function errorLogInsights(m: ErrorLogModel): NginxFinding[] {
  const findings: { n: number; finding: NginxFinding }[] = [];
  const perKindWithUpstream = new Map<string, number>();
  const kindInfo = new Map(m.byKind.map((k) => [`${k.level}\n${k.kind}`, k]));
  const explain = (kind: string): string[] =>
    MEANINGS.filter(([re]) => re.test(kind)).map(([, text]) => text);
  for (const u of m.byUpstream) {
    for (const k of u.kinds) {
      const key = `${k.level}\n${k.kind}`;
      perKindWithUpstream.set(key, (perKindWithUpstream.get(key) ?? 0) + k.count);
      const info = kindInfo.get(key);
      const when = info ? [`first ${info.firstTime}, last ${info.lastTime} (all upstreams)`] : [];
      const sample = m.recent
        .filter((e) => e.upstreamAddr === u.upstream && e.kind === k.kind)
        .pop();
      findings.push({
        n: k.count,
        finding: {
          text: `${k.count} '${k.kind}' ${k.level === 'error' ? 'error' : k.level}${k.count === 1 ? '' : 's'} from ${u.upstream}`,
          evidence: [
            ...explain(k.kind),
            ...when,
            ...(sample ? [`line ${sample.line}: ${sample.message}`] : []),
          ],
          severity: SERIOUS.has(k.level) ? 'warn' : 'info',
        },
      });
    }
  }
  for (const k of m.byKind) {
    const rest = k.count - (perKindWithUpstream.get(`${k.level}\n${k.kind}`) ?? 0);
    if (rest <= 0 || !SERIOUS.has(k.level)) continue;
    findings.push({
      n: rest,
      finding: {
        text: `${rest} '${k.kind}' ${k.level}${rest === 1 ? '' : 's'}`,
        evidence: [
          ...explain(k.kind),
          `first ${k.firstTime}, last ${k.lastTime}`,
          `e.g. ${k.sample}`,
        ],
        severity: 'warn',
      },
    });
  }
  return findings
    .sort(
      (a, b) =>
        Number(b.finding.severity === 'warn') - Number(a.finding.severity === 'warn') || b.n - a.n,
    )
    .slice(0, MAX_ERROR_FINDINGS)
    .map((f) => f.finding);
}

export function nginxInsights(input: {
  access?: AccessLogModel | null;
  errors?: ErrorLogModel | null;
}): NginxFinding[] {
  return [
    ...(input.access ? accessLogInsights(input.access) : []),
    ...(input.errors ? errorLogInsights(input.errors) : []),
  ];
}
