/**
 * CollapsedStackParser reads clean lines in place (a frame table over the chunk, no substring per
 * frame). It must give exactly the model of the simple algorithm it replaced, kept here as the
 * reference: each line cleaned (cleanLine), trimmed, split on `;`, frames interned through a Map.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CollapsedStackParser, frameFromText } from '../../../../shared/parsers/collapsed';
import { StackSamplesBuilder, type StackSamples } from '../../../../shared/parsers/collapsed';
import { cleanLine } from '../../../../shared/parsers/lineSplitter';
import { rangeHash } from '../../../../shared/parsers/textTable';
import { parseInPieces, type Parsed } from '../pyspy/streamTestUtil';
import { cutsFor } from '../randomInput';

/** A count token: digits with an optional fraction, at most 20 characters; else NaN. */
function countOf(s: string, from: number, to: number): number {
  const token = s.slice(from, to);
  return token.length <= 20 && /^\d+(?:\.\d+)?$/.test(token) ? Number(token) : NaN;
}

function lastCount(s: string, end: number): [number, number] | null {
  const sp = s.lastIndexOf(' ', end - 1);
  if (sp < 0) return null;
  const n = countOf(s, sp + 1, end);
  if (Number.isNaN(n)) return null;
  let restEnd = sp;
  while (restEnd > 0 && s.charCodeAt(restEnd - 1) === 32) restEnd--;
  return [restEnd, n];
}

/** The previous algorithm, whole text at once (lines over 64 KiB aside: none are generated). */
function reference(text: string): { model: StackSamples; unparsedLines: number } {
  const builder = new StackSamplesBuilder();
  let mode: 'unknown' | 'plain' | 'diff' = 'unknown';
  let unparsed = 0;
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  for (const rawLine of lines) {
    const s = cleanLine(rawLine.replace(/\r+$/, ''))
      .trim()
      .replace(/^ +| +$/g, '');
    if (s === '' || s.startsWith('#') || s.startsWith('py-spy> ')) continue;
    const last = lastCount(s, s.length);
    if (last === null) {
      unparsed++;
      continue;
    }
    let [restEnd, weight] = last;
    let weightB: number | undefined;
    if (mode !== 'plain') {
      const prev = lastCount(s, restEnd);
      if (prev !== null && prev[0] > 0) {
        weightB = weight;
        [restEnd, weight] = prev;
        mode = 'diff';
      } else if (mode === 'diff') {
        unparsed++;
        continue;
      } else mode = 'plain';
    }
    const ids = s
      .slice(0, restEnd)
      .split(';')
      .filter((f) => f !== '')
      .map((f) => builder.frameId(f, () => frameFromText(f)));
    if (ids.length === 0) unparsed++;
    else builder.addStack(ids, weight, weightB);
  }
  return { model: builder.build(mode === 'diff'), unparsedLines: unparsed };
}

const FRAMES = ['a', 'b (x.py:1)', 'b (x.py:2)', 'main (app/views.py:123)', 'main (app/views.py:723)', 'thread (1): w 3', 'spin (odd threads 💩.py:9)', 'x'.repeat(40)]; // prettier-ignore
const NOISE = [';', ' ', '  ', '1', '0.5', '12', '\r', '\r\n', '\x1b[1m', '\t', '\ufffd', '\x00', '#', 'py-spy> ', '\b']; // prettier-ignore

/** Lines of known frames, counts and noise. */
const collapsedText = fc
  .array(
    fc.tuple(
      fc.array(fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...FRAMES) }, fc.constantFrom(...NOISE), fc.string({ maxLength: 4 })), { maxLength: 12 }),
      fc.array(fc.constantFrom(' 1', ' 7', ' 0.5', ' 3 4', '', ' x', '  2 '), { maxLength: 2 }),
      // Starts that decide a line alone until cleaning shows something else (`#…\r` is redrawn).
      fc.constantFrom('', '', '', '#', '# x\r', 'py-spy> ', 'py-spy> \r', '\x1b[0m#', ' \t'),
    ).map(([frames, counts, lead]) => lead + frames.join(';') + counts.join('')),
    { maxLength: 30 },
  )
  .map((lines) => lines.join('\n')); // prettier-ignore

