/**
 * Every diagnosis rule on recorded captures: the seed-000 copies, the diagnosis fixtures (one
 * real problem each, see test/fixtures/diagnosis/README.md), strace and nginx recordings.
 */
import { describe, expect, it } from 'vitest';
import { diagnose, type Finding } from '../../../shared/diagnosis';
import { parsePySpyDumpJson } from '../../../shared/parsers/pyspy';
import { readLocalFixture, readSharedFixture } from '../fixturePath';
import {
  accessLogCapture,
  dumpCapture,
  errorLogCapture,
  gdbCapture,
  psCapture,
  pyspyTopCapture,
  recordCapture,
  setOf,
  ssCapture,
  straceCapture,
  straceSummaryCapture,
  topCapture,
} from './captures';

const fixture = (name: string): string => readLocalFixture('diagnosis', name);
const kinds = (fs: readonly Finding[]): string[] => fs.map((f) => f.kind);

describe('seed 000 (the post-mortem as pasted)', () => {
  const paste = readSharedFixture('seed000-pyspy-top-and-dump.txt');
  const found = diagnose(
    setOf(2865374, [
      topCapture(readSharedFixture('seed000-top-host.txt')),
      topCapture(readSharedFixture('seed000-top-H-p.txt'), 2865374),
      pyspyTopCapture(paste),
      dumpCapture(paste),
    ]),
  );

  it('the GIL contention and the one saturated core rank first, both critical', () => {
    expect(kinds(found).slice(0, 2).sort()).toEqual(['gil-contention', 'one-core-saturated']);
    expect(found.slice(0, 2).every((f) => f.severity === 'critical')).toBe(true);
    expect(found).toHaveLength(2);
  });

  it('one core: 101.6 % of one core, 2 cores inferred from the host at 52.4 % busy', () => {
    const core = found.find((f) => f.kind === 'one-core-saturated');
    expect(core?.title).toBe(
      'PID 2865374 uses 102 % of one core; the host has 2 cores, so the host shows 52 % busy',
    );
    expect(core?.cannotCheck[0]).toMatch(/^the core count: 2 is inferred/);
    expect(core?.reasons.map((r) => r.delta)).toContain(-10);
    expect(core?.evidence[0]).toMatchObject({ kind: 'top-row', pid: 2865374 });
  });

  it('GIL: py-spy top says 100 % GIL, 5 threads active; its _worker row is cited', () => {
    const gil = found.find((f) => f.kind === 'gil-contention');
    expect(gil?.reasons.map((r) => r.why)).toEqual(
      expect.arrayContaining([
        'py-spy top: GIL held 100 % of the samples',
        'py-spy top: 5.0 threads active on average',
      ]),
    );
    expect(gil?.evidence).toContainEqual(
      expect.objectContaining({ kind: 'pyspy-top-row', row: 0 }),
    );
    expect(gil?.nextSteps[0]?.capture).toEqual({
      recipe: 'pyspy-record',
      pid: 2865374,
      gil: true,
      durationSeconds: 10,
    });
  });
});

