/**
 * Input shaping for the parser tests, shared by every parser's chunking and property tests:
 * cutting a text into the pieces a stream delivers (at given offsets, every n characters, or as
 * UTF-8 bytes through a streaming decoder), and fast-check generators of hostile text (random
 * offsets to cut at, random bytes decoded with U+FFFD, token soups, mutations of real fixtures).
 */
import fc from 'fast-check';

/** `text` cut at `cuts` (any order; clamped to the text). Joined, the pieces are `text`. */
export function piecesAt(text: string, cuts: readonly number[]): string[] {
  const pieces: string[] = [];
  let at = 0;
  for (const cut of [...cuts].sort((a, b) => a - b)) {
    const to = Math.max(at, Math.min(cut, text.length));
    pieces.push(text.slice(at, to));
    at = to;
  }
  pieces.push(text.slice(at));
  return pieces;
}

/** `text` in pieces of `size` characters (the last one shorter). */
export function piecesOf(text: string, size: number): string[] {
  const cuts: number[] = [];
  for (let i = size; i < text.length; i += size) cuts.push(i);
  return piecesAt(text, cuts);
}

/** The UTF-8 bytes of `text` in `size`-byte pieces through a streaming decoder (as from SSH). */
export function utf8Pieces(text: string, size: number): string[] {
  const bytes = new TextEncoder().encode(text);
  const decoder = new TextDecoder('utf-8');
  const pieces: string[] = [];
  for (let i = 0; i < bytes.length; i += size) {
    pieces.push(decoder.decode(bytes.subarray(i, i + size), { stream: true }));
  }
  pieces.push(decoder.decode());
  return pieces;
}

/** Random offsets to cut `text` at. */
export const cutsFor = (text: string, maxCuts = 12): fc.Arbitrary<number[]> =>
  fc.array(fc.integer({ min: 0, max: text.length }), { maxLength: maxCuts });

/** A text from `texts` with random offsets to cut it at. */
export const withCuts = (texts: fc.Arbitrary<string>): fc.Arbitrary<[string, number[]]> =>
  texts.chain((t) => fc.tuple(fc.constant(t), cutsFor(t)));

/** Random bytes decoded as UTF-8 (invalid sequences become U+FFFD). */
export const randomBytesText = (maxBytes = 600): fc.Arbitrary<string> =>
  fc.uint8Array({ maxLength: maxBytes }).map((b) => new TextDecoder('utf-8').decode(b));

/** Terminal noise every line parser must survive: colours, titles, CR/LF, NUL, U+FFFD, tab. */
export const TERMINAL_NOISE = [
  '\x1b[1;31m',
  '\x1b[0m',
  '\x1b[H\x1b[2J',
  '\x1b]0;title\x07',
  '\x1b[',
  '\x1b',
  '\r',
  '\n',
  '\r\n',
  '\b',
  '\x00',
  '\ufffd',
  '\t',
] as const;

/** Fragments from `fragments` and short random strings, joined: steers text into a parser's paths. */
export const tokenSoup = (
  fragments: readonly string[],
  maxParts = 60,
  maxRandom = 10,
): fc.Arbitrary<string> =>
  fc
    .array(
      fc.oneof(fc.constantFrom(...fragments), fc.string({ unit: 'binary', maxLength: maxRandom })),
      { maxLength: maxParts },
    )
    .map((parts) => parts.join(''));

export type Mutation =
  | { kind: 'truncate'; at: number }
  | { kind: 'delete'; at: number; len: number }
  | { kind: 'insert'; at: number; text: string }
  | { kind: 'duplicateLine'; at: number };

/** Random edits of a real text; inserted text is one of `inserts` or a short random string. */
export const mutationOf = (inserts: readonly string[], maxDelete = 6): fc.Arbitrary<Mutation> =>
  fc.oneof(
    fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
    fc.record({
      kind: fc.constant('delete' as const),
      at: fc.nat(),
      len: fc.integer({ min: 1, max: maxDelete }),
    }),
    fc.record({
      kind: fc.constant('insert' as const),
      at: fc.nat(),
      text: fc.oneof(fc.constantFrom(...inserts), fc.string({ unit: 'binary', maxLength: 6 })),
    }),
    fc.record({ kind: fc.constant('duplicateLine' as const), at: fc.nat() }),
  );

/** Applies one mutation (its offset taken modulo the text length). */
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
