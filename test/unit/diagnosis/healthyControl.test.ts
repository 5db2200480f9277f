/**
 * What a healthy asyncio server under load shows, and no rule may call a problem (the lab's
 * healthy control): the loop reading its self-pipe, a loop off the CPU once among several dumps,
 * pool threads with Python to run while the process has CPU to spare.
 */
import { describe, expect, it } from 'vitest';
import { diagnose, type Finding } from '../../../shared/diagnosis';
import { readLocalFixture } from '../fixturePath';
import { dumpCapture, setOf, topCapture } from './captures';

const kinds = (fs: readonly Finding[]): string[] => fs.map((f) => f.kind);

describe('the healthy control (no false alarm)', () => {
  const loopDump = [
    'Process 30600: /usr/bin/python3 -m uvicorn app:app',
    'Python v3.11.2 (/usr/bin/python3.11)',
    '',
    'Thread 30600 (idle): "MainThread"',
    '    _read_from_self (asyncio/selector_events.py:119)',
    '    _run (asyncio/events.py:80)',
    '    _run_once (asyncio/base_events.py:1922)',
    '    run_forever (asyncio/base_events.py:607)',
    '    run_until_complete (asyncio/base_events.py:640)',
    '    run (asyncio/runners.py:118)',
    '',
  ].join('\n');

  it("the loop reading its self-pipe (asyncio's own callback) is not a blocked loop", () => {
    const found = diagnose(setOf(30600, [dumpCapture(loopDump.repeat(3))]));
    expect(kinds(found)).not.toContain('event-loop-blocked');
  });

  it('pool threads with Python to run while the process is well below one core: info only', () => {
    const dump = dumpCapture(readLocalFixture('pyspy', 'dump-seed000.txt'));
    const top = [
      'top - 12:00:00 up 1 day,  1:00,  1 user,  load average: 0.50, 0.40, 0.30',
      'Threads:  25 total,   0 running,  25 sleeping,   0 stopped,   0 zombie',
      '%Cpu(s): 30.0 us,  1.0 sy,  0.0 ni, 69.0 id,  0.0 wa,  0.0 hi,  0.0 si,  0.0 st',
      'MiB Mem :   7900.0 total,   1000.0 free,   3000.0 used,   3900.0 buff/cache',
      'MiB Swap:      0.0 total,      0.0 free,      0.0 used.   4600.0 avail Mem',
      '',
      '    PID USER      PR  NI    VIRT    RES    SHR S  %CPU  %MEM     TIME+ COMMAND',
      '  10029 root      20   0  400000  50000  10000 S  20.0   0.6   0:10.00 python3',
      '  10040 root      20   0  400000  50000  10000 S  20.0   0.6   0:10.00 asyncio_0',
      '  10041 root      20   0  400000  50000  10000 S  20.0   0.6   0:10.00 asyncio_1',
      '',
    ].join('\n');
    const found = diagnose(setOf(10029, [dump, topCapture(top, 10029)], 2));
    const gil = found.find((f) => f.kind === 'gil-contention');
    expect(gil?.severity).toBe('info');
    expect(gil?.reasons.map((r) => r.why)).toContain(
      'the process uses 60 % of one core with CPU to spare: the GIL is often free',
    );
  });
});

describe('GIL contention needs the queue in every dump, or its holder (lab recordings under a load average of 7 to 14)', () => {
  const fixture = (name: string): string => readLocalFixture('diagnosis', name);
  /** Three py-spy dumps and the `top -H` of the same moment, on the lab's 2 cores. */
  const dumpsAndTop = (pid: number, dumps: string, top: string): Finding[] =>
    diagnose(setOf(pid, [dumpCapture(fixture(dumps)), topCapture(fixture(top), pid)], 2));

  it('the healthy control hashing in its pool (6 threads runnable in one dump of 3): no GIL finding', () => {
    const found = dumpsAndTop(15607, 'pyspy-healthy-load-3.txt', 'top-H-healthy-load.txt');
    expect(found.filter((f) => f.severity !== 'info').map((f) => f.title)).toEqual([]);
    expect(kinds(found)).not.toContain('gil-contention');
  });

  it('the healthy control at load 14 (3 runnable in the middle dump only): no GIL finding', () => {
    const found = diagnose(setOf(18644, [dumpCapture(fixture('pyspy-healthy-load14-3.txt'))], 2));
    expect(kinds(found)).not.toContain('gil-contention');
  });

  it('seed 000 with strace -c attached (its pool busy in one dump of 3): the GIL holder and 10 more in its function', () => {
    const found = diagnose(
      setOf(9966, [dumpCapture(fixture('pyspy-seed000-lab-strace-3.txt'))], 2),
    );
    expect(found[0]?.kind).toBe('gil-contention');
    expect(found[0]?.severity).toBe('warning');
    expect(found[0]?.reasons.map((r) => r.why)).toContain(
      'py-spy: the GIL holder and 10 more pool threads in its function in one dump',
    );
  });

  it('seed 000 under the same load: 17 to 20 pool threads queue in every dump', () => {
    const found = dumpsAndTop(16693, 'pyspy-seed000-lab-load-3.txt', 'top-H-seed000-lab-load.txt');
    expect(found[0]?.kind).toBe('gil-contention');
    expect(found[0]?.severity).not.toBe('info');
    expect(found[0]?.reasons.map((r) => r.why)).toContain(
      'pool threads have Python code to run in every one of 3 dumps (20 at most)',
    );
  });
});