describe('seed 000 (lab recordings)', () => {
  it('one py-spy dump: pool threads with Python to run are a moment (info) that asks for three dumps', () => {
    const found = diagnose(
      setOf(10029, [dumpCapture(readLocalFixture('pyspy', 'dump-seed000.txt'))]),
    );
    expect(kinds(found)).toEqual(['gil-contention']);
    expect(found[0]?.severity).toBe('info');
    expect(found[0]?.title).toMatch(
      /^20 threads of the pool "asyncio" have Python code to run in one dump: if they queue for the GIL/,
    );
    expect(found[0]?.nextSteps[0]?.repeat).toEqual({ times: 3, everySeconds: 1 });
  });

  it('py-spy --json: pool threads "idle" at the line others run wait for the GIL, not a lock', () => {
    const model = parsePySpyDumpJson(readLocalFixture('pyspy', 'dump-json-seed000.json')).model;
    const found = diagnose(setOf(10029, [{ id: 'json', kind: 'pyspy-dump', startedAt: 0, model }]));
    expect(kinds(found)).toEqual(['gil-contention']);
  });

  it('py-spy record (not --gil): most samples in pool workers raise the confidence and are cited', () => {
    const dump = dumpCapture(readLocalFixture('pyspy', 'dump-seed000.txt'));
    const record = recordCapture(readLocalFixture('collapsed', 'raw-seed000.txt'));
    const found = diagnose(setOf(10029, [dump, record]));
    expect(found[0]?.reasons.map((r) => r.why)).toContainEqual(
      expect.stringMatching(/^py-spy record: \d+ % of the samples in pool workers$/),
    );
    expect(found[0]?.evidence).toContainEqual(
      expect.objectContaining({ kind: 'profile-function', function: '_worker' }),
    );
    // A --gil profile holds only the GIL holder's samples: it says nothing about how many want it.
    const gilOnly = recordCapture(readLocalFixture('collapsed', 'raw-gil-seed000.txt'), true);
    const withGil = diagnose(setOf(10029, [dump, gilOnly]));
    expect(withGil[0]?.reasons.some((r) => r.why.startsWith('py-spy record'))).toBe(false);
  });

  it('gdb: ten threads "Waiting for the GIL" raise the confidence', () => {
    const found = diagnose(
      setOf(10029, [gdbCapture(readLocalFixture('gdb', 'py-bt-seed000.txt'))]),
    );
    expect(kinds(found)).toEqual(['gil-contention']);
    expect(found[0]?.reasons.map((r) => r.why)).toContain('gdb: 10 threads "Waiting for the GIL"');
  });

  it('three dumps: the GIL first; pool threads at one hot line are only "info"', () => {
    const found = diagnose(
      setOf(10029, [dumpCapture(readLocalFixture('pyspy', 'dump-periodic-seed000.txt'))]),
    );
    expect(found[0]?.kind).toBe('gil-contention');
    expect(found.filter((f) => f.kind === 'thread-stuck').every((f) => f.severity === 'info')).toBe(
      true,
    );
  });
});

describe('one thread holding the GIL (seed 001)', () => {
  it('the job thread holds it at one line in three dumps: the event loop is named as starved', () => {
    const found = diagnose(setOf(9628, [dumpCapture(fixture('pyspy-seed001-gil-hog-3.txt'))]));
    expect(found[0]?.kind).toBe('gil-hog');
    expect(found[0]?.severity).toBe('critical');
    expect(found[0]?.title).toBe(
      'thread 9631 "health-sync" holds the GIL at validate (app.py:65) in every one of 3 dumps: thread 9628 "MainThread" cannot run Python meanwhile',
    );
    // The stuck-stack finding about the same thread is not repeated.
    expect(kinds(found)).not.toContain('thread-stuck');
  });

  it('two dumps: a warning that asks for a third', () => {
    const two = fixture('pyspy-seed001-gil-hog-3.txt')
      .split(/(?=^Process )/m)
      .slice(0, 2)
      .join('');
    const found = diagnose(setOf(9628, [dumpCapture(two)]));
    expect(found[0]?.kind).toBe('gil-hog');
    expect(found[0]?.severity).toBe('warning');
    expect(found[0]?.cannotCheck).toContain('a third dump a second later');
  });

  it('one dump cannot tell a hog from a moment: never', () => {
    const one = fixture('pyspy-seed001-gil-hog-3.txt').split(/(?=^Process )/m)[0] ?? '';
    expect(kinds(diagnose(setOf(9628, [dumpCapture(one)])))).not.toContain('gil-hog');
  });

  it('never on seed 000, whose pool threads take turns on the GIL', () => {
    const found = diagnose(
      setOf(10029, [dumpCapture(readLocalFixture('pyspy', 'dump-periodic-seed000.txt'))]),
    );
    expect(kinds(found)).not.toContain('gil-hog');
  });
});

