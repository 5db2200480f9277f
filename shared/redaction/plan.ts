/**
 * The preview-then-apply API: findRedactions lists every replacement over all texts of one export
 * (so the same value gets the same placeholder everywhere); applyRedactions replaces.
 */
import { findHostNames, findIpAddresses, isIpAddress } from './networkRules';
import { findHomePaths, findUserNames } from './identityRules';
import { pushValue } from './ruleHelpers';
import { findSecrets } from './secretRules';
import { buildValueScanner } from './valueScan';
import {
  isKindOn,
  placeholderFor,
  REDACTION_KINDS,
  type FoundValue,
  type RedactionContext,
  type RedactionEntry,
  type RedactionKind,
  type RedactionOptions,
  type RedactionPlan,
} from './types';

// When two rules find the same value, the first kind here names it (a secret stays a secret).
const KIND_PRIORITY: readonly RedactionKind[] = ['secret', 'homePath', 'user', 'ip', 'host'];

export function findRedactions(
  texts: readonly string[],
  options: RedactionOptions = {},
  context: RedactionContext = {},
): RedactionPlan {
  const found = collectValues(texts, options, context);
  const keep = new Set(context.keep ?? []);
  const chosen = new Map<string, FoundValue>();
  for (const each of found) {
    if (keep.has(each.value)) continue;
    const known = chosen.get(each.value);
    if (known === undefined || KIND_PRIORITY.indexOf(each.kind) < KIND_PRIORITY.indexOf(known.kind))
      chosen.set(each.value, each);
  }
  const values = [...chosen.keys()];
  const scanner = buildValueScanner(values);
  const positions = values.map(() => texts.map((): number[] => []));
  // Order of first appearance gives placeholders numbers that read top to bottom.
  const firstSeen = values.map(() => Number.POSITIVE_INFINITY);
  let offsetBase = 0;
  for (const [textIndex, text] of texts.entries()) {
    for (const occurrence of scanner.occurrences(text)) {
      positions[occurrence.valueIndex]?.[textIndex]?.push(occurrence.start);
      firstSeen[occurrence.valueIndex] = Math.min(
        firstSeen[occurrence.valueIndex] ?? Infinity,
        offsetBase + occurrence.start,
      );
    }
    offsetBase += text.length + 1;
  }
  const order = values
    .map((_, index) => index)
    .sort((a, b) => (firstSeen[a] ?? 0) - (firstSeen[b] ?? 0));
  const ordinals = new Map<RedactionKind, number>(REDACTION_KINDS.map((kind) => [kind, 0]));
  const entries: RedactionEntry[] = [];
  for (const index of order) {
    const value = values[index] ?? '';
    const origin = chosen.get(value);
    const where = positions[index] ?? [];
    const count = where.reduce((sum, list) => sum + list.length, 0);
    if (origin === undefined) continue;
    const ordinal = (ordinals.get(origin.kind) ?? 0) + 1;
    ordinals.set(origin.kind, ordinal);
    entries.push({
      kind: origin.kind,
      rule: origin.rule,
      value,
      placeholder: placeholderFor(origin.kind, ordinal),
      count,
      positions: where,
    });
  }
  entries.sort((a, b) => b.value.length - a.value.length);
  return { entries };
}

/** Replaces every value of the plan in `text`, leftmost and longest first. */
export function applyRedactions(text: string, plan: RedactionPlan): string {
  const scanner = buildValueScanner(plan.entries.map((entry) => entry.value));
  const spans = scanner.occurrences(text);
  const parts: string[] = [];
  let cursor = 0;
  for (const span of spans) {
    parts.push(
      text.slice(cursor, span.start),
      plan.entries[span.valueIndex]?.placeholder ?? '<secret-0>',
    );
    cursor = span.end;
  }
  parts.push(text.slice(cursor));
  return parts.join('');
}

function collectValues(
  texts: readonly string[],
  options: RedactionOptions,
  context: RedactionContext,
): FoundValue[] {
  const found: FoundValue[] = [];
  const on = (kind: RedactionKind): boolean => isKindOn(options, kind);
  for (const name of context.hostNames ?? []) {
    const kind = isIpAddress(name.trim()) ? 'ip' : 'host';
    if (on(kind)) pushContextValue(found, kind, 'host-profile', name);
  }
  if (on('user'))
    for (const name of context.userNames ?? []) pushContextValue(found, 'user', 'known-user', name);
  for (const text of texts) {
    if (on('secret')) findSecrets(text, found);
    if (on('homePath')) findHomePaths(text, found);
    if (on('user')) findUserNames(text, found);
    if (on('ip')) findIpAddresses(text, found);
    if (on('host')) findHostNames(text, found);
  }
  return found;
}

/** Names the app was given are redacted even when short; found ones need three characters. */
function pushContextValue(out: FoundValue[], kind: RedactionKind, rule: string, raw: string): void {
  const value = raw.trim();
  if (value.length >= 3) pushValue(out, kind, rule, value);
  else if (value.length > 0) out.push({ kind, rule, value });
}
