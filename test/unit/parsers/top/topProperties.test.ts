/**
 * Property tests: the parser never throws, its output is well formed, and chunking never changes it,
 * on random text, random bytes decoded as UTF-8 and mutated real fixtures.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseTopText } from '../../../../shared/parsers/top';
import { allTopFixtures, expectWellFormed, parseInPieces } from './topTestUtil';
import { cutsFor, mutate, mutationOf } from '../randomInput';

const FIXTURES = allTopFixtures().map(([, text]) => text);

/** Pieces that steer random text into the parser's interesting paths. */
const FRAGMENTS = [
  'top - 11:24:50 up 2 min,  2 users,  load average: 0.23, 0.22, 0.09',
  'top - ',
  'Tasks: ',
  'Threads:   5 total,   1 running,',
  '%Cpu(s): 47.3 us,',
  '%Cpu0  :',
  'MiB Mem :  24105.1 total,',
  'KiB Swap: 26378547+ total',
  'Mem: 33652K used, 4116K free',
  'CPU:  0% usr',
  'Load average: 0.00 0.00 0.00 1/58 1593',
  '  PID USER      PR  NI    VIRT    RES    SHR S  %CPU  %MEM     TIME+ COMMAND',
  '  PID  PPID USER     STAT   VSZ %VSZ CPU %CPU COMMAND',
  '11747 root      20   0  313884  13036   8720 S  99.9   0.1   0:03.33 python3',
  ' 1593  1461 root     R     2332  6.1   0  0.0 top',
  '34,58',
  '3d+4h',
  '125.1m',
  '9'.repeat(40),
  '?',
  '+',
  '\n',
  '\r\n',
  '\r',
  '\n\n',
  '\t',
  '\x00',
  '\ufffd',
  '\x1b[1;31m',
  '\x1b]0;title\x07',
  '\x1b[',
  '\x1b',
  '__proto__',
  'constructor',
];

const topishText = fc
  .array(fc.oneof(fc.constantFrom(...FRAGMENTS), fc.string({ unit: 'binary', maxLength: 12 })), {
    maxLength: 60,
  })
  .map((parts) => parts.join(''));

/** One-shot parse, then the same text in random pieces must agree. */
function checkText(text: string, cuts: number[]): void {
  const once = parseTopText(text);
  const pieces = parseInPieces(text, cuts);
  expectWellFormed(pieces);
  expect(pieces.frames).toEqual(once.frames);
  expect(pieces.unparsedLines).toBe(once.unparsedLines);
}

const INSERTS = [
  '\x1b[7m',
  '\x1b[0m',
  '\x1b[H\x1b[2J',
  '\x1b]2;x\x07',
  '\r',
  '\n',
  '\x00',
  '\ufffd',
  ' ',
  '+',
  ',',
  '\t',
];

const mutation = mutationOf(INSERTS, 5);

describe('TopStreamParser properties', () => {
  it('random strings: never throws, well-formed, chunking-invariant', () => {
    fc.assert(
      fc.property(
        fc
          .string({ unit: 'binary', maxLength: 400 })
          .chain((t) => fc.tuple(fc.constant(t), cutsFor(t))),
        ([text, cuts]) => checkText(text, cuts),
      ),
      { numRuns: 300 },
    );
  });

  it('top-like token soup: never throws, well-formed, chunking-invariant', () => {
    fc.assert(
      fc.property(
        topishText.chain((t) => fc.tuple(fc.constant(t), cutsFor(t))),
        ([text, cuts]) => checkText(text, cuts),
      ),
      { numRuns: 500 },
    );
  });

  it('random bytes decoded as UTF-8 with replacement characters', () => {
    fc.assert(
      fc.property(
        fc
          .uint8Array({ maxLength: 600 })
          .map((b) => new TextDecoder('utf-8').decode(b))
          .chain((t) => fc.tuple(fc.constant(t), cutsFor(t))),
        ([text, cuts]) => checkText(text, cuts),
      ),
      { numRuns: 300 },
    );
  });

  it('real fixtures with random truncation, deletions, ANSI insertions and split points', () => {
    fc.assert(
      fc.property(
        fc.nat({ max: FIXTURES.length - 1 }),
        fc.array(mutation, { minLength: 1, maxLength: 6 }),
        fc.array(fc.nat(), { maxLength: 10 }),
        (index, mutations, rawCuts) => {
          const text = mutations.reduce(mutate, FIXTURES[index] ?? '');
          const cuts = rawCuts.map((c) => c % (text.length + 1));
          checkText(text, cuts);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('a mutation in one row leaves the other rows of the frame intact', () => {
    const base = FIXTURES[0] ?? '';
    const total = parseTopText(base).frames.reduce((n, f) => n + f.rows.length, 0);
    fc.assert(
      fc.property(
        fc.nat(),
        fc.constantFrom(...INSERTS.filter((s) => !/[\r\n]/.test(s))),
        (at, ins) => {
          const lines = base.split('\n');
          const rowIdx = lines.findIndex((l, i) => i >= at % lines.length && /^\s*\d/.test(l));
          if (rowIdx < 0) return;
          lines[rowIdx] = ins + (lines[rowIdx] ?? '');
          const after = parseTopText(lines.join('\n'));
          const rows = after.frames.reduce((n, f) => n + f.rows.length, 0);
          expect(rows + after.unparsedLines).toBeGreaterThanOrEqual(total);
          expect(rows).toBeGreaterThanOrEqual(total - 1);
        },
      ),
      { numRuns: 100 },
    );
  });
});
