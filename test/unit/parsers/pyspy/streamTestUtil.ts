/**
 * Helpers shared by the stack-parser tests (py-spy, gdb, collapsed): feeding a StreamParser in
 * pieces, in UTF-8 byte chunks, and mutating real fixtures for property tests.
 */
import fc from 'fast-check';
import type { StreamParser } from '../../../../shared/parsers/streamParser';

export interface Parsed<M> {
  model: M;
  unparsedLines: number;
  internalErrors: number;
}

function result<M>(p: StreamParser<M>): Parsed<M> {
  const internal = (p as { internalErrors?: number }).internalErrors ?? 0;
  return { model: p.snapshot(), unparsedLines: p.unparsedLines, internalErrors: internal };
}

/** Feeds `text` split at the given offsets, then ends the stream. */
export function parseInPieces<M>(
  make: () => StreamParser<M>,
  text: string,
  cuts: readonly number[],
): Parsed<M> {
  const p = make();
  let at = 0;
  for (const cut of [...cuts].sort((a, b) => a - b)) {
    const to = Math.max(at, Math.min(cut, text.length));
    p.push(text.slice(at, to));
    at = to;
  }
  p.push(text.slice(at));
  p.end();
  return result(p);
}

/** Feeds `text` in chunks of `size` characters. */
export function parseInChunks<M>(
  make: () => StreamParser<M>,
  text: string,
  size: number,
): Parsed<M> {
  const cuts: number[] = [];
  for (let i = size; i < text.length; i += size) cuts.push(i);
  return parseInPieces(make, text, cuts);
}

/** Feeds the UTF-8 bytes of `text` in chunks of `size`, decoded in streaming mode (as from SSH). */
export function parseInByteChunks<M>(
  make: () => StreamParser<M>,
  text: string,
  size: number,
): Parsed<M> {
  const bytes = new TextEncoder().encode(text);
  const decoder = new TextDecoder('utf-8');
  const p = make();
  for (let i = 0; i < bytes.length; i += size) {
    p.push(decoder.decode(bytes.subarray(i, i + size), { stream: true }));
  }
  p.push(decoder.decode());
  p.end();
  return result(p);
}

/** Parses at once. */
export function parseOnce<M>(make: () => StreamParser<M>, text: string): Parsed<M> {
  return parseInPieces(make, text, []);
}

export type Mutation =
  | { kind: 'truncate'; at: number }
  | { kind: 'delete'; at: number; len: number }
  | { kind: 'insert'; at: number; text: string }
  | { kind: 'duplicateLine'; at: number };

const INSERTS = [
  '\x1b[33m',
  '\x1b[0m',
  '\x1b[H\x1b[2K',
  '\x1b]2;x\x07',
  '\r',
  '\n',
  '\r\n',
  '\x00',
  '\ufffd',
  ' ',
  '(',
  ')',
  ':',
  ';',
  '"',
  '[',
  ']',
  '{',
  '}',
  ',',
  '\t',
  '-'.repeat(80),
  '\\',
];

export const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({
    kind: fc.constant('delete' as const),
    at: fc.nat(),
    len: fc.integer({ min: 1, max: 8 }),
  }),
  fc.record({
    kind: fc.constant('insert' as const),
    at: fc.nat(),
    text: fc.oneof(fc.constantFrom(...INSERTS), fc.string({ unit: 'binary', maxLength: 6 })),
  }),
  fc.record({ kind: fc.constant('duplicateLine' as const), at: fc.nat() }),
);

export function mutate(text: string, m: Mutation): string {
  const at = text.length === 0 ? 0 : m.at % (text.length + 1);
  switch (m.kind) {
    case 'truncate':
      return text.slice(0, at);
    case 'delete':
      return text.slice(0, at) + text.slice(at + m.len);
    case 'insert':
      return text.slice(0, at) + m.text + text.slice(at);
    case 'duplicateLine': {
      const start = text.lastIndexOf('\n', at - 1) + 1;
      const end = text.indexOf('\n', at);
      const line = text.slice(start, end < 0 ? text.length : end + 1);
      return text.slice(0, start) + line + text.slice(start);
    }
  }
}

/** Random offsets to cut `text` at. */
export const cutsFor = (text: string): fc.Arbitrary<number[]> =>
  fc.array(fc.integer({ min: 0, max: Math.max(0, text.length) }), { maxLength: 12 });

/** Random bytes decoded as UTF-8 (with U+FFFD for invalid sequences). */
export const randomBytesText = fc
  .uint8Array({ maxLength: 600 })
  .map((b) => new TextDecoder('utf-8').decode(b));

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
