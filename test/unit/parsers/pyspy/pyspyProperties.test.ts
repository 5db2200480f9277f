/**
 * Property tests for the py-spy parsers: they never throw, their output is well formed plain
 * data, and chunking never changes it, on random text, random bytes decoded as UTF-8, dump-like
 * token soup and mutated real fixtures.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  PyDumpJsonParser,
  PyDumpTextParser,
  parsePySpyTopScreen,
  type PyDumpModel,
} from '../../../../shared/parsers/pyspy';
import type { StreamParser } from '../../../../shared/parsers/streamParser';
import { readSharedFixture } from '../../fixturePath';
import { allDumpJsonFixtures, allDumpTextFixtures, expectWellFormedDump } from './pyspyTestUtil';
import {
  cutsFor,
  isPlainData,
  mutate,
  mutation,
  parseInPieces,
  parseOnce,
  randomBytesText,
} from './streamTestUtil';

const TEXT_FIXTURES = allDumpTextFixtures().map(([, t]) => t);
const JSON_FIXTURES = allDumpJsonFixtures().map(([, t]) => t.slice(0, 20_000));

const FRAGMENTS = [
  'Process 42: python app.py\n',
  'Python v3.12.3 (/usr/bin/python3.12)\n',
  'Parent Process 1: x\n',
  'Thread 42 (idle): "MainThread"\n',
  'Thread (idle): "MainThread"\n',
  'Thread: "x"\n',
  'Thread\n',
  'Thread 0x7F00AB (active+gil)\n',
  'Thread 7 (gil): "a": "b"\n',
  '    select (selectors.py:468)\n',
  '    0x7f00 (libc.so.6)\n',
  '        Arguments:\n',
  '        Locals:\n',
  '            self: <Thread at 0x7f>\n',
  '-'.repeat(80),
  'Error: Failed to find python version from target process\n',
  'Caused by:\n',
  '    0: boom\n',
  'Stack backtrace:\n',
  '   1: py_spy::main\n',
  'Permission Denied: x\n',
  '[{"pid": 1, "thread_id": 2, "os_thread_id": 3, "active": true, "owns_gil": false, "frames": []}]',
  '[',
  ']',
  '{',
  '}',
  '"',
  '\\',
  ': "',
  ' (',
  ')',
  ':',
  '\n',
  '\r\n',
  '\r',
  '\x1b[33m',
  '\x1b]0;t\x07',
  '\x1b',
  '\x00',
  '\ufffd',
  '__proto__',
];

const soup = fc
  .array(fc.oneof(fc.constantFrom(...FRAGMENTS), fc.string({ unit: 'binary', maxLength: 10 })), {
    maxLength: 60,
  })
  .map((p) => p.join(''));

function check(make: () => StreamParser<PyDumpModel>, text: string, cuts: number[]): void {
  const once = parseOnce(make, text);
  expect(once.internalErrors).toBe(0);
  expectWellFormedDump(once.model, once.unparsedLines);
  expect(parseInPieces(make, text, cuts)).toEqual(once);
}

const PARSERS = [
  ['PyDumpTextParser', () => new PyDumpTextParser(), TEXT_FIXTURES],
  ['PyDumpJsonParser', () => new PyDumpJsonParser(), JSON_FIXTURES],
] as const;

describe.each(PARSERS)('%s properties', (_name, make, fixtures) => {
  it('random strings', () => {
    fc.assert(
      fc.property(
        fc
          .string({ unit: 'binary', maxLength: 400 })
          .chain((t) => fc.tuple(fc.constant(t), cutsFor(t))),
        ([t, cuts]) => check(make, t, cuts),
      ),
      { numRuns: 200 },
    );
  });

  it('random bytes decoded as UTF-8', () => {
    fc.assert(
      fc.property(
        randomBytesText.chain((t) => fc.tuple(fc.constant(t), cutsFor(t))),
        ([t, cuts]) => check(make, t, cuts),
      ),
      { numRuns: 200 },
    );
  });

  it('dump-like token soup', () => {
    fc.assert(
      fc.property(
        soup.chain((t) => fc.tuple(fc.constant(t), cutsFor(t))),
        ([t, cuts]) => check(make, t, cuts),
      ),
      { numRuns: 400 },
    );
  });

  it('mutated real fixtures', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...fixtures),
        fc.array(mutation, { minLength: 1, maxLength: 4 }),
        fc.array(fc.nat(), { maxLength: 8 }),
        (text, muts, cuts) => check(make, muts.reduce(mutate, text), cuts),
      ),
      { numRuns: 150 },
    );
  });
});

/** A replayed `py-spy top` screen, as the terminal shows it (see topScreen.test.ts). */
const SCREEN = [
  "Collecting samples from '/usr/bin/python3 /srv/lab/gil.py' (python v3.11.2)",
  'Total Samples 400',
  'GIL: 82.22%, Active: 162.22%, Threads: 5',
  '',
  '  %Own   %Total  OwnTime  TotalTime  Function (filename)',
  '138.00% 138.00%    4.27s     4.27s   work (gil.py)',
  '  5.00%   5.00%   0.120s    0.120s   <module> (gil.py)',
  '  1.00%   1.00%   0.010s    0.010s   _set_result_unless_cancelled (asyncio/futur',
  '',
  'Press Control-C to quit, or ? for help.',
].join('\n');

describe('parsePySpyTopScreen properties', () => {
  const lines = fc.array(
    fc.oneof(
      fc.string({ unit: 'binary', maxLength: 60 }),
      fc.constantFrom(
        "Collecting samples from 'x' (python v3.11.2)",
        'Total Samples 100, Error Rate 2.00% (x)',
        'GIL: 1.00%, Active: 2.00%, Threads: 3, Processes 2',
        '  %Own   %Total  OwnTime  TotalTime  Function (filename:line)',
        '100.00% 100.00%   60.14s    60.14s   loop2 (test2.py:12)',
        '  1.00%   1.00%   0.010s    0.010s   cut (asyncio/fu',
        '9'.repeat(400) + '% 1% 1s 1s x',
      ),
    ),
    { maxLength: 40 },
  );

  it('mutated real screens (the seed-000 paste and a replayed session) stay well formed', () => {
    const screens = [
      readSharedFixture('seed000-pyspy-top-and-dump.txt').split('\n').slice(0, 16).join('\n'),
      SCREEN,
    ];
    fc.assert(
      fc.property(
        fc.constantFrom(...screens),
        fc.array(mutation, { minLength: 1, maxLength: 4 }),
        (text, muts) => {
          const ls = muts.reduce(mutate, text).split('\n');
          const { model, unparsedLines } = parsePySpyTopScreen(ls);
          expect(isPlainData(model)).toBe(true);
          expect(unparsedLines).toBeLessThanOrEqual(ls.length + 1);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('never throws; numbers finite; plain data', () => {
    fc.assert(
      fc.property(lines, (ls) => {
        const { model, unparsedLines } = parsePySpyTopScreen(ls);
        expect(isPlainData(model)).toBe(true);
        expect(unparsedLines).toBeGreaterThanOrEqual(0);
        expect(unparsedLines).toBeLessThanOrEqual(ls.length + 1);
      }),
      { numRuns: 400 },
    );
  });
});
