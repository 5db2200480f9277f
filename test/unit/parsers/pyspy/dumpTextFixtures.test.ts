/**
 * `py-spy dump` text: the shared captures and the lab recordings (test/fixtures/pyspy/README.md),
 * read field by field.
 */
import { describe, expect, it } from 'vitest';
import { parsePySpyDumpText } from '../../../../shared/parsers/pyspy';
import { localFixture, readLocalFixture, readSharedFixture } from '../../fixturePath';
import { allDumpTextFixtures, expectWellFormedDump, threadSummary } from './pyspyTestUtil';
import { readRecording } from './screenReplay';

const shared = (f: string): ReturnType<typeof parsePySpyDumpText> =>
  parsePySpyDumpText(readSharedFixture(f));
const recorded = (f: string): ReturnType<typeof parsePySpyDumpText> =>
  parsePySpyDumpText(readLocalFixture('pyspy', f));

describe('every dump-text fixture', () => {
  it.each(allDumpTextFixtures())('%s parses well-formed', (_name, text) => {
    const { model, unparsedLines } = parsePySpyDumpText(text);
    expectWellFormedDump(model, unparsedLines);
    expect(model.dumps.length + model.errors.length).toBeGreaterThan(0);
  });
});

describe('shared captures', () => {
  it('pyspy-dump-gil-threads.txt: statuses and the GIL holder', () => {
    const { model, unparsedLines } = shared('pyspy-dump-gil-threads.txt');
    expect(unparsedLines).toBe(0);
    expect(model.dumps).toHaveLength(1);
    const d = model.dumps[0];
    expect(d).toMatchObject({
      pid: 11747,
      command: '/usr/bin/python3 /srv/lab/gil.py',
      pythonVersion: '3.11.2',
      executable: '/usr/bin/python3.11',
      run: 0,
      source: 'text',
    });
    expect(threadSummary(model)).toEqual([
      '11747 idle MainThread: <module> (gil.py:9) [1]',
      '11749 active+gil worker-0: work (gil.py:5) [4]',
      '11750 idle worker-1: work (gil.py:5) [4]',
      '11751 idle worker-2: work (gil.py:5) [4]',
      '11752 active worker-3: work (gil.py:5) [4]',
    ]);
    const t = d?.threads[1];
    expect(t).toMatchObject({ tid: 11749, active: true, ownsGil: true, idle: false });
    expect(t?.frames[3]).toEqual({ function: '_bootstrap', file: 'threading.py', line: 995 });
  });

  it('pyspy-dump-locals.txt: arguments under their frames', () => {
    const { model, unparsedLines } = shared('pyspy-dump-locals.txt');
    expect(unparsedLines).toBe(0);
    const worker = model.dumps[0]?.threads[1];
    expect(worker?.frames[0]?.locals).toBeUndefined();
    expect(worker?.frames[1]).toEqual({
      function: 'run',
      file: 'threading.py',
      line: 975,
      locals: [{ name: 'self', value: '<Thread at 0x7fc9c4dd3f90>', arg: true }],
    });
  });

  it('pyspy-dump-uvicorn-to-thread.txt: event loop and pool threads', () => {
    const { model, unparsedLines } = shared('pyspy-dump-uvicorn-to-thread.txt');
    expect(unparsedLines).toBe(0);
    const d = model.dumps[0];
    expect(d?.threads.map((t) => t.name)).toEqual([
      'MainThread',
      'asyncio_0',
      'asyncio_1',
      'asyncio_2',
      'asyncio_3',
      'asyncio_4',
      'asyncio_5',
    ]);
    const main = d?.threads[0];
    expect(main?.frames).toHaveLength(16);
    expect(main?.frames[15]).toEqual({
      function: '_run_module_as_main',
      file: '<frozen runpy>',
      line: 198,
    });
  });

  it('seed000-pyspy-top-and-dump.txt: the dump inside a paste, the rest counted', () => {
    const { model, unparsedLines } = shared('seed000-pyspy-top-and-dump.txt');
    // 13 lines of the py-spy top screen, the shell prompt, two "    ..." elisions and a note.
    expect(unparsedLines).toBe(17);
    expect(model.dumps).toHaveLength(1);
    const d = model.dumps[0];
    expect(d?.pid).toBe(2865374);
    expect(d?.pythonVersion).toBe('3.12.3');
    expect(d?.command).toBe('/***/***/.venv/bin/python /***/***/.venv/bin/uvicorn app.main:app');
    expect(threadSummary(model)[0]).toBe(
      '2865374 active+gil MainThread: _deliver_cancellation (anyio/_backends/_asyncio.py:574) [3]',
    );
    expect(d?.threads.at(-1)).toMatchObject({
      threadId: '2866061',
      name: 'ThreadPoolExecutor-2_1',
    });
    expect(d?.threads.at(-1)?.frames).toEqual([]);
    expect(d?.threads[0]?.frames[2]).toEqual({ function: '<module>', file: 'uvicorn', line: 10 });
  });
});

