/** gdb `thread apply all py-bt` (and py-bt-full): recordings, grammar corners, chunking, properties. */
import { readdirSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GdbPyBtParser, parseGdbPyBt } from '../../../../shared/parsers/gdb';
import { localFixture, readLocalFixture, readSharedFixture } from '../../fixturePath';
import { expectWellFormedDump, threadSummary } from '../pyspy/pyspyTestUtil';
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

const LOCAL = readdirSync(localFixture('gdb'))
  .filter((f) => /^py-bt.*\.txt$/.test(f))
  .sort();
const FIXTURES: [string, string][] = [
  ['shared/gdb-py-bt-gil-threads.txt', readSharedFixture('gdb-py-bt-gil-threads.txt')],
  ...LOCAL.map((f): [string, string] => [`local/${f}`, readLocalFixture('gdb', f)]),
];
const make = (): GdbPyBtParser => new GdbPyBtParser();

describe('gdb recordings', () => {
  it.each(FIXTURES)('%s: well-formed, nothing unparsed', (_n, text) => {
    const { model, unparsedLines } = parseGdbPyBt(text);
    expect(unparsedLines).toBe(0);
    expectWellFormedDump(model, unparsedLines);
  });

  it('shared gdb-py-bt-gil-threads.txt: LWP = tid, "Waiting for the GIL", oldest thread first', () => {
    const { model } = parseGdbPyBt(readSharedFixture('gdb-py-bt-gil-threads.txt'));
    expect(model.dumps).toHaveLength(1);
    const d = model.dumps[0];
    expect(d).toMatchObject({ pid: 11747, run: 0, source: 'gdb' });
    expect(d?.threads.map((t) => [t.gdbThread, t.tid, t.waitingForGil ?? false, t.idle])).toEqual([
      [1, 11747, false, true],
      [2, 11749, true, false],
      [3, 11750, true, false],
      [4, 11751, true, false],
      [5, 11752, false, false],
    ]);
    expect(d?.threads[4]).toMatchObject({
      threadId: '11752',
      pthreadId: '0x7fc9c2ffc6c0',
      name: 'python3',
      active: null,
      ownsGil: false,
    });
    expect(d?.threads[4]?.frames[0]).toEqual({
      function: 'work',
      file: '/srv/lab/gil.py',
      line: 5,
      source: 'sum(range(1000))',
    });
  });

  it('py-bt-seed000.txt: half the pool waits for the GIL, half for work', () => {
    const { model } = parseGdbPyBt(readLocalFixture('gdb', 'py-bt-seed000.txt'));
    const d = model.dumps[0];
    expect(d?.pid).toBe(10029);
    expect(d?.threads).toHaveLength(21);
    expect(d?.threads.filter((t) => t.waitingForGil)).toHaveLength(10);
    const idle = d?.threads.filter((t) => t.idle) ?? [];
    expect(idle).toHaveLength(10);
    expect(idle.every((t) => t.frames[0]?.function === '_worker')).toBe(true);
    expect(d?.threads.flatMap((t) => t.frames)).toContainEqual({
      function: 'built-in method run of _contextvars.Context object',
      file: '',
      line: null,
      native: true,
      object: expect.stringMatching(/^0x[0-9a-f]+$/) as string,
    });
  });

  it('keeps the address a built-in method is bound to: one lock, one address (issue 12)', () => {
    const { model } = parseGdbPyBt(readLocalFixture('diagnosis', 'gdb-lock.txt'));
    const leaves = model.dumps[0]?.threads.map((t) => t.frames[0]) ?? [];
    const onLock = leaves.filter(
      (f) => f?.function === 'built-in method __enter__ of _thread.lock object',
    );
    expect(onLock).toHaveLength(8);
    expect(new Set(onLock.map((f) => f?.object))).toEqual(new Set(['0x7ff6d234ba80']));
  });

  it('py-bt-full-seed000.txt: "#N Frame …, for file …, line N, in f (args)" frames', () => {
    const full = parseGdbPyBt(readLocalFixture('gdb', 'py-bt-full-seed000.txt')).model.dumps[0];
    expect(full?.threads).toHaveLength(21);
    expect(full?.threads.at(-1)?.frames[1]).toEqual({
      function: 'get_user_state',
      file: '/work/main/test/lab/seed000/app.py',
      line: 40,
      source: 'return summarize(state["positions"])',
    });
    expect(full?.threads.some((t) => t.waitingForGil)).toBe(true);
  });

  it('py-bt-gc-watchdog.txt: Garbage-collecting; a C thread without Python frames', () => {
    const d = parseGdbPyBt(readLocalFixture('gdb', 'py-bt-gc-watchdog.txt')).model.dumps[0];
    expect(
      threadSummary({ dumps: d ? [d] : [], errors: [], warnings: [], droppedDumps: 0 }),
    ).toEqual([
      '11031 ? python3: <module> (/tmp/rec/gc_watchdog.py:12) [1]',
      '11827 ? python3: - [0]',
    ]);
    expect(d?.threads[0]?.garbageCollecting).toBe(true);
  });

  it('errors: no py-bt command (not Python), ptrace refused', () => {
    expect(parseGdbPyBt(readLocalFixture('gdb', 'py-bt-not-python.txt')).model.errors).toEqual([
      'Undefined command: "py-bt".  Try "help".',
    ]);
    const denied = parseGdbPyBt(readLocalFixture('gdb', 'py-bt-permission-denied.txt')).model;
    expect(denied.errors).toEqual(['ptrace: Operation not permitted.']);
    expect(denied.dumps).toEqual([]);
  });

  it('two runs in one stream, even without the detach line between them', () => {
    const one = readSharedFixture('gdb-py-bt-gil-threads.txt');
    const cut = one.slice(0, one.indexOf('[Inferior'));
    const { model } = parseGdbPyBt(cut + one);
    expect(model.dumps.map((d) => [d.run, d.pid, d.threads.length])).toEqual([
      [0, 11747, 5],
      [1, 11747, 5],
    ]);
  });

  it('older gdb headers, unknown lines counted, warnings kept', () => {
    const { model, unparsedLines } = parseGdbPyBt(
      'warning: Target and debugger are in different PID namespaces\n' +
        'Thread 48 (Thread 0x7ffebaffd700 (LWP 31901)):\n' +
        'Traceback (most recent call first):\n' +
        '  (unable to read python frame information)\n' +
        '  <built-in function sleep>\n' +
        'what is this\n',
    );
    expect(unparsedLines).toBe(1);
    expect(model.warnings).toHaveLength(1);
    expect(model.dumps[0]?.threads[0]).toMatchObject({ tid: 31901, gdbThread: 48 });
    expect(model.dumps[0]?.threads[0]?.name).toBeUndefined();
    expect(model.dumps[0]?.threads[0]?.frames.map((f) => f.function)).toEqual([
      '?',
      'built-in function sleep',
    ]);
  });
});