describe('threads waiting on one lock', () => {
  it('gdb: eight waiters, one address, the holder as a candidate', () => {
    const found = diagnose(setOf(30221, [gdbCapture(fixture('gdb-lock.txt'))]));
    expect(kinds(found)).toEqual(['lock-wait']);
    const lock = found[0];
    expect(lock?.severity).toBe('critical');
    expect(lock?.title).toBe(
      '8 threads wait on one lock (0x7ff6d234ba80) at refresh (lock_wait.py:7)',
    );
    expect(lock?.statement).toMatch(
      /Candidate holder: thread 30224, inside the same function at refresh \(lock_wait\.py:8\)/,
    );
    expect(lock?.evidence.filter((e) => e.kind === 'frame')).toHaveLength(8);
    expect(lock?.evidence.at(-1)).toMatchObject({ kind: 'thread', tid: 30224 });
    expect(lock?.cannotCheck).toContain(
      'who holds the lock for certain: CPython locks keep no owner',
    );
  });

  it('py-spy --locals: the same lock in every waiter; the holder has it too', () => {
    const found = diagnose(setOf(30552, [dumpCapture(fixture('pyspy-lock-arg-locals.txt'))]));
    expect(kinds(found)).toEqual(['lock-wait']);
    expect(found[0]?.title).toBe(
      '6 threads wait on one lock (0x7f92ddb5bac0) at refresh (lock_arg.py:6)',
    );
  });

  it('py-spy without locals: the same line in 8 threads, three dumps: a candidate, with gdb as next step', () => {
    const found = diagnose(setOf(30221, [dumpCapture(fixture('pyspy-lock-3.txt'))]));
    const lock = found.find((f) => f.kind === 'lock-wait');
    expect(lock?.severity).toBe('info');
    expect(lock?.title).toBe(
      '8 threads are off the CPU at the same line refresh (lock_wait.py:7): a lock or another blocking C call',
    );
    expect(lock?.nextSteps[0]?.capture).toEqual({ recipe: 'gdb-pybt', pid: 30221 });
  });
});

describe('a saturated thread pool', () => {
  it('all four workers in the same socket read in three dumps', () => {
    const found = diagnose(setOf(30222, [dumpCapture(fixture('pyspy-pool-3.txt'))]));
    expect(found[0]?.kind).toBe('pool-saturated');
    expect(found[0]?.title).toBe(
      'Thread pool "fetch" is saturated: all 4 workers are in fetch (pool_saturated.py:16) in every one of 3 dumps',
    );
    expect(found[0]?.severity).toBe('critical');
    // The same threads' "same line" lock guess and their "stuck" stacks are not repeated.
    expect(kinds(found)).not.toContain('lock-wait');
  });

  it('one dump only: a warning that asks for more dumps', () => {
    const one = fixture('pyspy-pool-3.txt').split(/(?=^Process )/m)[0] ?? '';
    const found = diagnose(setOf(30222, [dumpCapture(one)]));
    expect(found[0]?.kind).toBe('pool-saturated');
    expect(found[0]?.severity).toBe('warning');
    expect(found[0]?.nextSteps[0]?.repeat).toEqual({ times: 3, everySeconds: 1 });
  });
});

describe('an event loop blocked by a synchronous call', () => {
  it('py-spy: the loop thread off the CPU in the same coroutine line in three dumps', () => {
    const found = diagnose(setOf(30553, [dumpCapture(fixture('pyspy-loop-blocked-3.txt'))]));
    expect(kinds(found)).toEqual(['event-loop-blocked']);
    expect(found[0]?.severity).toBe('critical');
    expect(found[0]?.title).toMatch(
      /^The event loop of thread 30553 "MainThread" is blocked in handle \(loop_blocked\.py:6\)/,
    );
  });

  it('seed 002: a library sync read on the loop, caught once on the CPU between reads', () => {
    // The last dump found the loop running (building the next client): the two blocked dumps
    // still decide, and a leaf named `read` off the CPU is a read, whatever library it is in.
    const found = diagnose(setOf(6424, [dumpCapture(fixture('pyspy-seed002-loop-3.txt'))]));
    expect(found[0]?.kind).toBe('event-loop-blocked');
    expect(found[0]?.severity).toBe('critical');
    expect(found[0]?.title).toMatch(/it waits in read for a network or pipe read$/);
  });

  it('gdb: the call is named (time.sleep); one dump asks for a second', () => {
    const found = diagnose(setOf(30553, [gdbCapture(fixture('gdb-loop-blocked.txt'))]));
    expect(found[0]?.title).toBe(
      'The event loop of thread 30553 is blocked in handle (loop_blocked.py:6): it waits in sleep for a timer (sleep)',
    );
    expect(found[0]?.cannotCheck).toContain(
      'whether it stays there: needs a second dump a few seconds later',
    );
  });
});

