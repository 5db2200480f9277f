export { applyRedactions, findRedactions } from './plan';
export { PLACEHOLDER_PATTERN, REDACTION_KINDS, placeholderFor } from './types';
export type {
  RedactionContext,
  RedactionEntry,
  RedactionKind,
  RedactionOptions,
  RedactionPlan,
} from './types';
