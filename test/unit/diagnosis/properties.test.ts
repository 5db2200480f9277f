/**
 * Property tests: a rule never fires on evidence it cannot support, however the evidence is
 * shuffled or cut. Fewer than three dumps never make a stuck thread; distinct lock addresses never
 * make one lock; routine syscall results never make a failing loop; one dump never makes a
 * critical event-loop finding; the order of threads and captures never changes the findings.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { diagnose, type DiagnosisCapture } from '../../../shared/diagnosis';
import type { PyFrame, PyProcessDump, PyThread } from '../../../shared/parsers/pyspy';
import { readLocalFixture } from '../fixturePath';
import { dumpCapture, gdbCapture, setOf, ssCapture, straceCapture } from './captures';

const SLOW = 60_000;
const PID = 500;

const FRAMES: PyFrame[] = [
  { function: 'fetch', file: 'client.py', line: 33 },
  { function: 'parse', file: 'client.py', line: 41 },
  { function: 'recv_into', file: 'ssl.py', line: 1100 },
  { function: 'readinto', file: 'socket.py', line: 706 },
  { function: 'acquire', file: 'threading.py', line: 497 },
  { function: 'wait', file: 'threading.py', line: 320 },
  { function: 'sleep', file: 'time.py', line: null, native: true },
  { function: 'built-in method sleep of module object', file: '', line: null, native: true },
  { function: '_worker', file: 'concurrent/futures/thread.py', line: 83 },
  { function: 'run', file: 'threading.py', line: 975 },
];

const threadArb = (tid: number): fc.Arbitrary<PyThread> =>
  fc
    .record({
      frames: fc.array(fc.constantFrom(...FRAMES), { minLength: 1, maxLength: 4 }),
      active: fc.boolean(),
      name: fc.constantFrom('worker_0', 'worker_1', 'MainThread', 'pool-3'),
    })
    .map(({ frames, active, name }) => ({
      threadId: String(tid),
      tid,
      name,
      active,
      ownsGil: false,
      idle: !active,
      frames,
    }));

const dumpArb = (run: number): fc.Arbitrary<PyProcessDump> =>
  fc
    .integer({ min: 1, max: 5 })
    .chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => threadArb(PID + 1 + i))))
    .map((threads) => ({ pid: PID, run, source: 'text' as const, threads }));

function pyspyCapture(dumps: PyProcessDump[]): DiagnosisCapture {
  return {
    id: 'dumps',
    kind: 'pyspy-dump',
    startedAt: 0,
    everySeconds: 1,
    model: { dumps, errors: [], warnings: [], droppedDumps: 0 },
  };
}

describe('diagnosis properties', () => {
  it(
    'the stuck-thread rule never fires with fewer than three dumps',
    () => {
      fc.assert(
        fc.property(
          fc
            .integer({ min: 1, max: 2 })
            .chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => dumpArb(i)))),
          (dumps) => {
            const found = diagnose(setOf(PID, [pyspyCapture(dumps)]));
            expect(found.filter((f) => f.kind === 'thread-stuck')).toEqual([]);
          },
        ),
      );
    },
    SLOW,
  );

  it(
    'the same identical dump repeated: stuck only from the third copy on',
    () => {
      fc.assert(
        fc.property(dumpArb(0), fc.integer({ min: 1, max: 4 }), (dump, copies) => {
          const dumps = Array.from({ length: copies }, (_, run) => ({ ...dump, run }));
          const stuck = diagnose(setOf(PID, [pyspyCapture(dumps)])).filter(
            (f) => f.kind === 'thread-stuck',
          );
          if (copies < 3) expect(stuck).toEqual([]);
        }),
      );
    },
    SLOW,
  );

  it(
    'cutting a recorded three-dump capture to one or two dumps removes every stuck thread',
    () => {
      const texts = ['pyspy-pool-3.txt', 'pyspy-lock-3.txt', 'pyspy-loop-blocked-3.txt'].map((f) =>
        readLocalFixture('diagnosis', f).split(/(?=^Process )/m),
      );
      fc.assert(
        fc.property(fc.constantFrom(...texts), fc.integer({ min: 1, max: 2 }), (dumps, keep) => {
          const found = diagnose(setOf(0, [dumpCapture(dumps.slice(-keep).join(''))]));
          expect(found.filter((f) => f.kind === 'thread-stuck')).toEqual([]);
          expect(
            found.every((f) => f.severity !== 'critical' || f.kind !== 'event-loop-blocked'),
          ).toBe(true);
        }),
      );
    },
    SLOW,
  );

  it(
    'the lock rule never fires on distinct lock addresses',
    () => {
      fc.assert(
        fc.property(
          fc.uniqueArray(fc.integer({ min: 0x1000, max: 0xffffff }), {
            minLength: 2,
            maxLength: 12,
          }),
          (addresses) => {
            const threads = addresses.map((a, i) => [
              `Thread ${i + 2} (Thread 0x7f00000${i} (LWP ${PID + 1 + i}) "python3"):`,
              'Traceback (most recent call first):',
              `  <built-in method __enter__ of _thread.lock object at remote 0x7f${a.toString(16)}>`,
              '  File "/srv/app/cache.py", line 7, in refresh',
              '    with LOCKS[key]:',
            ]);
            const text = [...threads.flat(), `[Inferior 1 (process ${PID}) detached]`].join('\n');
            const found = diagnose(setOf(PID, [gdbCapture(text)]));
            expect(found.filter((f) => f.kind === 'lock-wait')).toEqual([]);
          },
        ),
      );
    },
    SLOW,
  );

  it(
    'routine syscall results never make a failing loop, in any order and amount',
    () => {
      const ROUTINE = [
        'futex(0x7f00, FUTEX_WAIT_BITSET_PRIVATE, 0, {tv_sec=1, tv_nsec=0}, FUTEX_BITSET_MATCH_ANY) = -1 ETIMEDOUT (Connection timed out) <0.100100>',
        'futex(0x7f08, FUTEX_WAIT_PRIVATE, 2, NULL) = -1 EAGAIN (Resource temporarily unavailable) <0.000010>',
        'connect(7, {sa_family=AF_INET, sin_port=htons(8001), sin_addr=inet_addr("127.0.0.1")}, 16) = -1 EINPROGRESS (Operation now in progress) <0.000040>',
        'recvfrom(7, 0x7f, 65536, 0, NULL, NULL) = -1 EAGAIN (Resource temporarily unavailable) <0.000010>',
        'epoll_wait(3, [], 4, 0) = -1 EINTR (Interrupted system call) <0.000010>',
        'clock_gettime(CLOCK_MONOTONIC, {tv_sec=1, tv_nsec=2}) = 0 <0.000010>',
      ];
      fc.assert(
        fc.property(
          fc.array(fc.constantFrom(...ROUTINE), { minLength: 1, maxLength: 4 }),
          fc.integer({ min: 10, max: 200 }),
          (cycle, rounds) => {
            const lines: string[] = [];
            let us = 0;
            for (let r = 0; r < rounds; r++)
              for (const call of cycle) {
                us += 1000;
                lines.push(
                  `[pid 42] 10:00:${String(Math.floor(us / 1e6) % 60).padStart(2, '0')}.${String(us % 1e6).padStart(6, '0')} ${call}`,
                );
              }
            const found = diagnose(setOf(42, [straceCapture(lines.join('\n'))]));
            expect(found.filter((f) => f.kind === 'syscall-loop')).toEqual([]);
          },
        ),
      );
    },
    SLOW,
  );

  it(
    'shuffling threads and captures changes no finding',
    () => {
      const recorded = [
        [30221, [gdbCapture(readLocalFixture('diagnosis', 'gdb-lock.txt'))]],
        [30222, [dumpCapture(readLocalFixture('diagnosis', 'pyspy-pool-3.txt'))]],
        [
          30841,
          [
            dumpCapture(readLocalFixture('diagnosis', 'pyspy-gunicorn-selfcall-3.txt')),
            ssCapture(readLocalFixture('diagnosis', 'ss-tanp-gunicorn-selfcall.txt')),
          ],
        ],
      ] as const;
      const summary = (pid: number, captures: readonly DiagnosisCapture[]) =>
        diagnose(setOf(pid, [...captures]))
          .map((f) => `${f.id} ${f.severity} ${f.confidence}`)
          .sort();
      fc.assert(
        fc.property(
          fc.constantFrom(...recorded),
          fc.infiniteStream(fc.double({ min: 0, max: 1, noNaN: true })),
          ([pid, captures], random) => {
            const next = (): number => random.next().value ?? 0;
            const shuffle = <T>(xs: readonly T[]): T[] =>
              xs
                .map((x) => ({ x, k: next() }))
                .sort((a, b) => a.k - b.k)
                .map(({ x }) => x);
            const shuffled = shuffle(captures).map((c): DiagnosisCapture => {
              if (c.kind !== 'pyspy-dump' && c.kind !== 'gdb-pybt') return c;
              const dumps = c.model.dumps.map((d) => ({ ...d, threads: shuffle(d.threads) }));
              return { ...c, model: { ...c.model, dumps } };
            });
            expect(summary(pid, shuffled)).toEqual(summary(pid, captures));
          },
        ),
        { numRuns: 50 },
      );
    },
    SLOW,
  );
});
