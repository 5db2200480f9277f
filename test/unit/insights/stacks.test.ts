/** Stacks view helpers on real dumps: grouping identical stacks and plain-word findings. */
import { describe, expect, it } from 'vitest';
import { groupThreadsByStack, summarizeDump } from '../../../shared/insights/stacks';
import { parseGdbPyBt } from '../../../shared/parsers/gdb';
import {
  parsePySpyDumpJson,
  parsePySpyDumpText,
  type PyProcessDump,
  type PyThread,
} from '../../../shared/parsers/pyspy';
import { readLocalFixture, readSharedFixture } from '../fixturePath';

function first(model: { dumps: PyProcessDump[] }): PyProcessDump {
  const d = model.dumps[0];
  if (d === undefined) throw new Error('no dump');
  return d;
}
const sharedDump = (f: string): PyProcessDump =>
  first(parsePySpyDumpText(readSharedFixture(f)).model);
const localDump = (f: string): PyProcessDump =>
  first(parsePySpyDumpText(readLocalFixture('pyspy', f)).model);
const texts = (d: PyProcessDump): string[] => summarizeDump(d).map((f) => f.text);

describe('groupThreadsByStack', () => {
  it('seed 000 (lab): the busy pool stack first, the idle event loop last', () => {
    const groups = groupThreadsByStack(localDump('dump-seed000.txt'));
    expect(groups.map((g) => [g.threads.length, g.idle])).toEqual([
      [14, false],
      [5, false],
      [1, false],
      [1, true],
    ]);
    expect(groups[0]?.frames[0]).toMatchObject({ function: 'summarize', line: 50 });
    expect(groups.at(-1)?.threads[0]?.name).toBe('MainThread');
    expect(groups.reduce((n, g) => n + g.threads.length, 0)).toBe(21);
  });

  it('the GIL holder is marked on its group; locals do not split groups', () => {
    const groups = groupThreadsByStack(sharedDump('pyspy-dump-gil-threads.txt'));
    expect(groups.map((g) => [g.threads.map((t) => t.threadId), g.hasGil, g.idle])).toEqual([
      [['11749', '11750', '11751', '11752'], true, false],
      [['11747'], false, true],
    ]);
    const withLocals = groupThreadsByStack(sharedDump('pyspy-dump-locals.txt'));
    expect(withLocals.map((g) => g.threads.length)).toEqual([3, 1, 1]);
  });

  it('equal sizes keep dump order; a thread without frames forms its own group', () => {
    const t = (id: string, fn: string | null, idle = false): PyThread => ({
      threadId: id,
      tid: Number(id),
      active: !idle,
      ownsGil: false,
      idle,
      frames: fn === null ? [] : [{ function: fn, file: 'a.py', line: 1 }],
    });
    const groups = groupThreadsByStack({
      pid: 1,
      run: 0,
      source: 'text',
      threads: [t('1', 'a'), t('2', null, true), t('3', 'b'), t('4', 'a', true)],
    });
    expect(groups.map((g) => g.threads.map((x) => x.threadId))).toEqual([['1', '4'], ['3'], ['2']]);
    expect(groups[0]?.idle).toBe(false);
  });
});

