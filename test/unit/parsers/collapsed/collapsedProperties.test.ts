/**
 * CollapsedStackParser: chunking invariance on the recordings (1/7/100 characters, UTF-8 bytes,
 * CRLF) and properties on random text, random bytes and mutated recordings.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CollapsedStackParser,
  parseCollapsed,
  toCollapsed,
} from '../../../../shared/parsers/collapsed';
import {
  cutsFor,
  mutate,
  mutation,
  parseInByteChunks,
  parseInChunks,
  parseInPieces,
  parseOnce,
  randomBytesText,
} from '../pyspy/streamTestUtil';
import { allCollapsedFixtures, expectWellFormedSamples } from './collapsedTestUtil';

const make = (): CollapsedStackParser => new CollapsedStackParser();
const FIXTURES = allCollapsedFixtures();

describe.each(FIXTURES)('%s: chunked equals one-shot', (_name, text) => {
  const once = parseOnce(make, text);
  it.each([1, 7, 100])('%i-character chunks', (size) => {
    expect(parseInChunks(make, text, size)).toEqual(once);
  });
  it.each([1, 7, 100])('%i-byte UTF-8 chunks', (size) => {
    expect(parseInByteChunks(make, text, size)).toEqual(once);
  });
  it('CRLF in 5-character chunks', () => {
    expect(parseInChunks(make, text.replace(/\n/g, '\r\n'), 5)).toEqual(once);
  });
});

function check(text: string, cuts: number[]): void {
  const once = parseOnce(make, text);
  expectWellFormedSamples(once.model);
  expect(parseInPieces(make, text, cuts)).toEqual(once);
}

const FRAGMENTS = [
  'a',
  'b (x.py:1)',
  'thread (1): w 3',
  ';',
  ' ',
  '1',
  '2',
  '0.5',
  '\n',
  '\r\n',
  '#',
  'py-spy> ',
  '\x1b[1m',
  '\t',
  '\ufffd',
  '\x00',
];
const soup = fc
  .array(fc.oneof(fc.constantFrom(...FRAGMENTS), fc.string({ unit: 'binary', maxLength: 5 })), {
    maxLength: 80,
  })
  .map((p) => p.join(''));

describe('CollapsedStackParser properties', () => {
  it('random strings', () => {
    fc.assert(
      fc.property(
        fc
          .string({ unit: 'binary', maxLength: 400 })
          .chain((t) => fc.tuple(fc.constant(t), cutsFor(t))),
        ([t, c]) => check(t, c),
      ),
      { numRuns: 200 },
    );
  });

  it('random bytes decoded as UTF-8', () => {
    fc.assert(
      fc.property(
        randomBytesText.chain((t) => fc.tuple(fc.constant(t), cutsFor(t))),
        ([t, c]) => check(t, c),
      ),
      { numRuns: 200 },
    );
  });

  it('folded-like token soup; toCollapsed output re-parses to the same samples', () => {
    fc.assert(
      fc.property(
        soup.chain((t) => fc.tuple(fc.constant(t), cutsFor(t))),
        ([t, c]) => {
          check(t, c);
          const first = parseCollapsed(t).samples;
          // The format has no escaping: a line whose first frame begins with `#`, `py-spy> ` or a
          // space reads back as a comment, py-spy's chatter or trimmed (a root that is just
          // `py-spy>` too: written with its count after a space, ";py-spy> 2" reads back as
          // chatter). Such a root can only come from a line that began with `;` (an empty frame,
          // dropped), never from a real profile.
          const unwritable = (id: number | undefined) =>
            /^(#|py-spy>( |$)| )/.test(first.frames[id ?? -1]?.name ?? '');
          fc.pre(!first.stacks.some((s) => unwritable(s.frameIds[0])));
          // Nor can a leaf that ends in ` <number>`: written back, `w 3 1` reads as a before/after
          // line (`w`, 3 then 1), the differential form, so such a leaf is not a profile's.
          const numbered = (id: number | undefined) =>
            / \d+$/.test(first.frames[id ?? -1]?.name ?? '');
          fc.pre(!first.stacks.some((s) => numbered(s.frameIds[s.frameIds.length - 1])));
          const again = parseCollapsed(toCollapsed(first));
          expect(again.unparsedLines).toBe(0);
          expect(again.samples.stacks.map((s) => [s.weight, s.weightB])).toEqual(
            first.stacks.map((s) => [s.weight, s.weightB]),
          );
        },
      ),
      { numRuns: 400 },
    );
  });

  it('mutated recordings', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...FIXTURES.map(([, t]) => t)),
        fc.array(mutation, { minLength: 1, maxLength: 4 }),
        fc.array(fc.nat(), { maxLength: 8 }),
        (text, muts, cuts) => check(muts.reduce(mutate, text), cuts),
      ),
      { numRuns: 150 },
    );
  });
});
