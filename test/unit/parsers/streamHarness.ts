/**
 * Shared checks for line-oriented `StreamParser`s (ps, ss, nginx logs): feeding in pieces, in
 * UTF-8 byte chunks, and fast-check properties (never throws, chunking-invariant, well-formed)
 * on random strings, random bytes and mutated fixtures.
 */
import fc from 'fast-check';
import { expect, it } from 'vitest';
import type { StreamParser } from '../../../shared/parsers/streamParser';
import {
  TERMINAL_NOISE,
  mutate,
  mutationOf,
  piecesAt,
  piecesOf,
  randomBytesText,
  tokenSoup,
  utf8Pieces,
  withCuts,
} from './randomInput';

export type MakeParser<M> = () => StreamParser<M>;

export interface Fed<M> {
  model: M;
  unparsedLines: number;
}

/** Feeds the pieces in order, then end(). */
function feed<M>(make: MakeParser<M>, pieces: readonly string[]): Fed<M> {
  const parser = make();
  for (const piece of pieces) parser.push(piece);
  parser.end();
  return { model: parser.snapshot(), unparsedLines: parser.unparsedLines };
}

/** Feeds `text` cut at `cuts` (any order, clamped), then end(). */
export function feedInPieces<M>(
  make: MakeParser<M>,
  text: string,
  cuts: readonly number[],
): Fed<M> {
  return feed(make, piecesAt(text, cuts));
}

export function feedInChunks<M>(make: MakeParser<M>, text: string, size: number): Fed<M> {
  return feed(make, piecesOf(text, size));
}

export function feedOnce<M>(make: MakeParser<M>, text: string): Fed<M> {
  return feed(make, [text]);
}

/** UTF-8 bytes in `size`-byte chunks through a streaming decoder, as from an SSH channel. */
export function feedBytes<M>(make: MakeParser<M>, text: string, size: number): Fed<M> {
  return feed(make, utf8Pieces(text, size));
}

/** `it`s for 1/7/100-character chunks, 1/7/100-byte chunks and CRLF, against a one-shot parse. */
export function chunkingCases<M>(make: MakeParser<M>, text: string): void {
  const once = feedOnce(make, text);
  it.each([1, 7, 100])('in %i-character chunks', (size) => {
    expect(feedInChunks(make, text, size)).toEqual(once);
  });
  it.each([1, 7, 100])('in %i-byte UTF-8 chunks', (size) => {
    expect(feedBytes(make, text, size)).toEqual(once);
  });
  it('with CRLF line ends (a PTY) in 1-character chunks', () => {
    const crlf = text.replace(/\r?\n/g, '\r\n');
    expect(feedInChunks(make, crlf, 1)).toEqual(once);
  });
}

const INSERTS = [...TERMINAL_NOISE, ' ', '"', ',', ':', '-', '*'];
const mutation = mutationOf(INSERTS);

/** A window of at most `maxLines` lines of a fixture, so mutated cases stay fast. */
function excerpt(text: string, from: number, maxLines: number): string {
  const lines = text.split('\n');
  const start = lines.length === 0 ? 0 : from % lines.length;
  return lines.slice(start, start + maxLines).join('\n');
}

export interface PropertyOptions<M> {
  make: MakeParser<M>;
  fixtures: readonly string[];
  /** Pieces that steer random text into the parser's paths (headers, real rows, separators). */
  fragments: readonly string[];
  /** Structural check of a model (finite numbers, bounded lists...). */
  wellFormed: (model: M) => void;
  numRuns?: number;
}

/** The four property `it`s every line parser gets. */
export function propertyCases<M>(o: PropertyOptions<M>): void {
  const runs = o.numRuns ?? 200;
  const check = (text: string, cuts: number[]): void => {
    const once = feedOnce(o.make, text);
    expect(Number.isSafeInteger(once.unparsedLines) && once.unparsedLines >= 0).toBe(true);
    o.wellFormed(once.model);
    expect(feedInPieces(o.make, text, cuts)).toEqual(once);
  };
  it('random strings: never throws, well formed, chunking-invariant', () => {
    fc.assert(
      fc.property(withCuts(fc.string({ unit: 'binary', maxLength: 300 })), ([t, c]) => check(t, c)),
      { numRuns: runs },
    );
  });

  it('token soup of real fragments', () => {
    const soup = tokenSoup([...o.fragments, ...INSERTS], 50, 8);
    fc.assert(
      fc.property(withCuts(soup), ([t, c]) => check(t, c)),
      { numRuns: runs },
    );
  });

  it('random bytes decoded as UTF-8 (with U+FFFD)', () => {
    fc.assert(
      fc.property(withCuts(randomBytesText(400)), ([t, c]) => check(t, c)),
      { numRuns: runs },
    );
  });

  it('mutated fixture excerpts', () => {
    fc.assert(
      fc.property(
        fc.nat({ max: Math.max(0, o.fixtures.length - 1) }),
        fc.nat(),
        fc.array(mutation, { minLength: 1, maxLength: 6 }),
        fc.array(fc.nat(), { maxLength: 8 }),
        (index, from, mutations, rawCuts) => {
          const text = mutations.reduce(mutate, excerpt(o.fixtures[index] ?? '', from, 40));
          check(
            text,
            rawCuts.map((c) => c % (text.length + 1)),
          );
        },
      ),
      { numRuns: runs },
    );
  });
}

/** Every number in a plain-data tree is finite; nothing but plain data (postMessage-safe). */
export function expectPlainFiniteData(value: unknown): void {
  const bad: string[] = [];
  const walk = (v: unknown, path: string): void => {
    if (typeof v === 'number') {
      if (!Number.isFinite(v)) bad.push(`${path}=${v}`);
    } else if (typeof v === 'function' || typeof v === 'symbol' || typeof v === 'bigint') {
      bad.push(`${path} is a ${typeof v}`);
    } else if (Array.isArray(v)) {
      v.forEach((x, i) => walk(x, `${path}[${i}]`));
    } else if (v !== null && typeof v === 'object') {
      const proto = Object.getPrototypeOf(v) as unknown;
      if (proto !== Object.prototype && proto !== null) bad.push(`${path} is not a plain object`);
      for (const [k, x] of Object.entries(v)) walk(x, `${path}.${k}`);
    }
  };
  walk(value, '$');
  expect(bad).toEqual([]);
  expect(structuredClone(value)).toEqual(value);
}
