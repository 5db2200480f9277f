import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  INPUT_CHUNK_CHARS,
  splitInput,
  TerminalClientMessage,
} from '../../../shared/contract/index';

describe('terminal input in pieces', () => {
  it('cuts any text into valid messages that join back to it, never inside a surrogate pair', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme', maxLength: 300 }),
        fc.integer({ min: 0, max: 3 }),
        (tail, repeats) => {
          const text =
            '😀'.repeat(INPUT_CHUNK_CHARS / 2 - 1 + repeats) + 'a'.repeat(repeats) + tail;
          const pieces = splitInput(text);
          expect(pieces.join('')).toBe(text);
          for (const piece of pieces) {
            expect(TerminalClientMessage.safeParse({ t: 'input', data: piece }).success).toBe(true);
            // A lone surrogate would reach the host as U+FFFD.
            expect(/[\uD800-\uDBFF]$/.test(piece) && piece !== pieces.at(-1)).toBe(false);
          }
        },
      ),
      { numRuns: 50 },
    );
  });

  it('cuts 10 MiB into 160 pieces', () => {
    expect(splitInput('x'.repeat(10 * 1024 * 1024))).toHaveLength(160);
    expect(splitInput('')).toEqual([]);
  });
});
