/**
 * Helpers shared by the stack-parser tests (py-spy, gdb, collapsed): feeding a StreamParser in
 * pieces, in UTF-8 byte chunks, and mutating real fixtures for property tests.
 */
import type { StreamParser } from '../../../../shared/parsers/streamParser';
import {
  TERMINAL_NOISE,
  mutationOf,
  randomBytesText as randomBytes,
  piecesAt,
  piecesOf,
  utf8Pieces,
} from '../randomInput';

export { cutsFor, mutate } from '../randomInput';
/** Random bytes decoded as UTF-8 (with U+FFFD for invalid sequences). */
export const randomBytesText = randomBytes(600);

export interface Parsed<M> {
  model: M;
  unparsedLines: number;
  internalErrors: number;
}

function result<M>(p: StreamParser<M>): Parsed<M> {
  const internal = (p as { internalErrors?: number }).internalErrors ?? 0;
  return { model: p.snapshot(), unparsedLines: p.unparsedLines, internalErrors: internal };
}

/** Feeds the pieces in order, then ends the stream. */
function feed<M>(make: () => StreamParser<M>, pieces: readonly string[]): Parsed<M> {
  const p = make();
  for (const piece of pieces) p.push(piece);
  p.end();
  return result(p);
}

/** Feeds `text` split at the given offsets, then ends the stream. */
export function parseInPieces<M>(
  make: () => StreamParser<M>,
  text: string,
  cuts: readonly number[],
): Parsed<M> {
  return feed(make, piecesAt(text, cuts));
}

/** Feeds `text` in chunks of `size` characters. */
export function parseInChunks<M>(
  make: () => StreamParser<M>,
  text: string,
  size: number,
): Parsed<M> {
  return feed(make, piecesOf(text, size));
}

/** Feeds the UTF-8 bytes of `text` in chunks of `size`, decoded in streaming mode (as from SSH). */
export function parseInByteChunks<M>(
  make: () => StreamParser<M>,
  text: string,
  size: number,
): Parsed<M> {
  return feed(make, utf8Pieces(text, size));
}

/** Parses at once. */
export function parseOnce<M>(make: () => StreamParser<M>, text: string): Parsed<M> {
  return feed(make, [text]);
}

/** Mutations of stack-parser fixtures: terminal noise and the punctuation of frames and JSON. */
export const mutation = mutationOf(
  [...TERMINAL_NOISE, ' ', '(', ')', ':', ';', '"', '[', ']', '{', '}', ',', '-'.repeat(80), '\\'],
  8,
);

/** A value survives structured cloning (what postMessage does) unchanged: plain data only. */
export function isPlainData(v: unknown): boolean {
  if (v === null || typeof v === 'string' || typeof v === 'boolean') return true;
  if (typeof v === 'number') return Number.isFinite(v);
  if (v === undefined) return true;
  if (Array.isArray(v)) return v.every(isPlainData);
  if (typeof v !== 'object') return false;
  const proto = Object.getPrototypeOf(v) as unknown;
  if (proto !== Object.prototype && proto !== null) return false;
  return Object.values(v).every(isPlainData);
}
