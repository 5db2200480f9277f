/**
 * The engine: facts from the captures of one process, every rule over them, findings ranked by
 * severity × confidence. `createDiagnosis` keeps the captures of many processes and recomputes
 * only the process a capture belongs to, for a panel updated live as captures arrive.
 */
import { buildFacts } from './facts/buildFacts';
import type { ProcessFacts } from './facts/facts';
import { rankFindings, type Finding } from './finding';
import type { CaptureSet, DiagnosisCapture } from './captureSet';
import { eventLoopBlocked } from './rules/eventLoopBlocked';
import { gilContention } from './rules/gilContention';
import { gilHog } from './rules/gilHog';
import { lockWait } from './rules/lockWait';
import { oneCoreSaturated } from './rules/oneCoreSaturated';
import { poolSaturated } from './rules/poolSaturated';
import type { Rule } from './rules/ruleKit';
import { syncWorkersExhausted } from './rules/syncWorkersExhausted';
import { syscallLoop } from './rules/syscallLoop';
import { threadStuck } from './rules/threadStuck';
import { upstreamFindings } from './rules/upstreams';

export const RULES: readonly Rule[] = [
  oneCoreSaturated,
  gilContention,
  gilHog,
  eventLoopBlocked,
  syncWorkersExhausted,
  poolSaturated,
  lockWait,
  threadStuck,
  syscallLoop,
  upstreamFindings,
];

/** Findings that name why threads wait. */
const EXPLAINS_WAITS = new Set([
  'gil-hog',
  'lock-wait',
  'pool-saturated',
  'event-loop-blocked',
  'sync-workers-exhausted',
]);

const citedThreads = (f: Finding): string[] =>
  f.evidence.flatMap((e) =>
    e.kind === 'thread' || e.kind === 'frame' ? [`${e.capture} ${e.tid ?? e.threadId}`] : [],
  );

/** A stuck thread, or a same-line guess at a lock, adds nothing when a finding already says why. */
const mayRepeat = (f: Finding): boolean =>
  f.kind === 'thread-stuck' || (f.kind === 'lock-wait' && f.severity === 'info');

function withoutRepeats(findings: readonly Finding[]): Finding[] {
  const explained = new Set(
    findings.filter((f) => EXPLAINS_WAITS.has(f.kind) && !mayRepeat(f)).flatMap(citedThreads),
  );
  return findings.filter((f) => {
    if (!mayRepeat(f)) return true;
    const cited = citedThreads(f);
    return cited.length === 0 || !cited.every((t) => explained.has(t));
  });
}

/**
 * One thread holding the GIL explains the one saturated core: the core is its symptom and ranks
 * below it, as a warning at most. (GIL contention among a pool stays beside it: there the
 * saturated core is half the story, the "only 50 %" trap of seed 000.)
 */
function symptomsBelowCauses(findings: readonly Finding[]): Finding[] {
  const cause = findings.find((f) => f.kind === 'gil-hog' && f.severity !== 'info');
  if (cause === undefined) return busyIsNotCeiling(findings);
  return findings.map((f) =>
    f.kind === 'one-core-saturated' && f.severity === 'critical'
      ? {
          ...f,
          severity: 'warning',
          reasons: [...f.reasons, { delta: 0, why: `the symptom of: ${cause.title}` }],
        }
      : f,
  );
}

/**
 * A process near one core with nothing queued for the GIL (no GIL finding above "info") and not
 * pinned at it (under 95 %) is busy, not at its ceiling: worth knowing, not a warning (the
 * healthy control under load reached 87 % of one core on a calm machine).
 */
function busyIsNotCeiling(findings: readonly Finding[]): Finding[] {
  const queued = findings.some(
    (f) => (f.kind === 'gil-contention' || f.kind === 'gil-hog') && f.severity !== 'info',
  );
  if (queued) return [...findings];
  return findings.map((f) =>
    f.kind === 'one-core-saturated' && f.severity === 'warning'
      ? {
          ...f,
          severity: 'info',
          reasons: [
            ...f.reasons,
            { delta: 0, why: 'no thread was seen waiting for the GIL: busy, not at its ceiling' },
          ],
        }
      : f,
  );
}

export function findingsOf(facts: ProcessFacts): Finding[] {
  return rankFindings(symptomsBelowCauses(withoutRepeats(RULES.flatMap((rule) => rule(facts)))));
}

/** Every finding about the process, most telling first. */
export function diagnose(captures: CaptureSet): Finding[] {
  return findingsOf(buildFacts(captures));
}

/** Where a capture belongs: a host and a process. */
export interface CaptureTarget {
  host: string;
  pid: number;
}

export interface Diagnosis {
  /** Adds a capture, or replaces the one with its id (a live capture's newer model). */
  upsert(target: CaptureTarget, capture: DiagnosisCapture): Finding[];
  remove(captureId: string): void;
  /** The host's core count, when a probe learnt it. */
  setCpuCount(host: string, count: number): void;
  /** The findings of one process (computed when its captures changed). */
  findings(target: CaptureTarget): Finding[];
  /** Every process's findings, ranked together. */
  all(): Finding[];
}

const keyOf = (t: CaptureTarget): string => `${t.host}\u0000${t.pid}`;

export function createDiagnosis(): Diagnosis {
  const sets = new Map<
    string,
    { target: CaptureTarget; captures: Map<string, DiagnosisCapture> }
  >();
  const cpuCounts = new Map<string, number>();
  const cache = new Map<string, Finding[]>();
  const recompute = (key: string): Finding[] => {
    const set = sets.get(key);
    if (set === undefined) return [];
    const cpuCount = cpuCounts.get(set.target.host);
    const found = diagnose({
      host: set.target.host,
      pid: set.target.pid,
      captures: [...set.captures.values()],
      ...(cpuCount !== undefined ? { cpuCount } : {}),
    });
    cache.set(key, found);
    return found;
  };
  const findings = (target: CaptureTarget): Finding[] =>
    cache.get(keyOf(target)) ?? recompute(keyOf(target));
  return {
    upsert(target, capture) {
      const key = keyOf(target);
      for (const [k, s] of sets) if (k !== key && s.captures.delete(capture.id)) cache.delete(k);
      const set = sets.get(key) ?? { target, captures: new Map() };
      set.captures.set(capture.id, capture);
      sets.set(key, set);
      return recompute(key);
    },
    remove(captureId) {
      for (const [key, s] of sets) {
        if (!s.captures.delete(captureId)) continue;
        if (s.captures.size === 0) sets.delete(key);
        cache.delete(key);
      }
    },
    setCpuCount(host, count) {
      cpuCounts.set(host, count);
      for (const [key, s] of sets) if (s.target.host === host) cache.delete(key);
    },
    findings,
    all: () => rankFindings([...sets.values()].flatMap((s) => findings(s.target))),
  };
}
