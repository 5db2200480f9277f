/**
 * Property tests: the parser never throws, its output is well formed, and chunking never changes it,
 * on random text, random bytes decoded as UTF-8 and mutated real fixtures.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseTopText } from '../../../../shared/parsers/top';
import { readLocalFixture } from '../../fixturePath';
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
  '  PID USER      PR  NI    VIRT    RES    SHR S  %CPU  %MEM     TIME+ COMMAND  TIME CGROUPS  ENVIRON',
  '  TID USER         PR  NI VIRT  RES  SHR S[%CPU] %MEM     TIME+ THREAD          PROCESS',
  '  PID  PPID USER         PR  NI[%CPU]S VIRT  RES PCY CMD             NAME',
  '24420 u0_a449       0 -20 7.4G 226M 145M S  258   3.0   0:00.00 Runtime worker  com.hello.im',
  '800%cpu 527%user  14%nice  85%sys 156%idle   0%iow  14%irq   4%sirq   0%host',
  '  Mem:  7603288K total,  6278480K used,  1324808K free,  19079168 buffers',
  '[',
  ']',
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

describe('values with spaces in text columns (procps with ENVIRON and CGROUPS shown)', () => {
  const text = readLocalFixture('top', 'time-cgroups-environ-w512.txt');
  const lines = text.split('\n');
  const header = lines[6] ?? '';
  const row = lines[7] ?? '';
  const cgroupsAt = header.indexOf('CGROUPS');
  const environAt = header.indexOf('ENVIRON');
  // Words as a process's environment or a cgroup path may hold them: no blanks at the ends.
  const words = fc
    .array(fc.stringMatching(/^[!-~]{1,12}$/), { minLength: 1, maxLength: 6 })
    .chain((ws) =>
      fc
        .array(fc.integer({ min: 1, max: 3 }), { minLength: ws.length, maxLength: ws.length })
        .map((gaps) => ws.map((w, i) => (i === 0 ? w : ' '.repeat(gaps[i] ?? 1) + w)).join('')),
    );

  it('the row is kept and each value comes back whole, wherever its spaces are', () => {
    expect(header.startsWith('  PID')).toBe(true);
    const width = environAt - cgroupsAt - 1;
    fc.assert(
      fc.property(
        words.filter((w) => w.length <= width),
        words,
        (cgroups, environ) => {
          const edited = row.slice(0, cgroupsAt) + cgroups.padEnd(width + 1) + environ;
          const parsed = parseTopText([...lines.slice(0, 7), edited, ''].join('\n'));
          const rows = parsed.frames[0]?.rows ?? [];
          expect(rows).toHaveLength(1);
          expect(rows[0]?.pid).toBe(15036);
          expect(rows[0]?.cpuTimeSeconds).toBe(5.76);
          expect(rows[0]?.extra).toMatchObject({
            TIME: '0:05',
            CGROUPS: cgroups,
            ENVIRON: environ,
          });
        },
      ),
      { numRuns: 300 },
    );
  });
});
