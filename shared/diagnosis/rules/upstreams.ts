/**
 * nginx upstreams: one much slower than its peers (seed 003: every slow request went to one
 * backend), and upstream errors by kind (seed 001: "upstream prematurely closed connection").
 */
import type { Finding } from '../finding';
import type { ProcessFacts, UpstreamFact } from '../facts/facts';
import { finding, plural, when } from './ruleKit';
import { median } from '../../util/stats';

/** Attempts an upstream needs before its latency means anything. */
const MIN_ATTEMPTS = 5;
/** Slower than the others' median by this factor, and by at least this many seconds. */
const SLOW_FACTOR = 3;
const SLOW_MARGIN_SECONDS = 0.2;
/** Error-log entries of one kind before it is a finding. */
const MIN_ERRORS = 3;

const secs = (x: number): string => (x >= 1 ? `${x.toFixed(1)} s` : `${Math.round(x * 1000)} ms`);

function slowUpstream(facts: ProcessFacts): Finding[] {
  const byCapture = new Map<string, UpstreamFact[]>();
  for (const u of facts.upstreams) {
    if (u.summary.attempts < MIN_ATTEMPTS || u.summary.latency.p50 === null) continue;
    byCapture.set(u.capture, [...(byCapture.get(u.capture) ?? []), u]);
  }
  const out: Finding[] = [];
  for (const ups of byCapture.values()) {
    if (ups.length < 2) continue;
    for (const u of ups) {
      const mine = u.summary.latency.p50 ?? 0;
      const others = median(ups.filter((x) => x !== u).map((x) => x.summary.latency.p50 ?? 0)) ?? 0;
      if (mine < others * SLOW_FACTOR || mine - others < SLOW_MARGIN_SECONDS) continue;
      const factor = others > 0 ? mine / others : Infinity;
      out.push(
        finding(facts, {
          kind: 'slow-upstream',
          subject: u.summary.upstream,
          severity: factor >= 10 ? 'critical' : 'warning',
          base: 55,
          reasons: [
            ...when(
              factor >= 10,
              15,
              `${Number.isFinite(factor) ? `${Math.round(factor)}×` : 'far'} slower than the others`,
            ),
            ...when(u.summary.attempts >= 50, 10, `${u.summary.attempts} attempts`),
            ...when(ups.length >= 3, 5, `${ups.length} upstreams to compare`),
          ],
          title: `Upstream ${u.summary.upstream} is much slower than its peers: median ${secs(mine)} against ${secs(others)}`,
          statement: `Of ${ups.length} upstreams behind nginx, ${u.summary.upstream} answers in ${secs(mine)} at the median (p95 ${secs(u.summary.latency.p95 ?? mine)}) while the others answer in ${secs(others)}: the problem is on that backend, not in nginx or the network. Look at that host.`,
          evidence: ups.map((x) => ({
            kind: 'upstream' as const,
            capture: x.capture,
            upstream: x.summary.upstream,
          })),
          cannotCheck: ['which process on that backend: capture top and py-spy there'],
          nextSteps: [],
        }),
      );
    }
  }
  return out;
}

function upstreamErrors(facts: ProcessFacts): Finding[] {
  return facts.upstreamErrors
    .filter(
      (e) =>
        e.kind.count >= MIN_ERRORS &&
        /upstream/.test(e.kind.kind) &&
        /^(?:error|crit|alert|emerg)$/.test(e.kind.level),
    )
    .map((e) =>
      finding(facts, {
        kind: 'upstream-errors',
        subject: `${e.kind.level} ${e.kind.kind}`,
        severity: e.kind.count >= 50 ? 'critical' : 'warning',
        base: 60,
        reasons: [
          ...when(e.kind.count >= 50, 10, `${e.kind.count} times`),
          ...when(e.upstreams.length === 1, 10, `all on ${e.upstreams[0] ?? ''}`),
        ],
        title: `nginx: "${e.kind.kind}" ${plural(e.kind.count, 'time')}${e.upstreams.length > 0 ? ` (${e.upstreams.slice(0, 3).join(', ')})` : ''}`,
        statement:
          `${e.kind.count} ${e.kind.level} entries of this kind from ${e.kind.firstTime} to ${e.kind.lastTime}. ` +
          (/prematurely closed/.test(e.kind.kind)
            ? 'The backend closed the connection before answering: its worker was killed (a timeout) or crashed, or it is starved.'
            : /timed out/.test(e.kind.kind)
              ? 'The backend did not answer within proxy_read_timeout: it is blocked or overloaded.'
              : /refused/.test(e.kind.kind)
                ? 'Nothing listens on the backend port: it is down or restarting.'
                : 'nginx could not get an answer from the backend.'),
        evidence: [
          {
            kind: 'nginx-error-kind',
            capture: e.capture,
            level: e.kind.level,
            errorKind: e.kind.kind,
          },
        ],
        cannotCheck: ["the backend's side: capture its process (top -H, py-spy dump)"],
        nextSteps: [],
      }),
    );
}

export function upstreamFindings(facts: ProcessFacts): Finding[] {
  return [...slowUpstream(facts), ...upstreamErrors(facts)];
}
