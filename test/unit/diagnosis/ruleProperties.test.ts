/**
 * Property tests, rule by rule: each rule never fires on evidence it cannot support. Recorded
 * captures are cut (dumps dropped, threads renamed so none repeats, the decisive frame or mark
 * removed) or generated (pools busy in some dumps only, routine `strace -c` rows, `top` rows
 * outside one core). Every property starts from evidence the rule does fire on (the control),
 * so that it can fail.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { diagnose, type DiagnosisCapture, type FindingKind } from '../../../shared/diagnosis';
import type { PyThread } from '../../../shared/parsers/pyspy';
import { ROUTINE_RESULTS } from '../../../shared/parsers/strace/syscallResults';
import { readLocalFixture } from '../fixturePath';
import {
  accessLogCapture,
  dumpCapture,
  errorLogCapture,
  setOf,
  ssCapture,
  straceSummaryCapture,
  topCapture,
} from './captures';
import {
  dumpText,
  keepDumps,
  mapThreads,
  renamed,
  withoutFrames,
  type ThreadLine,
} from './evidenceCuts';

const SLOW = 60_000;
const fixture = (name: string): string => readLocalFixture('diagnosis', name);

/** The kinds of the findings above "info" (or of all, with `all`). */
const kindsOf = (pid: number, captures: DiagnosisCapture[], cpuCount?: number): FindingKind[] =>
  diagnose(setOf(pid, captures, cpuCount)).map((f) => f.kind);

/** Indexes 0..n-1 in a random order, and a non-empty subset of them. */
const someOf = (n: number): fc.Arbitrary<number[]> =>
  fc.uniqueArray(fc.integer({ min: 0, max: n - 1 }), { minLength: 1, maxLength: n });

/** A `strace -c` table of these rows, with its total. */
const summaryTable = (rows: readonly { name: string; calls: number; errors: number }[]): string => {
  const line = (calls: number, errors: number, name: string): string =>
    `  1.00    0.001000           1 ${String(calls).padStart(9)} ${errors > 0 ? String(errors).padStart(9) : '         '} ${name}`;
  const total = rows.reduce((n, r) => n + r.calls, 0);
  const errors = rows.reduce((n, r) => n + r.errors, 0);
  return [
    '% time     seconds  usecs/call     calls    errors syscall',
    '------ ----------- ----------- --------- --------- ----------------',
    ...rows.map((r) => line(r.calls, r.errors, r.name)),
    '------ ----------- ----------- --------- --------- ----------------',
    line(total, errors, 'total').replace('  1.00', '100.00'),
    '',
  ].join('\n');
};

describe('gil-hog never fires without one thread holding the GIL at one line in two dumps', () => {
  const PID = 9628;
  const hog = (): DiagnosisCapture => dumpCapture(fixture('pyspy-seed001-gil-hog-3.txt'));

  it('control: the recording fires', () => {
    expect(kindsOf(PID, [hog()])).toContain('gil-hog');
  });

  it(
    'every dump under fresh TIDs (no thread seen twice), in any order and any subset of dumps',
    () => {
      fc.assert(
        fc.property(someOf(3), fc.integer({ min: 1, max: 50 }), (keep, spread) => {
          const cut = keepDumps(hog(), keep, (t, k, i) =>
            renamed(t, 100_000 + spread * 1000 * i + k),
          );
          expect(kindsOf(PID, [cut])).not.toContain('gil-hog');
        }),
      );
    },
    SLOW,
  );

  it(
    'the GIL mark left in one dump only',
    () => {
      fc.assert(
        fc.property(fc.integer({ min: 0, max: 2 }), (kept) => {
          const cut = mapThreads(hog(), (t, dump) =>
            dump === kept ? t : { ...t, ownsGil: false },
          );
          expect(kindsOf(PID, [cut])).not.toContain('gil-hog');
        }),
      );
    },
    SLOW,
  );
});