function parsed(text: string, cuts: number[]): Omit<Parsed<StackSamples>, 'internalErrors'> {
  const r = parseInPieces(() => new CollapsedStackParser(), text, cuts);
  expect(r.internalErrors).toBe(0);
  return { model: r.model, unparsedLines: r.unparsedLines };
}

/**
 * Frames of equal length whose hashes collide (they differ only in characters the hash does not
 * read): the fast path guesses a frame's id from its hash alone, so only its check of the whole
 * line against the guessed texts tells these apart.
 */
const COLLIDING = ['fa_x (m.py:12)', 'fb_x (m.py:12)', 'main (app/views.py:123)', 'mbin (app/views.py:123)', 'mcin (app/views.py:123)']; // prettier-ignore

const collidingText = fc
  .array(
    fc.tuple(
      fc.array(fc.constantFrom(...COLLIDING, 'a', ''), { minLength: 1, maxLength: 6 }),
      fc.constantFrom(' 1', ' 2', ' 3 4', ' 0.5'),
    ).map(([frames, count]) => frames.join(';') + count),
    { maxLength: 40 },
  )
  .map((lines) => lines.join('\n')); // prettier-ignore

/**
 * Sorted lines, as FlameGraph's stackcollapse scripts write them: neighbours share prefixes, and
 * frames of equal length with different texts (`b (x.py:1)`/`b (x.py:2)`, the colliding ones)
 * put a `;` where the previous line had one without the text being the same (a fast path that
 * reused the previous line's frames where its `;`s fall, unchecked, fails here).
 */
const sortedText = fc
  .array(
    fc.tuple(
      fc.array(fc.constantFrom(...COLLIDING, 'a', 'b (x.py:1)', 'b (x.py:2)', '', ' '), { minLength: 1, maxLength: 8 }),
      fc.constantFrom(' 1', ' 2', ' 3 4', '', ';', ' x'),
    ).map(([frames, count]) => frames.join(';') + count),
    { maxLength: 40 },
  )
  .map((lines) => lines.sort().join('\n')); // prettier-ignore

describe('CollapsedStackParser equals the reference algorithm', () => {
  it('on sorted lines (shared prefixes), in random pieces', () => {
    fc.assert(
      fc.property(
        sortedText.chain((t) => fc.tuple(fc.constant(t), cutsFor(t))),
        ([t, cuts]) => {
          expect(parsed(t, cuts)).toEqual(reference(t));
        },
      ),
      { numRuns: 400 },
    );
  });

  it('on frames whose hashes collide, in random pieces', () => {
    const hashOf = (t: string): number => rangeHash(t, 0, t.length);
    expect(hashOf(COLLIDING[1] ?? '')).toBe(hashOf(COLLIDING[0] ?? ''));
    expect(hashOf(COLLIDING[3] ?? '')).toBe(hashOf(COLLIDING[2] ?? ''));
    expect(hashOf(COLLIDING[4] ?? '')).toBe(hashOf(COLLIDING[2] ?? ''));
    fc.assert(
      fc.property(
        collidingText.chain((t) => fc.tuple(fc.constant(t), cutsFor(t))),
        ([t, cuts]) => {
          expect(parsed(t, cuts)).toEqual(reference(t));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('on collapsed-like text with noise, in random pieces', () => {
    fc.assert(
      fc.property(
        collapsedText.chain((t) => fc.tuple(fc.constant(t), cutsFor(t))),
        ([t, cuts]) => {
          expect(parsed(t, cuts)).toEqual(reference(t));
        },
      ),
      { numRuns: 500 },
    );
  });

  it('on random strings, in random pieces', () => {
    fc.assert(
      fc.property(
        fc
          .string({ unit: 'binary', maxLength: 300 })
          .chain((t) => fc.tuple(fc.constant(t), cutsFor(t))),
        ([t, cuts]) => {
          expect(parsed(t, cuts)).toEqual(reference(t));
        },
      ),
      { numRuns: 300 },
    );
  });
});
