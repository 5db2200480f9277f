/**
 * Property tests: the parser never throws, its snapshot is well formed and the same in any
 * chunking, on random text, random bytes decoded as UTF-8, strace-like token soup and mutated
 * real fixture lines. The line parser never throws either.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  parseStraceLineEvents,
  parseStraceSummary,
  parseStraceText,
} from '../../../../shared/parsers/strace';
import { allStraceFixtures, expectWellFormed, parseInPieces } from './straceTestUtil';
import { cutsFor, mutate, mutationOf } from '../randomInput';

const FIXTURES = allStraceFixtures().map(([, text]) => text);
/** Generous: the dev machine and CI are shared 2-core boxes. */
const SLOW = 60_000;

/** Pieces that steer random text into the parser's interesting paths. */
const FRAGMENTS = [
  '[pid 10909] ',
  '[pid  4802] ',
  '[pid 7<python3>] ',
  '11735 ',
  '15:09:54.051055 ',
  '08:23:46 ',
  '1795422224.584234 ',
  '     0.000060 ',
  '(+     0.000785) ',
  '[ 230] [00007fced749c545] ',
  'rename("/srv/lab/app.log.1", "/srv/lab/app.log.2")',
  'connect(4, {sa_family=AF_INET, sin_port=htons(8080), sin_addr=inet_addr("127.0.0.1")}, 16)',
  'write(3, "f(x) = \\"y\\" ) = -1"..., 93)',
  'futex(0x28598500, FUTEX_WAIT_BITSET_PRIVATE, 0, NULL',
  ' <unfinished ...>',
  ' <detached ...>',
  '<... futex resumed>',
  '<... clock_nanosleep resumed> <unfinished ...>',
  ' = -1 ENOENT (No such file or directory)',
  ' = ? ERESTARTSYS (To be restarted if SA_RESTART is set)',
  '                = 0',
  ' = 4<TCP:[196280]>',
  ' <0.000019>',
  '--- SIGCHLD {si_signo=SIGCHLD, si_code=CLD_EXITED} ---',
  '+++ exited with 0 +++',
  '+++ killed by SIGKILL +++',
  'strace: Process 123 attached with 5 threads',
  'strace: Process 123 detached',
  '/usr/bin/strace: attach: ptrace(PTRACE_SEIZE, 1): Operation not permitted',
  '% time     seconds  usecs/call     calls    errors syscall',
  '------ ----------- ----------- --------- --------- ----------------',
  ' 57.30    0.352869           8     41884     41884 sendto',
  '100.00    0.615873           7     83769     83769 total',
  'System call usage summary for 32 bit mode:',
  '"',
  '\\',
  '(',
  ')',
  '{',
  ']',
  '=',
  '<',
  '>',
  '\n',
  '\r\n',
  '\r',
  '\t',
  '\x00',
  '\ufffd',
  '\x1b[33m',
  '\x1b[0m',
  '\x1b]0;title\x07',
  '\x1b[',
  '__proto__',
  'constructor',
  '9'.repeat(40),
];

const stracishText = fc
  .array(fc.oneof(fc.constantFrom(...FRAGMENTS), fc.string({ unit: 'binary', maxLength: 10 })), {
    maxLength: 60,
  })
  .map((parts) => parts.join(''));

/** One-shot parse, then the same text in random pieces must agree. */
function checkText(text: string, cuts: number[]): void {
  const once = parseStraceText(text);
  const pieces = parseInPieces(text, cuts);
  expectWellFormed(pieces);
  expect(pieces.model).toEqual(once);
}

const INSERTS = [
  '\x1b[31m',
  '\x1b[0m',
  '\r',
  '\n',
  '\x00',
  '\ufffd',
  '"',
  ')',
  ' = ',
  '<',
  '...',
  '\\',
];

const mutation = mutationOf(INSERTS, 5);

/** A window of about 40 lines of a fixture, so mutated runs stay fast. */
const fixtureWindow = fc.tuple(fc.nat({ max: FIXTURES.length - 1 }), fc.nat()).map(([i, at]) => {
  const lines = (FIXTURES[i] ?? '').split('\n');
  const from = at % Math.max(1, lines.length);
  return lines.slice(from, from + 40).join('\n');
});

describe('StraceParser properties', () => {
  it(
    'random strings: never throws, well formed, chunking-invariant',
    () => {
      fc.assert(
        fc.property(
          fc
            .string({ unit: 'binary', maxLength: 400 })
            .chain((t) => fc.tuple(fc.constant(t), cutsFor(t))),
          ([text, cuts]) => checkText(text, cuts),
        ),
        { numRuns: 300 },
      );
    },
    SLOW,
  );

  it(
    'strace-like token soup: never throws, well formed, chunking-invariant',
    () => {
      fc.assert(
        fc.property(
          stracishText.chain((t) => fc.tuple(fc.constant(t), cutsFor(t))),
          ([text, cuts]) => checkText(text, cuts),
        ),
        { numRuns: 500 },
      );
    },
    SLOW,
  );

  it(
    'random bytes decoded as UTF-8 with replacement characters',
    () => {
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
    },
    SLOW,
  );

  it(
    'real fixture lines with truncation, deletions, insertions and random split points',
    () => {
      fc.assert(
        fc.property(
          fixtureWindow,
          fc.array(mutation, { minLength: 1, maxLength: 6 }),
          fc.array(fc.nat(), { maxLength: 10 }),
          (window, mutations, rawCuts) => {
            const text = mutations.reduce(mutate, window);
            checkText(
              text,
              rawCuts.map((c) => c % (text.length + 1)),
            );
          },
        ),
        { numRuns: 400 },
      );
    },
    SLOW,
  );

  it(
    'a mutation in one line leaves the other lines understood',
    () => {
      const base = FIXTURES.find((t) => t.includes('unfinished')) ?? '';
      const lines = base.split('\n').slice(0, 200);
      const before = parseStraceText(lines.join('\n'));
      fc.assert(
        fc.property(
          fc.nat(),
          fc.constantFrom(...INSERTS.filter((s) => !/[\r\n]/.test(s))),
          fc.nat(),
          (at, ins, pos) => {
            const copy = [...lines];
            const i = at % copy.length;
            const l = copy[i] ?? '';
            copy[i] = l.slice(0, pos % (l.length + 1)) + ins + l.slice(pos % (l.length + 1));
            const after = parseStraceText(copy.join('\n'));
            expect(after.unparsedLines).toBeLessThanOrEqual(before.unparsedLines + 1);
            // A broken half of a pair may unpair its partner: at most 2 calls change.
            expect(Math.abs(after.calls - before.calls)).toBeLessThanOrEqual(2);
          },
        ),
        { numRuns: 200 },
      );
    },
    SLOW,
  );

  it(
    'the line parser and the summary parser never throw',
    () => {
      fc.assert(
        fc.property(
          fc.oneof(stracishText, fc.string({ unit: 'binary', maxLength: 300 })),
          (text) => {
            for (const l of text.split('\n'))
              expect(Array.isArray(parseStraceLineEvents(l))).toBe(true);
            const s = parseStraceSummary(text);
            if (s)
              expect(s.rows.every((r) => typeof r.name === 'string' && r.name.length > 0)).toBe(
                true,
              );
          },
        ),
        { numRuns: 500 },
      );
    },
    SLOW,
  );
});