describe.each(FIXTURES)('%s: chunked equals one-shot', (_n, text) => {
  const once = parseOnce(make, text);
  it.each([1, 7, 100])('%i-character chunks', (size) => {
    expect(parseInChunks(make, text, size)).toEqual(once);
  });
  it.each([1, 7, 100])('%i-byte UTF-8 chunks', (size) => {
    expect(parseInByteChunks(make, text, size)).toEqual(once);
  });
  it('CRLF', () => {
    expect(parseInChunks(make, text.replace(/\n/g, '\r\n'), 9)).toEqual(once);
  });
});

function check(text: string, cuts: number[]): void {
  const once = parseOnce(make, text);
  expect(once.internalErrors).toBe(0);
  expectWellFormedDump(once.model, once.unparsedLines);
  expect(parseInPieces(make, text, cuts)).toEqual(once);
}

const FRAGMENTS = [
  'Thread 2 (Thread 0x7f00 (LWP 12) "python3"):\n',
  'Thread 1 (process 9):\n',
  'Traceback (most recent call first):\n',
  '  File "/a b.py", line 3, in f\n',
  '    x = 1\n',
  '  Waiting for the GIL\n',
  '  Garbage-collecting\n',
  '  <built-in method sleep of module object at remote 0x7f>\n',
  '#8 Frame 0x7f, for file /x.py, line 2, in g (a=1)\n',
  'Unable to locate python frame\n',
  '[Inferior 1 (process 9) detached]\n',
  '[New LWP 12]\n',
  'ptrace: Operation not permitted.\n',
  '"',
  '(',
  ')',
  '\n',
  '\r',
  '\x1b[1m',
  '\ufffd',
];
const soup = fc
  .array(fc.oneof(fc.constantFrom(...FRAGMENTS), fc.string({ unit: 'binary', maxLength: 8 })), {
    maxLength: 50,
  })
  .map((p) => p.join(''));

describe('GdbPyBtParser properties', () => {
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
  it('gdb-like token soup', () => {
    fc.assert(
      fc.property(
        soup.chain((t) => fc.tuple(fc.constant(t), cutsFor(t))),
        ([t, c]) => check(t, c),
      ),
      { numRuns: 400 },
    );
  });
  it('mutated recordings', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...FIXTURES.map(([, t]) => t.slice(0, 30_000))),
        fc.array(mutation, { minLength: 1, maxLength: 4 }),
        fc.array(fc.nat(), { maxLength: 8 }),
        (text, muts, cuts) => check(muts.reduce(mutate, text), cuts),
      ),
      { numRuns: 150 },
    );
  });
});