describe('a sync worker pool exhausted', () => {
  const dumps = fixture('pyspy-gunicorn-selfcall-3.txt');
  it('gunicorn -w 1 calling itself: ss shows the connection to its own port', () => {
    const found = diagnose(
      setOf(30841, [
        dumpCapture(dumps),
        ssCapture(fixture('ss-tanp-gunicorn-selfcall.txt')),
        psCapture(fixture('ps-gunicorn-selfcall.txt')),
      ]),
    );
    expect(kinds(found)).toEqual(['sync-workers-exhausted']);
    expect(found[0]?.title).toBe(
      'A sync worker waits on a request to its own server (port 18404): it calls itself and hangs until the 600 s timeout',
    );
    expect(found[0]?.evidence).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'socket' }),
        expect.objectContaining({ kind: 'listener' }),
        expect.objectContaining({ kind: 'ps-row', pid: 30841 }),
      ]),
    );
  });

  it('whole paths: the app frame is the first outside the library folders, whatever client it uses', () => {
    // The same worker as py-spy --full-filenames prints it, calling itself through httpx in a venv.
    const lib = '/srv/venv/lib/python3.11/site-packages';
    const viaHttpx = dumps.replace(
      / {4}readinto \(socket\.py:706\)\n(?: {4}.*\n)*? {4}app \(selfcall\.py:7\)\n {4}handle_request \(gunicorn\/workers\/sync\.py:179\)/g,
      [
        '    readinto (/usr/lib/python3.11/socket.py:706)',
        `    _receive_event (${lib}/httpcore/_sync/http11.py:224)`,
        `    handle_request (${lib}/httpx/_transports/default.py:232)`,
        `    send (${lib}/httpx/_client.py:914)`,
        `    get (${lib}/httpx/_client.py:1045)`,
        '    app (/srv/lab/selfcall.py:7)',
        `    handle_request (${lib}/gunicorn/workers/sync.py:179)`,
      ].join('\n'),
    );
    expect(viaHttpx).toContain('httpx/_client.py');
    const found = diagnose(setOf(30841, [dumpCapture(viaHttpx)]));
    const w = found.find((f) => f.kind === 'sync-workers-exhausted');
    expect(w?.statement).toContain('app (selfcall.py:7)');
    expect(w?.statement).not.toContain('_receive_event');
  });

  it('dumps alone: a warning that asks for ss and ps', () => {
    const found = diagnose(setOf(30841, [dumpCapture(dumps)]));
    const w = found.find((f) => f.kind === 'sync-workers-exhausted');
    expect(w?.severity).toBe('warning');
    expect(w?.nextSteps.map((s) => s.capture.recipe)).toEqual(['ss', 'ps']);
  });
});

describe('a thread stuck', () => {
  const dump = (frames: string): string =>
    `Process 77: python3 app.py\nPython v3.11.2 (/usr/bin/python3.11)\n\nThread 77 (idle): "MainThread"\n    select (selectors.py:468)\n    run_forever (asyncio/base_events.py:607)\nThread 78 (idle): "sync-client"\n${frames}`;
  const stuck =
    '    recv_into (ssl.py:1100)\n    read (ssl.py:1235)\n    fetch (client.py:33)\n    run (threading.py:975)\n';
  const moving = (n: number): string =>
    `    parse (client.py:${40 + n})\n    run (threading.py:975)\n`;

  it('the same stack in three dumps a second apart', () => {
    const found = diagnose(setOf(77, [dumpCapture([stuck, stuck, stuck].map(dump).join('\n'))]));
    expect(kinds(found)).toEqual(['thread-stuck']);
    expect(found[0]?.title).toBe(
      'thread 78 "sync-client" has had the same stack in 3 dumps: at recv_into (ssl.py:1100), waits in recv_into for a network or pipe read',
    );
    expect(found[0]?.severity).toBe('warning');
  });

  it('not when the stack moved, nor with two dumps, nor when the dumps have no times', () => {
    expect(
      diagnose(setOf(77, [dumpCapture([stuck, moving(1), stuck].map(dump).join('\n'))])),
    ).toEqual([]);
    expect(diagnose(setOf(77, [dumpCapture([stuck, stuck].map(dump).join('\n'))]))).toEqual([]);
    const untimed = diagnose(
      setOf(77, [dumpCapture([stuck, stuck, stuck].map(dump).join('\n'), null)]),
    );
    expect(untimed[0]?.cannotCheck).toContain(
      'that the dumps were seconds apart (their times are unknown)',
    );
  });
});

