/**
 * PyDumpTextParser reads a frame line or a thread line it has read before, and a clean line of
 * locals, in place (takeRawLine). It must give
 * exactly the model of its straightforward path, every line cleaned and read by takeLine (the
 * parser with takeRawLine turned off), on dump-like lines with terminal noise, random bytes and
 * mutated real dumps, in random pieces; and it never throws.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PyDumpTextParser, type PyDumpModel } from '../../../../shared/parsers/pyspy';
import { TERMINAL_NOISE, mutationOf, randomBytesText, withCuts } from '../randomInput';
import { allDumpTextFixtures } from './pyspyTestUtil';
import { mutate, parseInPieces, type Parsed } from './streamTestUtil';

/** Every line through takeLine: the reference. */
class StraightforwardDumpTextParser extends PyDumpTextParser {
  protected override takeRawLine(): boolean {
    return false;
  }
}

const FRAMES = ['select (selectors.py:468)', 'a: b (c.py:1)', '0x7f00 (libc.so.6)', 'run (threading.py:975)', 'spin (odd threads 💩.py:9)', 'x (a.py:007)', 'f (:3)', 'g ()', 'h (a (b).py:1)', 'Thread 3 (idle)']; // prettier-ignore
/** Runs of lines that change how the next frame line reads: a thread, locals (and a local line
 * alone, which counts only after a locals header), an error report. */
const BLOCKS = ['Thread 42 (idle): "MainThread"', 'Thread 7 (gil): "a " 1 behind in sampling, results may be inaccurate"', 'Thread 8 (active): "x\u2028y"', 'Thread 9 (busy): "w"', 'Thread 0x7F00AB (active+gil)', 'Process 42: python app.py\nPython v3.12.3 (/usr/bin/python3.12)', '        Arguments:\n            self: <Thread at 0x7f>', '        Locals:', '        Locals:\n        a: b (c.py:1)', '            n: 3', 'Error: boom\nCaused by:', 'Error: boom\n\nStack backtrace:', 'Permission Denied: x', '-'.repeat(40), 'Thread', '']; // prettier-ignore
/** Lines of locals, read in place when clean: odd names, colons, edges trimming would change. */
const LOCALS = ['n: 3', 'self: <Thread at 0x7f>', ':a: b', 'a:', 'a: ', 'a b: c', 'a:b: c', ': x', ':', 'Arguments:', 'Locals:', 'Locals:x', '\u00a0x: y', 'k: v\u00a0', 'p: q\x1b[0m r', 'u: \u2028', 'w: x (a.py:1)', 'run (threading.py:975)']; // prettier-ignore
const LOCALS_INDENTS = ['            ', '      ', '     ', '        ', '\t          ']; // prettier-ignore
/** A frame with a locals header, then lines of locals (and what may follow them). */
const localsBlock = fc
  .tuple(
    fc.constantFrom('        Arguments:', '        Locals:', ''),
    fc.array(
      fc
        .tuple(fc.constantFrom(...LOCALS_INDENTS), fc.constantFrom(...LOCALS))
        .map(([indent, local]) => indent + local),
      { minLength: 1, maxLength: 4 },
    ),
  )
  .map(([header, locals]) => ['    run (threading.py:975)', header, ...locals].join('\n'));
const INDENTS = ['    ', '', '', '  ', ' ', '\t', '        ', '\x1b[0m    ']; // prettier-ignore
const TAILS = ['', '', '', '', ' ', '\r', '\r\r', '\t', '\x1b[0m', ')']; // prettier-ignore

/** Lines of a dump: frames (often repeated, so read in place), blocks, noise in and around. */
const dumpLines = fc
  .array(
    fc.oneof(
      { weight: 8, arbitrary: fc.constantFrom(...FRAMES.slice(0, 3)).map((f) => `    ${f}`) },
      {
        weight: 3,
        arbitrary: fc
          .tuple(fc.constantFrom(...INDENTS), fc.constantFrom(...FRAMES), fc.constantFrom(...TAILS))
          .map(([indent, frame, tail]) => indent + frame + tail),
      },
      { weight: 2, arbitrary: fc.constantFrom(...BLOCKS) },
      { weight: 3, arbitrary: localsBlock },
      fc
        .tuple(fc.constantFrom(...FRAMES), fc.constantFrom(...TERMINAL_NOISE), fc.nat())
        .map(([frame, noise, at]) => {
          const i = at % (frame.length + 1);
          return `    ${frame.slice(0, i)}${noise}${frame.slice(i)}`;
        }),
    ),
    { maxLength: 60 },
  )
  .map((lines) => lines.join('\n'));

const FIXTURES = allDumpTextFixtures().map(([, t]) => t.slice(0, 20_000));

function parsed(make: () => PyDumpTextParser, text: string, cuts: number[]): Parsed<PyDumpModel> {
  return parseInPieces(make, text, cuts);
}

function same(text: string, cuts: number[]): void {
  const fast = parsed(() => new PyDumpTextParser(), text, cuts);
  expect(fast.internalErrors).toBe(0);
  expect(fast).toEqual(parsed(() => new StraightforwardDumpTextParser(), text, []));
}

describe('PyDumpTextParser equals its straightforward path', () => {
  it('on dump-like lines with terminal noise, in random pieces', () => {
    fc.assert(
      fc.property(withCuts(dumpLines), ([t, cuts]) => same(t, cuts)),
      { numRuns: 500 },
    );
  });

  it('a frame read in place after locals ends them: a local line after it is not understood', () => {
    const text = ['Thread 42 (idle): "MainThread"', '    run (threading.py:975)', '        Arguments:', '            self: <Thread at 0x7f>', '    run (threading.py:975)', '            n: 3', ''].join('\n'); // prettier-ignore
    same(text, []);
    const parser = new PyDumpTextParser();
    parser.push(text);
    parser.end();
    const frames = parser.snapshot().dumps[0]?.threads[0]?.frames ?? [];
    expect(frames.map((f) => f.locals?.length ?? 0)).toEqual([1, 0]);
    expect(parser.unparsedLines).toBe(1);
  });

  it('on random bytes decoded as UTF-8, in random pieces', () => {
    fc.assert(
      fc.property(withCuts(randomBytesText(400)), ([t, cuts]) => same(t, cuts)),
      { numRuns: 200 },
    );
  });

  it('on mutated real dumps, in random pieces', () => {
    const edits = mutationOf([...TERMINAL_NOISE, '    ', ')', 'Thread 9 (idle): "x"\n']);
    fc.assert(
      fc.property(
        fc.constantFrom(...FIXTURES),
        fc.array(edits, { minLength: 1, maxLength: 4 }),
        fc.array(fc.nat(), { maxLength: 8 }),
        (fixture, ms, cuts) => same(ms.reduce(mutate, fixture), cuts),
      ),
      { numRuns: 100 },
    );
  });
});
