/**
 * A diagnosis finding: what a rule saw, how sure it is and why, the evidence it cites, what it
 * could not check, and the capture that would settle it. Modelled on Eclipse Jifa's typed
 * findings (kind, severity, the threads) and JDK Mission Control's 0–100 rule scores.
 */
import type { EvidenceRef, NextStep } from './evidence';

export const FINDING_KINDS = [
  'one-core-saturated',
  'gil-contention',
  'gil-hog',
  'event-loop-blocked',
  'sync-workers-exhausted',
  'pool-saturated',
  'lock-wait',
  'thread-stuck',
  'syscall-loop',
  'slow-upstream',
  'upstream-errors',
] as const;
export type FindingKind = (typeof FINDING_KINDS)[number];

/** critical: the likely cause of the outage; warning: a problem; info: worth knowing. */
export type Severity = 'critical' | 'warning' | 'info';

const SEVERITY_WEIGHT: Record<Severity, number> = { critical: 3, warning: 2, info: 1 };

/** One thing that raised (delta > 0) or lowered (delta < 0) the confidence. */
export interface ConfidenceReason {
  delta: number;
  why: string;
}

export interface Finding {
  /** Stable across updates of the same captures: `${kind}:${host}:${pid}:${subject}`. */
  id: string;
  kind: FindingKind;
  severity: Severity;
  /** 0–100: the base of the rule plus its reasons, clamped. */
  confidence: number;
  reasons: ConfidenceReason[];
  host: string;
  pid: number;
  /** One line: "one thread of PID 2865374 uses 99.7 % of one core". */
  title: string;
  /** Plain words: what it sees and what it means. */
  statement: string;
  evidence: EvidenceRef[];
  /** What it could not check ("needs a second dump a few seconds later"). */
  cannotCheck: string[];
  nextSteps: NextStep[];
}

/** The confidence of a base score and its reasons, clamped to 0–100. */
export function scoreOf(base: number, reasons: readonly ConfidenceReason[]): number {
  const sum = reasons.reduce((acc, r) => acc + r.delta, base);
  return Math.max(0, Math.min(100, Math.round(sum)));
}

/** Rank: severity × confidence, then the kind's order in FINDING_KINDS, then id (stable). */
export function rankFindings(findings: readonly Finding[]): Finding[] {
  const rank = (f: Finding): number => SEVERITY_WEIGHT[f.severity] * f.confidence;
  return [...findings].sort(
    (a, b) =>
      rank(b) - rank(a) ||
      FINDING_KINDS.indexOf(a.kind) - FINDING_KINDS.indexOf(b.kind) ||
      (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
}