describe('lab recordings', () => {
  it('dump-seed000.txt: 20 pool threads, none shown holding the GIL', () => {
    const { model, unparsedLines } = recorded('dump-seed000.txt');
    expect(unparsedLines).toBe(0);
    const d = model.dumps[0];
    expect(d?.threads).toHaveLength(21);
    expect(d?.threads.filter((t) => t.name?.startsWith('asyncio_'))).toHaveLength(20);
    expect(d?.threads.filter((t) => t.active === true)).toHaveLength(19);
    expect(d?.threads.some((t) => t.ownsGil)).toBe(false);
    expect(d?.threads.every((t) => t.tid !== null && String(t.tid) === t.threadId)).toBe(true);
  });

  it('dump-periodic-seed000.txt: three runs of the same process', () => {
    const { model, unparsedLines } = recorded('dump-periodic-seed000.txt');
    expect(unparsedLines).toBe(0);
    expect(model.dumps.map((d) => [d.pid, d.run, d.threads.length])).toEqual([
      [10029, 0, 21],
      [10029, 1, 21],
      [10029, 2, 21],
    ]);
  });

  it('dump-subprocesses-gunicorn.txt: parent then children in one run', () => {
    const { model, unparsedLines } = recorded('dump-subprocesses-gunicorn.txt');
    expect(unparsedLines).toBe(0);
    expect(
      model.dumps.map((d) => ({ pid: d.pid, run: d.run, parent: d.parentPid ?? null })),
    ).toEqual([
      { pid: 10114, run: 0, parent: null },
      { pid: 10169, run: 0, parent: 10114 },
      { pid: 10170, run: 0, parent: 10114 },
    ]);
    expect(model.dumps[1]?.parentCommand).toBe(
      '/usr/bin/python3 -m gunicorn -w 2 -b 127.0.0.1:0 wsgi_app:app',
    );
    expect(model.dumps[1]?.threads[0]?.frames[0]).toEqual({
      function: 'wait',
      file: 'gunicorn/workers/sync.py',
      line: 36,
    });
  });

  it('dump-odd-threads.txt: names with quotes, spaces, non-ASCII; a nameless thread', () => {
    const { model, unparsedLines } = recorded('dump-odd-threads.txt');
    expect(unparsedLines).toBe(0);
    const names = model.dumps[0]?.threads.map((t) => t.name ?? null);
    expect(names).toEqual([
      'MainThread',
      'Thread-1 (spin)',
      'worker 3',
      'odd "name" (with; semicolon)',
      'ünïcödé-名前',
      null,
    ]);
    expect(model.dumps[0]?.threads[0]?.frames[0]).toEqual({
      function: '<lambda>',
      file: 'odd threads 💩.py',
      line: 34,
    });
  });

  it('dump-ll-odd-threads.txt: locals of many types, verbatim', () => {
    const { model } = recorded('dump-ll-odd-threads.txt');
    const waiter = model.dumps[0]?.threads[3]?.frames[2];
    expect(waiter?.function).toBe('waiter');
    const locals = Object.fromEntries((waiter?.locals ?? []).map((l) => [l.name, l.value]));
    expect(locals.label).toBe('"line1\\nline2 "quoted" it\\"s"');
    expect(locals.big).toBe('+bigint');
    expect(locals.mapping).toBe('{"a": 1, "b": [2]}');
    expect(locals.pair).toBe('(1, "two")');
    expect(locals.text?.endsWith('..."')).toBe(true);
    expect(waiter?.locals?.every((l) => l.arg === true)).toBe(true);
    const wait = model.dumps[0]?.threads[3]?.frames[0];
    expect(wait?.locals?.map((l) => `${l.arg ? 'arg ' : ''}${l.name}`)).toEqual([
      'arg self',
      'arg timeout',
      'waiter',
      'saved_state',
      'gotit',
    ]);
    const genexpr = model.dumps[0]?.threads[2]?.frames[0];
    expect(genexpr?.locals?.[0]).toEqual({
      name: '.0',
      value: '<range_iterator at 0x7efc35279020>',
      arg: true,
    });
  });

  it('dump-native-odd-threads.txt: native frames flagged, Python frames not', () => {
    const { model, unparsedLines } = recorded('dump-native-odd-threads.txt');
    expect(unparsedLines).toBe(0);
    const t = model.dumps[0]?.threads[3];
    expect(t?.frames.slice(0, 4)).toEqual([
      { function: '0x7efc3584bf16', file: 'libc.so.6', line: null, native: true },
      { function: '0x7efc35856d90', file: 'libc.so.6', line: null, native: true },
      { function: 'PyThread_acquire_lock_timed', file: 'python3.11', line: null, native: true },
      { function: 'wait', file: 'threading.py', line: 320 },
    ]);
  });

  it('dump-gc-watchdog.txt: threading never imported, so MainThread has no name', () => {
    const { model } = recorded('dump-gc-watchdog.txt');
    expect(model.dumps[0]?.threads).toEqual([
      {
        threadId: '11031',
        tid: 11031,
        active: true,
        ownsGil: true,
        idle: false,
        frames: [{ function: '<module>', file: 'gc_watchdog.py', line: 12 }],
      },
    ]);
  });

  it.each([
    ['error-not-python.txt', 'Error: Failed to find python version from target process'],
    [
      'error-no-such-pid.txt',
      'Error: Failed to get process executable name. Check that the process is running. (No such file or directory (os error 2))',
    ],
    [
      'error-permission-denied.txt',
      `Permission Denied: Try running again with elevated permissions by going 'sudo env "PATH=$PATH" !!'`,
    ],
  ])('%s: one error, backtrace swallowed', (file, error) => {
    const { model, unparsedLines } = recorded(file);
    expect(unparsedLines).toBe(0);
    expect(model.dumps).toEqual([]);
    expect(model.errors).toEqual([error]);
  });

  it('TTY recordings (colours, CRLF) parse like the plain text', () => {
    for (const [tty, plainCount] of [
      ['dump-tty-seed000.typescript', 21],
      ['dump-tty-locals-odd-threads.typescript', 6],
    ] as const) {
      const { data } = readRecording(localFixture('pyspy', tty));
      expect(data).toContain('\x1b[33m');
      const { model, unparsedLines } = parsePySpyDumpText(data);
      expect(unparsedLines).toBe(0);
      expect(model.dumps[0]?.threads).toHaveLength(plainCount);
      const frames = model.dumps[0]?.threads.flatMap((t) => t.frames) ?? [];
      const texts = frames.map((f) => f.function + f.file).join('');
      expect(texts.includes('\x1b') || texts.includes('\r')).toBe(false);
    }
    const sub = parsePySpyDumpText(
      readRecording(localFixture('pyspy', 'dump-tty-subprocesses-gunicorn.typescript')).data,
    );
    expect(sub.model.dumps.map((d) => d.run)).toEqual([0, 0, 0]);
  });
});
