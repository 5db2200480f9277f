import type { ParserKind } from '../../shared/captures/recipes';
import type { StreamParser } from '../../shared/parsers/streamParser';

/** Factories of the live parsers other than top (which has its own frame-by-frame path). */
const factories: Partial<Record<ParserKind, () => StreamParser<unknown>>> = {};

export function createParser(kind: ParserKind): StreamParser<unknown> | null {
  return factories[kind]?.() ?? null;
}