describe('summarizeDump', () => {
  it('seed 000, py-spy text (lab)', () => {
    const findings = summarizeDump(localDump('dump-seed000.txt'));
    expect(findings.map((f) => f.text)).toEqual([
      '20 of 21 threads are in concurrent/futures/thread.py _worker (a thread pool)',
      '18 pool threads run Python code at once (most in summarize (app.py:50)): they take turns on the GIL, so the pool does not run in parallel',
      'MainThread is idle in select (the event loop waits)',
    ]);
    expect(findings[0]?.evidence[0]).toBe(
      'thread 10063 "asyncio_0" (active): summarize (app.py:50) ← get_user_state (app.py:40)',
    );
    expect(findings[0]?.evidence.at(-1)).toBe('… and 16 more');
  });

  it('the shared uvicorn dump: pool, loop idle in select, threads waiting on the network', () => {
    expect(texts(sharedDump('pyspy-dump-uvicorn-to-thread.txt'))).toEqual([
      '6 of 7 threads are in concurrent/futures/thread.py _worker (a thread pool)',
      '2 pool threads run Python code at once (most in get_user_state (app.py:9)): they take turns on the GIL, so the pool does not run in parallel',
      'MainThread is idle in select (the event loop waits)',
      '4 threads are idle in readinto (socket.py:706), waiting for a network or pipe read',
    ]);
  });

  it('the GIL holder by thread id', () => {
    const findings = summarizeDump(sharedDump('pyspy-dump-gil-threads.txt'));
    expect(findings[0]).toEqual({
      text: 'thread 11749 "worker-0" holds the GIL',
      evidence: [
        'thread 11749 "worker-0" (active+gil): work (gil.py:5) ← run (threading.py:975) ← _bootstrap_inner (threading.py:1038)',
      ],
    });
    expect(findings[1]?.text).toBe(
      '2 threads are active but only one at a time can run Python code',
    );
  });

  it('the seed-000 paste: the event loop thread itself holds the GIL', () => {
    const t = texts(sharedDump('seed000-pyspy-top-and-dump.txt'));
    expect(t).toContain('thread 2865374 "MainThread" holds the GIL');
    expect(t).toContain(
      '2 threads are idle in _worker (concurrent/futures/thread.py:89), waiting for work (an empty pool queue)',
    );
  });

  it('gdb: waiting for the GIL, the probable holder, a loop thread away from select', () => {
    const d = first(parseGdbPyBt(readLocalFixture('gdb', 'py-bt-seed000.txt')).model);
    const t = texts(d);
    expect(t[0]).toBe(
      '20 of 21 threads are in concurrent/futures/thread.py _worker (a thread pool)',
    );
    expect(t).toContain('10 threads are waiting for the GIL');
    expect(t).toContain(
      'thread 10102 probably holds the GIL (the only busy thread not waiting for it)',
    );
    expect(t).toContain(
      'MainThread runs the event loop but is in write (asyncio/selector_events.py:1057), not in select: while it is there, no other request is served',
    );
    expect(t).toContain(
      '10 threads are idle in _worker (concurrent/futures/thread.py:81), waiting for work (an empty pool queue)',
    );
    const shared = texts(first(parseGdbPyBt(readSharedFixture('gdb-py-bt-gil-threads.txt')).model));
    expect(shared).toEqual([
      '3 threads are waiting for the GIL',
      'thread 11752 probably holds the GIL (the only busy thread not waiting for it)',
    ]);
  });

  it('gdb: the garbage collector', () => {
    const d = first(parseGdbPyBt(readLocalFixture('gdb', 'py-bt-gc-watchdog.txt')).model);
    expect(texts(d)).toContain('1 thread in the garbage collector');
  });

  it('JSON and text dumps of one process read the same', () => {
    const json = first(
      parsePySpyDumpJson(readLocalFixture('pyspy', 'dump-json-seed000.json')).model,
    );
    expect(texts(json)[0]).toBe(
      '20 of 21 threads are in concurrent/futures/thread.py _worker (a thread pool)',
    );
  });

  it('an empty dump says so; every finding has evidence', () => {
    expect(texts({ pid: 9, run: 0, source: 'text', threads: [] })).toEqual([
      'the dump has no threads',
    ]);
    for (const f of [
      'dump-seed000.txt',
      'dump-odd-threads.txt',
      'dump-native-seed000.txt',
      'dump-subprocesses-gunicorn.txt',
    ]) {
      for (const finding of summarizeDump(localDump(f))) {
        expect(finding.evidence.length).toBeGreaterThan(0);
      }
    }
  });
});

describe('summarizeDump: running Python is never idle; lock waiters are named (issue 12)', () => {
  it('py-spy "(idle)" at a pure-Python line is off the CPU, not idle waiting for a blocking call', () => {
    const text = [
      'Process 10029: python3 -m uvicorn app:app',
      'Python v3.11.2 (/usr/bin/python3.11)',
      '',
      ...['10063', '10064'].flatMap((tid, i) => [
        `Thread ${tid} (idle): "asyncio_${i}"`,
        '    summarize (app.py:49)',
        '    get_user_state (app.py:40)',
        '    run (concurrent/futures/thread.py:58)',
        '    _worker (concurrent/futures/thread.py:83)',
      ]),
    ].join('\n');
    const found = texts(first(parsePySpyDumpText(text).model));
    expect(found.join('\n')).not.toMatch(/idle in summarize|waiting for a blocking call/);
    expect(found).toContain(
      '2 threads are off the CPU in summarize (app.py:49), a line of Python code: waiting for the GIL, or in a C call made on that line (py-spy does not show which)',
    );
  });

  it('gdb: eight threads on one lock address are lock waiters, not busy stacks', () => {
    const dump = first(parseGdbPyBt(readLocalFixture('diagnosis', 'gdb-lock.txt')).model);
    expect(texts(dump)).toContain(
      '8 threads wait on one lock (0x7ff6d234ba80) at refresh (lock_wait.py:7)',
    );
    const lockGroup = groupThreadsByStack(dump).find((g) => g.threads.length === 8);
    expect(lockGroup?.lockWait).toBe(true);
  });

  it('py-spy: eight threads off the CPU at one line say "lock"', () => {
    const dump = first(parsePySpyDumpText(readLocalFixture('diagnosis', 'pyspy-lock-3.txt')).model);
    expect(texts(dump)).toContain(
      '8 threads are off the CPU in refresh (lock_wait.py:7), a line of Python code: a lock taken there, the GIL, or another C call made on that line (py-spy does not show which)',
    );
  });
});
