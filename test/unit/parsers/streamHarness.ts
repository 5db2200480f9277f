/**
 * Shared checks for line-oriented `StreamParser`s (ps, ss, nginx logs): feeding in pieces, in
 * UTF-8 byte chunks, and fast-check properties (never throws, chunking-invariant, well-formed)
 * on random strings, random bytes and mutated fixtures.
 */
import fc from 'fast-check';
import { expect, it } from 'vitest';
import type { StreamParser } from '../../../shared/parsers/streamParser';

export type MakeParser<M> = () => StreamParser<M>;

export interface Fed<M> {
  model: M;
  unparsedLines: number;
}

/** Feeds `text` cut at `cuts` (any order, clamped), then end(). */
export function feedInPieces<M>(
  make: MakeParser<M>,
  text: string,
  cuts: readonly number[],
): Fed<M> {
  const parser = make();
  let at = 0;
  for (const cut of [...cuts].sort((a, b) => a - b)) {
    const to = Math.max(at, Math.min(cut, text.length));
    parser.push(text.slice(at, to));
    at = to;
  }
  parser.push(text.slice(at));
  parser.end();
  return { model: parser.snapshot(), unparsedLines: parser.unparsedLines };
}

export function feedInChunks<M>(make: MakeParser<M>, text: string, size: number): Fed<M> {
  const cuts: number[] = [];
  for (let i = size; i < text.length; i += size) cuts.push(i);
  return feedInPieces(make, text, cuts);
}

export function feedOnce<M>(make: MakeParser<M>, text: string): Fed<M> {
  return feedInPieces(make, text, []);
}

/** UTF-8 bytes in `size`-byte chunks through a streaming decoder, as from an SSH channel. */
export function feedBytes<M>(make: MakeParser<M>, text: string, size: number): Fed<M> {
  const bytes = new TextEncoder().encode(text);
  const decoder = new TextDecoder('utf-8');
  const parser = make();
  for (let i = 0; i < bytes.length; i += size) {
    parser.push(decoder.decode(bytes.subarray(i, i + size), { stream: true }));
  }
  parser.push(decoder.decode());
  parser.end();
  return { model: parser.snapshot(), unparsedLines: parser.unparsedLines };
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

type Mutation =
  | { kind: 'truncate'; at: number }
  | { kind: 'delete'; at: number; len: number }
  | { kind: 'insert'; at: number; text: string }
  | { kind: 'duplicateLine'; at: number };

const INSERTS = [
  '\x1b[1;31m',
  '\x1b[0m',
  '\x1b]0;t\x07',
  '\r',
  '\n',
  '\r\n',
  '\x00',
  '\ufffd',
  ' ',
  '\t',
  '"',
  ',',
  ':',
  '-',
  '*',
];

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({
    kind: fc.constant('delete' as const),
    at: fc.nat(),
    len: fc.integer({ min: 1, max: 6 }),
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
  const withCuts = (t: string): fc.Arbitrary<[string, number[]]> =>
    fc.tuple(fc.constant(t), fc.array(fc.integer({ min: 0, max: t.length }), { maxLength: 10 }));

  it('random strings: never throws, well formed, chunking-invariant', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }).chain(withCuts), ([t, c]) =>
        check(t, c),
      ),
      { numRuns: runs },
    );
  });

  it('token soup of real fragments', () => {
    const soup = fc
      .array(
        fc.oneof(
          fc.constantFrom(...o.fragments, ...INSERTS),
          fc.string({ unit: 'binary', maxLength: 8 }),
        ),
        {
          maxLength: 50,
        },
      )
      .map((parts) => parts.join(''));
    fc.assert(
      fc.property(soup.chain(withCuts), ([t, c]) => check(t, c)),
      { numRuns: runs },
    );
  });

  it('random bytes decoded as UTF-8 (with U+FFFD)', () => {
    const text = fc.uint8Array({ maxLength: 400 }).map((b) => new TextDecoder('utf-8').decode(b));
    fc.assert(
      fc.property(text.chain(withCuts), ([t, c]) => check(t, c)),
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