describe('an event loop off the CPU once, then back in select', () => {
  it('one dump of three at a line of a callback, the others idle in select: info, not a warning', () => {
    const dump = (top: string[], state: string) =>
      [
        'Process 30601: /usr/bin/python3 -m uvicorn app:app',
        'Python v3.11.2 (/usr/bin/python3.11)',
        '',
        `Thread 30601 (${state}): "MainThread"`,
        ...top,
        '    _run_once (asyncio/base_events.py:1922)',
        '    run_forever (asyncio/base_events.py:607)',
        '',
      ].join('\n');
    const select = ['    select (selectors.py:468)'];
    const callback = [
      '    connection_lost (uvicorn/protocols/http/h11_impl.py:120)',
      '    _call_connection_lost (asyncio/selector_events.py:1117)',
      '    _run (asyncio/events.py:80)',
    ];
    const text = dump(select, 'idle') + dump(select, 'idle') + dump(callback, 'idle');
    const found = diagnose(setOf(30601, [dumpCapture(text)]));
    const loop = found.find((f) => f.kind === 'event-loop-blocked');
    expect(loop?.severity).toBe('info');
    expect(loop?.title).toMatch(/was off the CPU once in .* \(1 of 3 dumps\), then moved on$/);
  });

  it("two dumps at different lines under the server's one outer coroutine: still not the same wait", () => {
    const dump = (leaf: string) =>
      [
        'Process 30602: /usr/bin/python3 -m uvicorn app:app',
        'Python v3.11.2 (/usr/bin/python3.11)',
        '',
        'Thread 30602 (idle): "MainThread"',
        `    ${leaf}`,
        '    run_asgi (uvicorn/protocols/http/h11_impl.py:366)',
        '    _run (asyncio/events.py:80)',
        '    _run_once (asyncio/base_events.py:1922)',
        '    run_forever (asyncio/base_events.py:607)',
        '',
      ].join('\n');
    const select = dump('select (selectors.py:468)').replace(/ {4}run_asgi.*\n {4}_run .*\n/, '');
    const text = dump('search (app.py:64)') + select + dump('serialize (fastapi/routing.py:155)');
    const found = diagnose(setOf(30602, [dumpCapture(text)]));
    const loop = found.find((f) => f.kind === 'event-loop-blocked');
    expect(loop?.severity).toBe('info');
  });
});

/** uvicorn's outer coroutine: the same for every request. */
const RUN_ASGI = '    run_asgi (uvicorn/protocols/http/h11_impl.py:366)';

describe('the event loop on the CPU in the last dump', () => {
  const dump = (state: string, leaf: string) =>
    [
      'Process 30553: /usr/bin/python3 loop_blocked.py',
      'Python v3.11.2 (/usr/bin/python3.11)',
      '',
      `Thread 30553 (${state}): "MainThread"`,
      `    ${leaf}`,
      '    _run (asyncio/events.py:80)',
      '    _run_once (asyncio/base_events.py:1922)',
      '    run_forever (asyncio/base_events.py:607)',
      '',
    ].join('\n');

  it('does not undo the waits seen in the dumps before it', () => {
    const text =
      dump('idle', 'handle (loop_blocked.py:6)') +
      dump('idle', 'handle (loop_blocked.py:6)') +
      dump('active', 'render (loop_blocked.py:12)');
    const found = diagnose(setOf(30553, [dumpCapture(text)]));
    expect(found[0]?.kind).toBe('event-loop-blocked');
    expect(found[0]?.severity).toBe('critical');
  });

  it('on the CPU in every dump but in different functions: a busy loop, not CPU work in one place', () => {
    const text =
      dump('active', `handle (app.py:6)\n${RUN_ASGI}`) +
      dump('active', `render (app.py:12)\n${RUN_ASGI}`) +
      dump('active', `encode (json/encoder.py:200)\n${RUN_ASGI}`);
    const found = diagnose(setOf(30553, [dumpCapture(text)]));
    expect(kinds(found)).not.toContain('event-loop-blocked');
  });
});

describe('an event loop under uvicorn (one outer coroutine for every request)', () => {
  it('seed 002 (lab): the same sync read in every dump is a blocked loop, critical', () => {
    const text = readLocalFixture('diagnosis', 'pyspy-seed002-lab-3.txt');
    const found = diagnose(setOf(23655, [dumpCapture(text)]));
    expect(found[0]?.kind).toBe('event-loop-blocked');
    expect(found[0]?.severity).toBe('critical');
  });

  it('a loop short of CPU, off it at a different line in every dump: info', () => {
    const dump = (leaf: string) =>
      [
        'Process 30603: /usr/bin/python3 -m uvicorn app:app',
        'Python v3.11.2 (/usr/bin/python3.11)',
        '',
        'Thread 30603 (idle): "MainThread"',
        `    ${leaf}`,
        RUN_ASGI,
        '    _run (asyncio/events.py:80)',
        '    _run_once (asyncio/base_events.py:1922)',
        '    run_forever (asyncio/base_events.py:607)',
        '',
      ].join('\n');
    const text =
      dump('search (app.py:64)') +
      dump('serialize (fastapi/routing.py:155)') +
      dump('send (uvicorn/protocols/http/h11_impl.py:480)');
    const found = diagnose(setOf(30603, [dumpCapture(text)]));
    expect(found.find((f) => f.kind === 'event-loop-blocked')?.severity).toBe('info');
  });
});
