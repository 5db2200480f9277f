import type { FoundValue, RedactionKind } from './types';

/** A regex rule: `group` of each match of `pattern` (which must have the g flag) is the value. */
export interface PatternRule {
  readonly name: string;
  readonly kind: RedactionKind;
  readonly pattern: RegExp;
  readonly group: number;
}

/** Values a rule yields that are too short to redact without wrecking the text. */
const MIN_FOUND_LENGTH = 3;

export function runPatternRule(text: string, rule: PatternRule, out: FoundValue[]): void {
  for (const match of text.matchAll(rule.pattern)) {
    const value = match[rule.group];
    if (value !== undefined) pushValue(out, rule.kind, rule.name, value);
  }
}

/** Adds a found value unless it is empty-ish or a placeholder; quotes around it are dropped. */
export function pushValue(out: FoundValue[], kind: RedactionKind, rule: string, raw: string): void {
  const value = stripQuotes(raw.trim());
  if (value.length < MIN_FOUND_LENGTH || IGNORED_VALUES.has(value)) return;
  // A value may already hold placeholders (a second pass over redacted text): keep only the rest.
  for (const piece of value.split(/<(?:ip|host|user|home|secret)-\d{1,9}>/)) {
    const trimmed = piece.trim();
    if (trimmed.length >= MIN_FOUND_LENGTH && !IGNORED_VALUES.has(trimmed)) {
      out.push({ kind, rule, value: trimmed });
    }
  }
}

/** Values that say nothing: Python/JSON constants and empty containers. */
const IGNORED_VALUES = new Set([
  'None',
  'True',
  'False',
  'null',
  'true',
  'false',
  'undefined',
  '[]',
  '{}',
  '()',
  "''",
  '""',
]);

function stripQuotes(value: string): string {
  if (value.length >= 2) {
    const first = value[0];
    if ((first === "'" || first === '"') && value.endsWith(first)) return value.slice(1, -1);
  }
  return value;
}