describe('gil-hog never fires on a GIL holder with two peers or more in its function', () => {
  const PID = 800;
  const POOL = [
    'run (concurrent/futures/thread.py:58)',
    '_worker (concurrent/futures/thread.py:83)',
  ];
  const dump = (peers: readonly ('active' | 'idle')[], lines: readonly number[]): string =>
    dumpText(PID, [
      {
        tid: PID,
        name: 'MainThread',
        state: 'idle',
        frames: ['select (selectors.py:468)', 'run_forever (asyncio/base_events.py:607)'],
      },
      {
        tid: PID + 1,
        name: 'asyncio_0',
        state: 'active+gil',
        frames: ['summarize (app.py:50)', ...POOL],
      },
      ...peers.map((state, k) => ({
        tid: PID + 2 + k,
        name: `asyncio_${k + 1}`,
        state,
        frames: [`summarize (app.py:${lines[k] ?? 50})`, ...POOL],
      })),
    ]);

  it('control: the same holder alone in its function, the loop starved, fires', () => {
    expect(kindsOf(PID, [dumpCapture(dump([], []).repeat(3))])).toContain('gil-hog');
  });

  it(
    'a pool taking turns: 2 to 4 dumps, the holder at one line, 2 to 12 peers at lines of its function',
    () => {
      const dumpArb = fc
        .integer({ min: 2, max: 12 })
        .chain((n) =>
          fc.tuple(
            fc.array(fc.constantFrom<'active' | 'idle'>('active', 'idle'), {
              minLength: n,
              maxLength: n,
            }),
            fc.array(fc.constantFrom(49, 50, 51), { minLength: n, maxLength: n }),
          ),
        )
        .map(([states, lines]) => dump(states, lines));
      fc.assert(
        fc.property(fc.array(dumpArb, { minLength: 2, maxLength: 4 }), (dumps) => {
          expect(kindsOf(PID, [dumpCapture(dumps.join(''))])).not.toContain('gil-hog');
        }),
      );
    },
    SLOW,
  );
});

describe('gil-contention never fires on a pool that has Python to run in some dumps only', () => {
  const PID = 700;
  const POOL = 16;
  const loop = (state: ThreadLine['state']): ThreadLine => ({
    tid: PID,
    name: 'MainThread',
    state,
    frames:
      state === 'idle'
        ? ['select (selectors.py:468)', 'run_forever (asyncio/base_events.py:607)']
        : ['send (h11/_connection.py:512)', 'run_forever (asyncio/base_events.py:607)'],
  });
  const worker = (k: number, busy: false | 'active' | 'idle'): ThreadLine => ({
    tid: PID + 1 + k,
    name: `score_${k}`,
    state: busy === false ? 'idle' : busy,
    frames: [
      ...(busy === false ? [] : ['score (app.py:35)', 'run (concurrent/futures/thread.py:58)']),
      '_worker (concurrent/futures/thread.py:83)',
      'run (threading.py:975)',
    ],
  });
  /** A dump with `busy` pool threads in `score`, each active or idle; the loop maybe holding the GIL. */
  const dumpArb = (minBusy: number, maxBusy: number): fc.Arbitrary<string> =>
    fc
      .record({
        states: fc.array(fc.constantFrom<'active' | 'idle'>('active', 'idle'), {
          minLength: minBusy,
          maxLength: maxBusy,
        }),
        loopState: fc.constantFrom<ThreadLine['state']>('idle', 'active', 'active+gil'),
      })
      .map(({ states, loopState }) =>
        dumpText(PID, [
          loop(loopState),
          ...Array.from({ length: POOL }, (_, k) => worker(k, states[k] ?? false)),
        ]),
      );
  const capturesArb = fc
    .integer({ min: 2, max: 4 })
    .chain((n) =>
      fc.tuple(
        fc.integer({ min: 0, max: n - 1 }),
        fc.array(dumpArb(0, POOL), { minLength: n, maxLength: n }),
        dumpArb(0, 2),
      ),
    )
    .map(([quiet, dumps, calm]) => dumps.map((d, i) => (i === quiet ? calm : d)).join(''));

  it('control: a pool with Python to run in every dump fires', () => {
    const busy = dumpText(PID, [
      loop('idle'),
      ...Array.from({ length: POOL }, (_, k) => worker(k, 'active')),
    ]);
    expect(kindsOf(PID, [dumpCapture(busy.repeat(3))])).toContain('gil-contention');
  });

  it(
    'at most 2 pool threads with Python to run in one dump of 2 to 4, the GIL held by the loop or nobody',
    () => {
      fc.assert(
        fc.property(capturesArb, (text) => {
          expect(kindsOf(PID, [dumpCapture(text)])).not.toContain('gil-contention');
        }),
      );
    },
    SLOW,
  );

  it(
    'one dump, and no py-spy top or gdb: never above info',
    () => {
      fc.assert(
        fc.property(dumpArb(0, POOL), (text) => {
          const found = diagnose(setOf(PID, [dumpCapture(text)]));
          const gil = found.filter((f) => f.kind === 'gil-contention');
          expect(gil.every((f) => f.severity === 'info')).toBe(true);
        }),
      );
    },
    SLOW,
  );
});

