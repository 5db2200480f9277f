/**
 * A collapsed file parsed in parts (each part alone, in the mode the file's head decided, then
 * merged in file order) gives exactly what one parser gives over the whole file: the frames, the
 * stacks and their order, the weights, the counts of lines not understood.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CollapsedStackParser,
  lineStartAfter,
  modeOfHead,
  nominalCuts,
  partRanges,
  PARALLEL_MIN_BYTES,
  type CollapsedPart,
} from '../../../../shared/parsers/collapsed';
import { generateCollapsedFile } from '../../../bench/stackParsersBench';
import { allCollapsedFixtures } from './collapsedTestUtil';

const decode = (bytes: Uint8Array): string => new TextDecoder('utf-8').decode(bytes);

/** Through structured clone, as a part crosses from its worker. */
const posted = (part: CollapsedPart): CollapsedPart => structuredClone(part);

function whole(bytes: Uint8Array) {
  const p = new CollapsedStackParser();
  p.push(decode(bytes));
  p.end();
  return {
    samples: p.snapshot(),
    unparsedLines: p.unparsedLines,
    overlongLines: p.overlongLines,
    internalErrors: p.internalErrors,
  };
}

/**
 * The worker's plan on `bytes`: cuts moved to just after a line end within `search` bytes of
 * each nominal point, the head's mode, each part alone, merged into the first part's parser.
 */
function inParts(bytes: Uint8Array, nominal: number[], search = 64 * 1024) {
  const cuts = nominal.map((at) => {
    const after = lineStartAfter(bytes.subarray(at, at + search));
    return after < 0 ? -1 : at + after;
  });
  const ranges = partRanges(bytes.length, cuts);
  const mode = modeOfHead(decode(bytes.subarray(0, search)));
  const first = new CollapsedStackParser();
  const [head, ...rest] = mode === null ? [[0, bytes.length] as const] : ranges;
  first.push(decode(bytes.subarray(head?.[0] ?? 0, head?.[1] ?? 0)));
  for (const [from, to] of rest) {
    const p = new CollapsedStackParser({ mode: mode ?? undefined });
    p.push(decode(bytes.subarray(from, to)));
    p.end();
    first.absorb(posted(p.part()));
  }
  first.end();
  return {
    result: {
      samples: first.snapshot(),
      unparsedLines: first.unparsedLines,
      overlongLines: first.overlongLines,
      internalErrors: first.internalErrors,
    },
    parts: mode === null ? 1 : ranges.length,
  };
}

const FRAMES = ['a', 'b (x.py:1)', 'b (x.py:2)', 'thread (1): w 3', 'spin (odd 💩.py:9)', 'é;ü', '']; // prettier-ignore
const LINE_ENDS = [' 1', ' 7', ' 0.5', ' 3 4', '', ' x', '  2 ', ' 1\r', ' 2 2']; // prettier-ignore
const LEADS = ['', '', '', '#', '# x\r', 'py-spy> ', '\x1b[1m', ' \t', 'x'.repeat(70)]; // prettier-ignore

/** Collapsed-like lines with noise (plain and differential ones, comments, bad counts). */
const text = fc
  .array(
    fc
      .tuple(
        fc.constantFrom(...LEADS),
        fc.array(fc.constantFrom(...FRAMES), { maxLength: 6 }),
        fc.constantFrom(...LINE_ENDS),
      )
      .map(([lead, frames, end]) => lead + frames.join(';') + end),
    { maxLength: 60 },
  )
  .map((lines) => lines.join('\n'));

describe('a collapsed file in parts', () => {
  it('equals the whole file read by one parser, cut anywhere', () => {
    fc.assert(
      fc.property(
        text.chain((t) => {
          const bytes = new TextEncoder().encode(t);
          const cut = fc.integer({ min: 0, max: bytes.length });
          return fc.tuple(fc.constant(bytes), fc.array(cut, { maxLength: 5 }), fc.nat(80));
        }),
        ([bytes, cuts, search]) => {
          const nominal = [...cuts].sort((a, b) => a - b);
          expect(inParts(bytes, nominal, search + 1).result).toEqual(whole(bytes));
        },
      ),
      { numRuns: 500 },
    );
  });

  it('real recordings and a generated 20 000-stack file, in 2 to 4 parts', () => {
    const files: [string, string][] = [
      ...allCollapsedFixtures(),
      ['generated', generateCollapsedFile(20_000, 11)],
    ];
    for (const [name, t] of files) {
      const bytes = new TextEncoder().encode(t);
      for (const parts of [2, 3, 4]) {
        const nominal: number[] = [];
        for (let k = 1; k < parts; k++) nominal.push(Math.floor((bytes.length * k) / parts));
        const { result, parts: made } = inParts(bytes, nominal);
        expect(result, `${name} in ${parts}`).toEqual(whole(bytes));
        if (t.split('\n').length > 8) expect(made, name).toBe(parts);
      }
    }
  });

  it('a differential file keeps its second counts; a head with no data line is not split', () => {
    const diff = 'a;b 1 2\nthread (1): worker 3;c 4 5\na;b 6 7\n'.repeat(50);
    const bytes = new TextEncoder().encode(diff);
    const { result, parts } = inParts(bytes, [100, 900]);
    expect(parts).toBe(3);
    expect(result).toEqual(whole(bytes));
    expect(result.samples.differential).toBe(true);
    expect(result.samples.stacks.map((s) => [s.weight, s.weightB])).toEqual([
      [350, 450],
      [200, 250],
    ]);
    expect(modeOfHead('# only a comment\n')).toBeNull();
    expect(modeOfHead('a;b 10 2')).toBeNull(); // a cut line decides nothing
    expect(modeOfHead('x\na;b 10 2\n')).toBe('diff');
  });

  it('is only planned for large files, with cuts after line ends', () => {
    expect(nominalCuts(PARALLEL_MIN_BYTES - 1, 4)).toEqual([]);
    expect(nominalCuts(PARALLEL_MIN_BYTES, 1)).toEqual([]);
    expect(nominalCuts(400, 4)).toEqual([]);
    expect(nominalCuts(PARALLEL_MIN_BYTES * 2, 4)).toEqual([
      PARALLEL_MIN_BYTES / 2,
      PARALLEL_MIN_BYTES,
      (PARALLEL_MIN_BYTES * 3) / 2,
    ]);
    expect(lineStartAfter(new TextEncoder().encode('ab\ncd'))).toBe(3);
    expect(lineStartAfter(new TextEncoder().encode('abcd'))).toBe(-1);
    expect(partRanges(10, [-1, 4, 4, 2, 10, 12])).toEqual([
      [0, 4],
      [4, 10],
    ]);
  });
});
