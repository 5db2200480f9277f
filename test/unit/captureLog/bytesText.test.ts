import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  eventLine,
  headerLine,
  outputBytes,
  parseCast,
} from '../../../shared/captureLog/asciicast';
import { concatBytes, LosslessDecoder, textToBytes } from '../../../shared/captureLog/bytesText';

/** Decodes `bytes` cut at `cuts` (sorted offsets). */
function decodeIn(bytes: Uint8Array, cuts: number[]): string {
  const decoder = new LosslessDecoder();
  let text = '';
  let at = 0;
  for (const cut of [...cuts, bytes.length]) {
    text += decoder.decode(bytes.subarray(at, cut));
    at = cut;
  }
  return text + decoder.end();
}

const withCuts = (gen: fc.Arbitrary<Uint8Array>) =>
  gen.chain((bytes) =>
    fc.tuple(
      fc.constant(bytes),
      fc
        .array(fc.integer({ min: 0, max: bytes.length }), { maxLength: 8 })
        .map((c) => [...c].sort((a, b) => a - b)),
    ),
  );

/** Bytes that are mostly UTF-8 with broken pieces: what a terminal really carries. */
const terminalBytes = fc
  .array(
    fc.oneof(
      fc.string({ unit: 'grapheme', maxLength: 8 }).map((s) => new TextEncoder().encode(s)),
      fc.uint8Array({ maxLength: 4 }),
      fc.constantFrom(
        Uint8Array.of(0xe2, 0x82), // a cut euro sign
        Uint8Array.of(0xed, 0xa0, 0x80), // an encoded surrogate
        Uint8Array.of(0xc0, 0xaf), // overlong
        Uint8Array.of(0xef, 0xbb, 0xbf), // BOM
        Uint8Array.of(0xf4, 0x90, 0x80, 0x80), // above U+10FFFF
        Uint8Array.of(0x1b, 0x5b, 0x33, 0x31, 0x6d), // ESC[31m
      ),
    ),
    { maxLength: 40 },
  )
  .map(concatBytes);

describe('lossless bytes ⇄ text', () => {
  it('gives back every byte, whatever the bytes and the chunking, through JSON too', () => {
    fc.assert(
      fc.property(
        withCuts(fc.oneof(fc.uint8Array({ maxLength: 300 }), terminalBytes)),
        ([b, c]) => {
          const text = decodeIn(b, c);
          expect(textToBytes(text)).toEqual(b);
          expect(textToBytes(JSON.parse(JSON.stringify(text)) as string)).toEqual(b);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('gives the same text with a native whole-chunk decoder (as the Node side uses)', () => {
    const fatal = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
    const native = (bytes: Uint8Array): string | null => {
      try {
        return fatal.decode(bytes);
      } catch {
        return null;
      }
    };
    fc.assert(
      fc.property(withCuts(terminalBytes), ([b, c]) => {
        const decoder = new LosslessDecoder(native);
        let text = '';
        let at = 0;
        for (const cut of [...c, b.length]) {
          text += decoder.decode(b.subarray(at, cut));
          at = cut;
        }
        expect(text + decoder.end()).toBe(decodeIn(b, c));
      }),
      { numRuns: 300 },
    );
  });

  it('reads valid UTF-8 as the platform does, BOM included', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 60 }), (s) => {
        const bytes = new TextEncoder().encode(`\ufeff${s}`);
        expect(decodeIn(bytes, [1, 5])).toBe(
          new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes),
        );
      }),
      { numRuns: 300 },
    );
  });

  it('escapes what is not UTF-8 as U+DC80..U+DCFF, one per byte', () => {
    expect(decodeIn(Uint8Array.of(0x61, 0xff, 0xe2, 0x82), [])).toBe('a\udcff\udce2\udc82');
    expect(decodeIn(Uint8Array.of(0xe2, 0x82, 0xac), [1, 2])).toBe('€');
  });
});

describe('asciicast v2', () => {
  it('writes and reads back a log: header, events, output bytes; counts a cut last line', () => {
    const decoder = new LosslessDecoder();
    const header = {
      version: 2 as const,
      width: 80,
      height: 24,
      timestamp: 1_790_000_000,
      command: 'top -b',
    };
    const out = Uint8Array.of(0x68, 0x69, 0xff, 0x0d, 0x0a);
    const text =
      headerLine(header) +
      eventLine(0.1234567, 'o', decoder.decode(out)) +
      eventLine(0.5, 'r', '100x30') +
      eventLine(1, 'm', 'exit 0') +
      '[1.5, "o", "cut';
    const cast = parseCast(text);
    expect(cast.header).toEqual(header);
    expect(cast.events.map((e) => e[1])).toEqual(['o', 'r', 'm']);
    expect(cast.events[0]?.[0]).toBe(0.123457);
    expect(cast.badLines).toBe(1);
    expect(outputBytes(cast.events)).toEqual(out);
  });
});