describe('pool-saturated never fires unless every worker is in the same call in every dump', () => {
  const PID = 30222;
  const pool = (): DiagnosisCapture => dumpCapture(fixture('pyspy-pool-3.txt'));
  const isWorker = (name: string | undefined): boolean => /^fetch_\d+$/.test(name ?? '');

  it('control: the recording fires', () => {
    expect(kindsOf(PID, [pool()])).toContain('pool-saturated');
  });

  it(
    'in one dump, one worker waiting for work or at another line; or the whole pool waiting for work',
    () => {
      // Waiting for work: `_worker` is the leaf.
      const idle = (t: PyThread): PyThread => ({
        ...t,
        frames: t.frames.slice(t.frames.findIndex((f) => f.function === '_worker')),
      });
      fc.assert(
        fc.property(
          fc.integer({ min: 0, max: 2 }),
          fc.integer({ min: 0, max: 3 }),
          fc.constantFrom('one idle', 'all idle, every dump', 'one moved'),
          (dump, nth, how) => {
            let seen = -1;
            const cut = mapThreads(pool(), (t, d) => {
              if (!isWorker(t.name)) return t;
              // An idle pool: every worker at the same line of `_worker` in every dump.
              if (how === 'all idle, every dump') return idle(t);
              if (d !== dump) return t;
              if (++seen !== nth) return t;
              if (how === 'one idle') return idle(t);
              const [leaf, ...rest] = t.frames;
              return { ...t, frames: leaf === undefined ? [] : [{ ...leaf, line: 999 }, ...rest] };
            });
            expect(kindsOf(PID, [cut])).not.toContain('pool-saturated');
          },
        ),
      );
    },
    SLOW,
  );
});

