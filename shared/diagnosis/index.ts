/** The diagnosis engine's public API (docs/diagnosis.md). */
export {
  createDiagnosis,
  diagnose,
  findingsOf,
  RULES,
  type CaptureTarget,
  type Diagnosis,
} from './diagnose';
export {
  FACT_KINDS,
  isFactKind,
  type CaptureSet,
  type DiagnosisCapture,
  type FactKind,
} from './captureSet';
export type { EvidenceRef, NextStep } from './evidence';
export {
  FINDING_KINDS,
  rankFindings,
  type ConfidenceReason,
  type Finding,
  type FindingKind,
  type Severity,
} from './finding';
export { buildFacts } from './facts/buildFacts';
export type * from './facts/facts';
export { activityWords, threadActivity, type ThreadActivity } from './facts/threadActivity';
