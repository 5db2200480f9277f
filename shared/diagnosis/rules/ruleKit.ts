/** What the rules share: building a finding, evidence for threads and frames, words for frames. */
import { describeFrame } from '../../insights/stacks';
import type { PyFrame } from '../../parsers/pyspy/dumpModel';
import { fileIs } from '../../parsers/pyspy/frameText';
import type { EvidenceRef, NextStep } from '../evidence';
import type { ProcessFacts, ThreadSample } from '../facts/facts';
import {
  scoreOf,
  type ConfidenceReason,
  type Finding,
  type FindingKind,
  type Severity,
} from '../finding';

export type Rule = (facts: ProcessFacts) => Finding[];

export interface FindingDraft {
  kind: FindingKind;
  /** What the finding is about, unique within the kind (a lock address, a pool name). */
  subject: string;
  severity: Severity;
  base: number;
  reasons: ConfidenceReason[];
  title: string;
  statement: string;
  evidence: EvidenceRef[];
  cannotCheck?: string[];
  nextSteps?: NextStep[];
}

export function finding(facts: ProcessFacts, d: FindingDraft): Finding {
  return {
    id: `${d.kind}:${facts.host}:${facts.pid}:${d.subject}`,
    kind: d.kind,
    severity: d.severity,
    confidence: scoreOf(d.base, d.reasons),
    reasons: d.reasons,
    host: facts.host,
    pid: facts.pid,
    title: d.title,
    statement: d.statement,
    evidence: d.evidence,
    cannotCheck: d.cannotCheck ?? [],
    nextSteps: d.nextSteps ?? [],
  };
}

/** A reason, when its condition holds. */
export const when = (cond: boolean, delta: number, why: string): ConfidenceReason[] =>
  cond ? [{ delta, why }] : [];

export const threadRef = (s: ThreadSample): EvidenceRef => ({
  kind: 'thread',
  capture: s.capture,
  dump: s.dump,
  threadId: s.thread.threadId,
  tid: s.thread.tid,
});

export const frameRef = (s: ThreadSample, frame: number): EvidenceRef => ({
  kind: 'frame',
  capture: s.capture,
  dump: s.dump,
  threadId: s.thread.threadId,
  tid: s.thread.tid,
  frame,
});

/** Evidence for many threads: at most `max` references, so a panel stays readable. */
export const someRefs = <T>(
  items: readonly T[],
  ref: (x: T) => EvidenceRef,
  max = 12,
): EvidenceRef[] => items.slice(0, max).map(ref);

export { describeFrame };
export {
  firstPythonFrame,
  frameKey,
  functionKey,
  isAppFile,
  isWholePath,
  pythonLeaf,
} from '../facts/frames';

/** "thread 30230 "waiter-0"" */
export function threadName(t: { tid: number | null; threadId: string; name?: string }): string {
  const id = t.tid ?? t.threadId;
  return t.name !== undefined && t.name !== '' && t.name !== 'python3'
    ? `thread ${id} "${t.name}"`
    : `thread ${id}`;
}

/** The samples of every dump, dump by dump (oldest first). */
export function samplesByDump(facts: ProcessFacts): ThreadSample[][] {
  const out: ThreadSample[][] = facts.dumps.map(() => []);
  for (const t of facts.threads) for (const s of t.samples) out[s.dumpOrder]?.push(s);
  return out;
}

export const hasFrame = (frames: readonly PyFrame[], fn: string, file: string): boolean =>
  frames.some((f) => f.function === fn && fileIs(f.file, file));

export const plural = (n: number, one: string, many = `${one}s`): string =>
  `${n} ${n === 1 ? one : many}`;

export const pct = (x: number): string => `${Math.round(x)} %`;