describe('lock-wait never fires on fewer waiters than it needs, or where a thread runs the code', () => {
  const PID = 30221;
  const lock = (): DiagnosisCapture => dumpCapture(fixture('pyspy-lock-3.txt'));
  const waits = (t: { frames: readonly { function: string }[] }): boolean =>
    t.frames[0]?.function === 'refresh';

  it('control: the recording fires', () => {
    expect(kindsOf(PID, [lock()])).toContain('lock-wait');
  });

  it(
    'at most 2 threads off the CPU at the line in each dump (py-spy shows no lock)',
    () => {
      fc.assert(
        fc.property(
          fc.array(fc.uniqueArray(fc.integer({ min: 0, max: 7 }), { maxLength: 2 }), {
            minLength: 3,
            maxLength: 3,
          }),
          (kept) => {
            const counters = [0, 0, 0];
            const cut = mapThreads(lock(), (t, d) => {
              if (!waits(t)) return t;
              const k = counters[d] ?? 0;
              counters[d] = k + 1;
              return kept[d]?.includes(k) === true ? t : null;
            });
            expect(kindsOf(PID, [cut])).not.toContain('lock-wait');
          },
        ),
      );
    },
    SLOW,
  );

  it(
    'one of the threads at that line on the CPU in any dump: they wait for the GIL, not a lock',
    () => {
      fc.assert(
        fc.property(fc.integer({ min: 0, max: 2 }), fc.integer({ min: 0, max: 7 }), (dump, nth) => {
          let seen = -1;
          const cut = mapThreads(lock(), (t, d) =>
            d === dump && waits(t) && ++seen === nth ? { ...t, active: true, idle: false } : t,
          );
          expect(kindsOf(PID, [cut])).not.toContain('lock-wait');
        }),
      );
    },
    SLOW,
  );
});

describe('thread-stuck never fires on a stack that moved in any dump', () => {
  const PID = 77;
  const stack = [
    'recv_into (ssl.py:1100)',
    'read (ssl.py:1235)',
    'fetch (client.py:33)',
    'run (threading.py:975)',
  ];
  const dump = (frames: readonly string[]): string =>
    dumpText(PID, [
      { tid: PID, name: 'MainThread', state: 'idle', frames: ['select (selectors.py:468)'] },
      { tid: PID + 1, name: 'sync-client', state: 'idle', frames },
    ]);

  it('control: the same stack in three dumps fires', () => {
    expect(kindsOf(PID, [dumpCapture(dump(stack).repeat(3))])).toContain('thread-stuck');
  });

  it(
    'three to five dumps, one frame of one dump at another line',
    () => {
      fc.assert(
        fc.property(
          fc
            .integer({ min: 3, max: 5 })
            .chain((n) =>
              fc.tuple(
                fc.constant(n),
                fc.integer({ min: 0, max: n - 1 }),
                fc.integer({ min: 0, max: stack.length - 1 }),
              ),
            ),
          ([n, moved, frame]) => {
            const other = stack.map((f, i) => (i === frame ? f.replace(/:(\d+)\)$/, ':1)') : f));
            const text = Array.from({ length: n }, (_, i) => dump(i === moved ? other : stack));
            const found = diagnose(setOf(PID, [dumpCapture(text.join(''))]));
            expect(found.filter((f) => f.kind === 'thread-stuck')).toEqual([]);
          },
        ),
      );
    },
    SLOW,
  );
});

describe('sync-workers-exhausted never fires unless a worker waits in a request in every dump', () => {
  const PID = 30841;
  const dumps = (): DiagnosisCapture => dumpCapture(fixture('pyspy-gunicorn-selfcall-3.txt'));
  const ss = (): DiagnosisCapture => ssCapture(fixture('ss-tanp-gunicorn-selfcall.txt'));

  it('control: the recording fires', () => {
    expect(kindsOf(PID, [dumps(), ss()])).toContain('sync-workers-exhausted');
  });

  it(
    "gunicorn's request frame removed from some dumps, or those dumps dropped after a cut",
    () => {
      fc.assert(
        fc.property(someOf(3), (cutDumps) => {
          const cut = mapThreads(dumps(), (t, d) =>
            cutDumps.includes(d)
              ? withoutFrames(t, (f) => f.function === 'handle_request' || f.function === 'handle')
              : t,
          );
          expect(kindsOf(PID, [cut, ss()])).not.toContain('sync-workers-exhausted');
        }),
      );
    },
    SLOW,
  );
});