describe('a syscall loop with errors', () => {
  it('seed 003: sendto + rename = -1 ENOENT, its rate and its failure ratio', () => {
    const found = diagnose(
      setOf(11735, [straceCapture(readSharedFixture('strace-f-tt-T-logging-loop.txt'))]),
    );
    expect(kinds(found)).toEqual(['syscall-loop']);
    expect(found[0]?.title).toMatch(
      /^Thread 11735 repeats `sendto = -1 ENOENT; rename = -1 ENOENT` 1 500 times \(9 0\d\d rounds\/s\): 100 % of its calls fail$/,
    );
    expect(found[0]?.severity).toBe('critical');
    expect(found[0]?.nextSteps[0]).toMatchObject({
      focusTid: 11735,
      capture: { recipe: 'pyspy-dump' },
    });
  });

  it('a periodic writer that sleeps every round: its failing openat is only "info"', () => {
    const found = diagnose(
      setOf(10907, [straceCapture(readLocalFixture('strace', 'threads-f-tt-T-s64-p.txt'))]),
    );
    expect(found.map((f) => [f.kind, f.severity])).toEqual([['syscall-loop', 'info']]);
    expect(found[0]?.reasons.map((r) => r.why)).toContain(
      'it sleeps every round: a periodic retry, not a spin',
    );
  });

  it('strace -c alone: rename fails on every call; sendto, which has routine errnos, is not claimed', () => {
    const found = diagnose(
      setOf(11735, [straceSummaryCapture(readSharedFixture('strace-c-logging-loop.txt'))]),
    );
    expect(found.map((f) => f.title)).toEqual(['`rename` failed 41 885 of 41 885 calls (100 %)']);
    // Calls that nearly always fail are every call traced: a spin, critical as the live loop is.
    expect(found[0]?.severity).toBe('critical');
    expect(found[0]?.reasons.map((r) => r.why)).toContain(
      'calls that nearly always fail are 100 % of all the calls traced',
    );
  });

  it('strace -c: a call that always fails among many that succeed is a warning, not a spin', () => {
    const table = [
      '% time     seconds  usecs/call     calls    errors syscall',
      '------ ----------- ----------- --------- --------- ----------------',
      ' 60.00    0.060000           6     10000           write',
      ' 30.00    0.030000           3     10000           read',
      ' 10.00    0.010000           5      2000      2000 rename',
      '------ ----------- ----------- --------- --------- ----------------',
      '100.00    0.100000           4     22000      2000 total',
      '',
    ].join('\n');
    const found = diagnose(setOf(11735, [straceSummaryCapture(table)]));
    expect(found.map((f) => [f.kind, f.severity])).toEqual([['syscall-loop', 'warning']]);
  });

  it("the lab's seed 003 shape (sendto succeeds, rename fails) at thousands of rounds a second: critical", () => {
    const lines: string[] = [];
    for (let r = 0; r < 200; r++) {
      const us = String(r * 500).padStart(6, '0');
      lines.push(
        `[pid 42] 10:00:00.${us} openat(AT_FDCWD, "/srv/app/cache/7", O_RDONLY) = -1 ENOENT (No such file or directory) <0.000010>`,
        `[pid 42] 10:00:00.${us} write(5, "miss\\n", 5) = 5 <0.000010>`,
      );
    }
    const found = diagnose(setOf(42, [straceCapture(lines.join('\n'))]));
    expect(found.map((f) => [f.kind, f.severity])).toEqual([['syscall-loop', 'critical']]);
  });

  /** The lab's loop in strace -f -tt: `bursts` bursts of 50 rounds, `pauseUs` of sleep between. */
  function burstTrace(bursts: number, pauseUs: number): string {
    const lines: string[] = [];
    let us = 0;
    const at = (): string => {
      const s = Math.floor(us / 1e6);
      return `10:${String(Math.floor(s / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}.${String(us % 1e6).padStart(6, '0')}`;
    };
    for (let b = 0; b < bursts; b++) {
      for (let r = 0; r < 50; r++) {
        lines.push(`[pid 5974] ${at()} sendto(5, "<14>x", 5, 0, NULL, 0) = 5 <0.000010>`);
        us += 230;
        lines.push(
          `[pid 5974] ${at()} rename("/srv/lab/app.log", "/srv/lab/app.log.1") = -1 ENOENT (No such file or directory) <0.000010>`,
        );
        us += 230;
      }
      lines.push(
        `[pid 5974] ${at()} clock_nanosleep(CLOCK_MONOTONIC, 0, {tv_sec=0, tv_nsec=${pauseUs * 1000}}, NULL) = 0 <0.010000>`,
      );
      us += pauseUs;
    }
    return lines.join('\n');
  }

  it("the lab's loop in bursts (50 rounds, 10 ms sleep): all its rounds, the sustained rate, critical", () => {
    const found = diagnose(setOf(5974, [straceCapture(burstTrace(100, 10_000))]));
    expect(found.map((f) => [f.kind, f.severity])).toEqual([['syscall-loop', 'critical']]);
    // 50 rounds in 23 ms, then 10 ms: about 1 500 rounds/s sustained, 2 152 within a burst.
    expect(found[0]?.title).toMatch(
      /^Thread 5974 repeats `sendto; rename = -1 ENOENT` 5 000 times in 100 bursts \(1 5\d\d rounds\/s sustained\): 50 % of its calls fail$/,
    );
    expect(found[0]?.reasons.map((r) => r.why)).toContain('5 000 rounds in 100 bursts');
  });

  it('bursts fast within, but a second of sleep between them: the sustained rate is no spin', () => {
    // 2 152 rounds/s within a burst, 49 rounds/s sustained, 1 % of the calls: a warning.
    const found = diagnose(setOf(5974, [straceCapture(burstTrace(100, 1_000_000))]));
    expect(found.map((f) => [f.kind, f.severity])).toEqual([['syscall-loop', 'warning']]);
    expect(found[0]?.title).toContain('5 000 times in 100 bursts (49 rounds/s sustained)');
  });

  it("strace -c of the lab's seed 003 for 3 s (triage): rename fails 1 411 times a second, critical", () => {
    const table = readLocalFixture('diagnosis', 'strace-c-seed003-lab.txt');
    const found = diagnose(setOf(15403, [straceSummaryCapture(table, 3)]));
    expect(found.map((f) => [f.kind, f.severity, f.title])).toEqual([
      ['syscall-loop', 'critical', '`rename` failed 4 233 of 4 233 calls (100 %)'],
    ]);
    expect(found[0]?.reasons.map((r) => r.why)).toContain(
      '1 411 failures a second over the 3 s traced',
    );
    // The same table pasted, its duration unknown: the rename calls are 45 % of all: a warning.
    const pasted = diagnose(setOf(15403, [straceSummaryCapture(table)]));
    expect(pasted.map((f) => f.severity)).toEqual(['warning']);
    expect(pasted[0]?.cannotCheck).toContain(
      'the rate: the table does not print how long it traced',
    );
  });
});

describe('nginx upstreams', () => {
  const FORMAT =
    '$remote_addr - $remote_user [$time_local] "$request" $status $body_bytes_sent "$http_referer" "$http_user_agent" $request_length $request_time $upstream_addr $upstream_response_length $upstream_response_time $upstream_status';
  const found = diagnose(
    setOf(0, [
      accessLogCapture(readLocalFixture('nginx', 'lab-access-upstreaminfo.log'), FORMAT),
      errorLogCapture(readLocalFixture('nginx', 'lab-error.log')),
    ]),
  );

  it('the one slow backend of three', () => {
    const slow = found.filter((f) => f.kind === 'slow-upstream');
    expect(slow).toHaveLength(1);
    expect(slow[0]?.title).toMatch(
      /^Upstream 127\.0\.0\.1:36523 is much slower than its peers: median 1\.8 s against/,
    );
  });

  it('upstream errors by kind', () => {
    const errors = found.filter((f) => f.kind === 'upstream-errors');
    expect(errors.map((f) => f.title)).toEqual([
      'nginx: "upstream prematurely closed connection" 9 times (127.0.0.1:34995)',
    ]);
  });
});
