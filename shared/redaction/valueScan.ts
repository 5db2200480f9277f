/**
 * Finds occurrences of a set of literal values in a text, leftmost and longest first, skipping
 * placeholders already in the text. One combined regex, longest alternative first, so the scan
 * is linear in the text for a given value set. Occurrences do not overlap: where two values
 * overlap, the earlier (then longer) one is replaced and the other is cut, so neither is left
 * whole in the output (docs/redaction.md, "Guarantees").
 */
import { PLACEHOLDER_PATTERN } from './types';

export interface Occurrence {
  readonly start: number;
  readonly end: number;
  /** Index into the values the scanner was built from. */
  readonly valueIndex: number;
}

export interface ValueScanner {
  occurrences(text: string): Occurrence[];
}

const escapeRegExp = (value: string): string => value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** `values` must be distinct and non-empty. */
export function buildValueScanner(values: readonly string[]): ValueScanner {
  const order = values
    .map((_, index) => index)
    .sort((a, b) => (values[b]?.length ?? 0) - (values[a]?.length ?? 0));
  const indexByValue = new Map(values.map((value, index) => [value, index]));
  if (values.length === 0) return { occurrences: () => [] };
  const combined = new RegExp(
    order.map((index) => escapeRegExp(values[index] ?? '')).join('|'),
    'g',
  );
  return {
    occurrences(text) {
      const placeholders = [...text.matchAll(PLACEHOLDER_PATTERN)].map(
        (match) => [match.index, match.index + match[0].length] as const,
      );
      const found: Occurrence[] = [];
      let nextPlaceholder = 0;
      combined.lastIndex = 0;
      for (let match = combined.exec(text); match !== null; match = combined.exec(text)) {
        const start = match.index;
        const end = start + match[0].length;
        while (
          nextPlaceholder < placeholders.length &&
          (placeholders[nextPlaceholder]?.[1] ?? 0) <= start
        )
          nextPlaceholder += 1;
        const placeholder = placeholders[nextPlaceholder];
        if (placeholder !== undefined && placeholder[0] < end) continue;
        const valueIndex = indexByValue.get(match[0]);
        if (valueIndex !== undefined) found.push({ start, end, valueIndex });
      }
      return found;
    },
  };
}