describe('one-core-saturated never fires outside one core of several, or without the process', () => {
  const PID = 4242;
  const top = (rows: readonly { pid: number; cpu: number }[], idle: number): string =>
    [
      'top - 12:00:00 up 1 day,  1:00,  1 user,  load average: 1.00, 1.00, 1.00',
      `Tasks: ${rows.length} total,   1 running, ${rows.length - 1} sleeping,   0 stopped,   0 zombie`,
      `%Cpu(s): ${(100 - idle).toFixed(1)} us,  0.0 sy,  0.0 ni, ${idle.toFixed(1)} id,  0.0 wa,  0.0 hi,  0.0 si,  0.0 st`,
      'MiB Mem :   7900.0 total,   1000.0 free,   3000.0 used,   3900.0 buff/cache',
      'MiB Swap:      0.0 total,      0.0 free,      0.0 used.   4600.0 avail Mem',
      '',
      '    PID USER      PR  NI    VIRT    RES    SHR S  %CPU  %MEM     TIME+ COMMAND',
      ...rows.map(
        (r) =>
          `${String(r.pid).padStart(7)} root      20   0  400000  50000  10000 R ${r.cpu.toFixed(1).padStart(5)}   0.6   0:10.00 python3`,
      ),
      '',
    ].join('\n');
  const others = fc.array(
    fc.record({
      pid: fc.integer({ min: 1, max: 4000 }),
      cpu: fc.double({ min: 0, max: 99, noNaN: true }),
    }),
    { maxLength: 5 },
  );
  const idle = fc.double({ min: 0, max: 100, noNaN: true });

  it('control: 100 % of one core of 2 fires', () => {
    expect(kindsOf(PID, [topCapture(top([{ pid: PID, cpu: 100 }], 50))], 2)).toContain(
      'one-core-saturated',
    );
  });

  it(
    'the process below 85 % or above 130 % of one core, on 2 to 8 cores',
    () => {
      const cpu = fc.oneof(
        fc.double({ min: 0, max: 84.9, noNaN: true }),
        fc.double({ min: 130.1, max: 790, noNaN: true }),
      );
      fc.assert(
        fc.property(cpu, others, idle, fc.integer({ min: 2, max: 8 }), (mine, rest, id, cores) => {
          const rows = [{ pid: PID, cpu: mine }, ...rest];
          expect(kindsOf(PID, [topCapture(top(rows, id))], cores)).not.toContain(
            'one-core-saturated',
          );
        }),
      );
    },
    SLOW,
  );

  it(
    'one core of one, or a listing without the process',
    () => {
      const inBand = fc.double({ min: 85, max: 130, noNaN: true });
      fc.assert(
        fc.property(inBand, others, idle, fc.boolean(), (mine, rest, id, absent) => {
          const rows = absent ? rest : [{ pid: PID, cpu: mine }, ...rest];
          const found = kindsOf(PID, [topCapture(top(rows, id))], absent ? 2 : 1);
          expect(found).not.toContain('one-core-saturated');
        }),
      );
    },
    SLOW,
  );
});

describe('syscall-loop never fires on a strace -c table it cannot read as failures', () => {
  const PID = 11735;
  const ROUTINE = [
    ...new Set(ROUTINE_RESULTS.flatMap((r) => (r.syscalls === '*' ? [] : r.syscalls))),
  ];
  const row = (names: fc.Arbitrary<string>, failShare: number, maxCalls: number) =>
    fc
      .record({
        name: names,
        calls: fc.integer({ min: 1, max: maxCalls }),
        share: fc.double({ min: 0, max: failShare, noNaN: true }),
      })
      .map(({ name, calls, share }) => ({ name, calls, errors: Math.floor(calls * share) }));

  it('control: rename failing 41 885 times of 41 885 fires', () => {
    const text = summaryTable([{ name: 'rename', calls: 41_885, errors: 41_885 }]);
    expect(kindsOf(PID, [straceSummaryCapture(text)])).toContain('syscall-loop');
  });

  it(
    'rows of syscalls with routine results (all failing), others below 90 % failing or 1 000 calls',
    () => {
      const routine = row(fc.constantFrom(...ROUTINE), 1, 200_000);
      const other = fc.constantFrom('rename', 'openat', 'stat', 'unlink', 'mkdir');
      const rows = fc.array(fc.oneof(routine, row(other, 0.89, 200_000), row(other, 1, 999)), {
        minLength: 1,
        maxLength: 8,
      });
      fc.assert(
        fc.property(rows, (rs) => {
          const unique = [...new Map(rs.map((r) => [r.name, r])).values()];
          expect(kindsOf(PID, [straceSummaryCapture(summaryTable(unique))])).not.toContain(
            'syscall-loop',
          );
        }),
      );
    },
    SLOW,
  );
});

describe('syscall-loop is never critical from strace -c below 100 failures a second, with failing calls a minority', () => {
  const PID = 11735;
  const failingRow = fc.record({
    name: fc.constantFrom('rename', 'openat', 'stat'),
    calls: fc.integer({ min: 1000, max: 50_000 }),
  });
  it(
    'rows failing on every call, rows that succeed with more calls in all, traced long enough (or for an unknown time)',
    () => {
      fc.assert(
        fc.property(
          fc.uniqueArray(failingRow, { minLength: 1, maxLength: 3, selector: (r) => r.name }),
          fc.double({ min: 1, max: 20, noNaN: true }),
          fc.option(fc.double({ min: 1.01, max: 100, noNaN: true })),
          (failing, more, slower) => {
            const failed = failing.reduce((n, r) => n + r.calls, 0);
            const ok = Math.ceil(failed * more) + 1;
            const rows = [
              { name: 'write', calls: ok, errors: 0 },
              ...failing.map((r) => ({ ...r, errors: r.calls })),
            ];
            // A duration that makes every row fail fewer than 100 times a second.
            const seconds =
              slower === null
                ? undefined
                : (Math.max(...failing.map((r) => r.calls)) / 100) * slower;
            const found = diagnose(setOf(PID, [straceSummaryCapture(summaryTable(rows), seconds)]));
            expect(found.filter((f) => f.severity === 'critical')).toEqual([]);
          },
        ),
      );
    },
    SLOW,
  );
});

describe('event-loop-blocked never fires on a thread that is not an event loop', () => {
  const PID = 30553;
  const blocked = (): DiagnosisCapture => dumpCapture(fixture('pyspy-loop-blocked-3.txt'));

  it('control: the recording fires', () => {
    expect(kindsOf(PID, [blocked()])).toContain('event-loop-blocked');
  });

  it(
    "the loop's own frames (run_forever, _run_once) removed from any non-empty subset of dumps, the others dropped",
    () => {
      fc.assert(
        fc.property(someOf(3), (kept) => {
          const cut = keepDumps(blocked(), kept, (t) =>
            withoutFrames(t, (f) => f.function === 'run_forever' || f.function === '_run_once'),
          );
          expect(kindsOf(PID, [cut])).not.toContain('event-loop-blocked');
        }),
      );
    },
    SLOW,
  );
});

describe('the upstream rules never fire on too few attempts, close latencies, or few errors', () => {
  const FORMAT =
    '$remote_addr - $remote_user [$time_local] "$request" $status $body_bytes_sent "$http_referer" "$http_user_agent" $request_length $request_time $upstream_addr $upstream_response_length $upstream_response_time $upstream_status';
  const access = (attempts: readonly { upstream: string; seconds: number }[]): string =>
    attempts
      .map(
        (a, i) =>
          `127.0.0.1 - - [23/Nov/2026:08:33:${String(i % 60).padStart(2, '0')} +0000] "GET /api/items/${i} HTTP/1.1" 200 63 "-" "Python-urllib/3.11" 131 ${a.seconds.toFixed(3)} ${a.upstream} 63 ${a.seconds.toFixed(3)} 200`,
      )
      .join('\n') + '\n';
  const UPSTREAMS = ['127.0.0.1:8001', '127.0.0.1:8002', '127.0.0.1:8003'];
  /** Attempts per upstream, each at its base latency times 1 to `spread`. */
  const attemptsArb = (min: number, max: number, spread: number) =>
    fc
      .tuple(
        ...UPSTREAMS.map((upstream) =>
          fc
            .tuple(
              fc.double({ min: 0.01, max: 2, noNaN: true }),
              fc.array(fc.double({ min: 1, max: spread, noNaN: true }), {
                minLength: min,
                maxLength: max,
              }),
            )
            .map(([base, factors]) => factors.map((f) => ({ upstream, seconds: base * f }))),
        ),
      )
      .map((perUpstream) => perUpstream.flat());
  const slow = (text: string): FindingKind[] =>
    kindsOf(0, [accessLogCapture(text, FORMAT)]).filter((k) => k === 'slow-upstream');

  it('control: one upstream 10× slower than two others fires', () => {
    const text = access(
      UPSTREAMS.flatMap((upstream, u) =>
        Array.from({ length: 6 }, () => ({ upstream, seconds: u === 2 ? 1 : 0.1 })),
      ),
    );
    expect(slow(text)).toEqual(['slow-upstream']);
  });

  it(
    'fewer than 5 attempts per upstream, whatever their latency',
    () => {
      fc.assert(
        fc.property(attemptsArb(0, 4, 100), (attempts) => {
          expect(slow(access(attempts))).toEqual([]);
        }),
      );
    },
    SLOW,
  );

  it(
    'medians within a factor of 1.7 of each other (base latencies drawn alike)',
    () => {
      const close = fc
        .tuple(
          fc.double({ min: 0.01, max: 2, noNaN: true }),
          fc.tuple(
            ...UPSTREAMS.map(() =>
              fc.array(fc.double({ min: 1, max: 1.7, noNaN: true }), {
                minLength: 5,
                maxLength: 12,
              }),
            ),
          ),
        )
        .map(([base, perUpstream]) =>
          perUpstream.flatMap((fs, u) =>
            fs.map((f) => ({ upstream: UPSTREAMS[u] ?? '', seconds: base * f })),
          ),
        );
      fc.assert(
        fc.property(close, (attempts) => {
          expect(slow(access(attempts))).toEqual([]);
        }),
      );
    },
    SLOW,
  );

  it('control: the lab error log fires', () => {
    expect(kindsOf(0, [errorLogCapture(readLocalFixture('nginx', 'lab-error.log'))])).toContain(
      'upstream-errors',
    );
  });

  it(
    'fewer than 3 entries of a kind at level error, or any number at warn or notice',
    () => {
      const KINDS = [
        'upstream prematurely closed connection while reading response header from upstream',
        'upstream timed out (110: Connection timed out) while reading response header from upstream',
        'connect() failed (111: Connection refused) while connecting to upstream',
      ];
      const entry = fc.record({
        kind: fc.constantFrom(...KINDS),
        level: fc.constantFrom('error', 'warn', 'notice'),
      });
      fc.assert(
        fc.property(fc.array(entry, { maxLength: 30 }), (entries) => {
          const counts = new Map<string, number>();
          const kept = entries.filter((e) => {
            const n = counts.get(e.kind) ?? 0;
            if (e.level === 'error' && n >= 2) return false;
            if (e.level === 'error') counts.set(e.kind, n + 1);
            return true;
          });
          const text = kept
            .map(
              (e, i) =>
                `2026/11/23 08:33:${String(i % 60).padStart(2, '0')} [${e.level}] 16129#16129: *${i + 1} ${e.kind}, client: 127.0.0.1, server: nginx-lab, request: "GET /api HTTP/1.1", upstream: "http://127.0.0.1:34995/api", host: "127.0.0.1:45083"`,
            )
            .join('\n');
          expect(kindsOf(0, [errorLogCapture(`${text}\n`)])).not.toContain('upstream-errors');
        }),
      );
    },
    SLOW,
  );
});
