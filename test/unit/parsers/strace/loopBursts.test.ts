/**
 * A loop that pauses every N rounds (the lab's seed 003 loop: 50 rounds, then a 10 ms sleep): the
 * run in a row stays the proof, and the detector also counts every round of that cycle in that
 * thread, the bursts they came in and the sustained rate, burst after burst beyond the window.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseStraceText, SequenceDetector } from '../../../../shared/parsers/strace';
import { parseInPieces } from './straceTestUtil';

/** Seconds between two calls inside a burst, and the sleep after each burst. */
const CALL = 0.0002;
const SLEEP = 0.01;

/** `bursts` bursts of `size` rounds of sendto; rename = -1 ENOENT, each followed by `pause`. */
function feedBursts(
  d: SequenceDetector,
  pid: number,
  bursts: number,
  size: number,
  pause: string,
  t0 = 0,
): number {
  let t = t0;
  for (let b = 0; b < bursts; b++) {
    for (let r = 0; r < size; r++) {
      d.push(pid, 'sendto', null, t);
      d.push(pid, 'rename', 'ENOENT', (t += CALL));
      t += CALL;
    }
    d.push(pid, pause, null, t);
    t += SLEEP;
  }
  return t;
}

describe('a loop in bursts', () => {
  it.each(['clock_nanosleep', 'select'])(
    '200 bursts of 50 rounds, a %s between them: 50 in a row, 10 000 rounds in 200 bursts',
    (pause) => {
      const d = new SequenceDetector();
      feedBursts(d, 5974, 200, 50, pause);
      const r = d.result();
      expect(r).toMatchObject({
        cycle: [
          { name: 'sendto', errno: null },
          { name: 'rename', errno: 'ENOENT' },
        ],
        repeats: 50,
        pid: 5974,
        rounds: 10_000,
        bursts: 200,
      });
      // Within a burst: 49 rounds in 99 calls. Sustained: 9 999 rounds, each burst 2 × 50 calls
      // plus its sleep, from the first round's end to the last one's.
      expect(r?.rate).toBeCloseTo(49 / (99 * CALL), 0);
      const period = 100 * CALL + SLEEP;
      expect(r?.sustainedRate).toBeCloseTo(9999 / (199 * period + 98 * CALL), 0);
    },
  );

  it('a single uninterrupted loop: one burst, as many rounds as repeats, the same rate', () => {
    const d = new SequenceDetector();
    feedBursts(d, 7, 1, 5000, 'select');
    d.push(7, 'sendto', null, 10);
    const r = d.result();
    expect(r).toMatchObject({ repeats: 5000, rounds: 5000, bursts: 1, ongoing: false });
    expect(r?.sustainedRate).toBeCloseTo(r?.rate ?? NaN, 0);
  });

  it('interleaved threads: only the looping thread’s rounds count, another thread’s do not', () => {
    const d = new SequenceDetector();
    let t = 0;
    let x = 5;
    for (let b = 0; b < 60; b++) {
      for (let r = 0; r < 40; r++) {
        d.push(11, 'sendto', null, t);
        // Another thread makes the same calls, but never back to back: not its loop.
        x = (x * 48271) % 2147483647;
        d.push(22, x % 2 === 0 ? 'sendto' : `poll${x % 13}`, null, t);
        d.push(11, 'rename', 'ENOENT', (t += CALL));
        d.push(22, 'rename', 'ENOENT', t);
        t += CALL;
      }
      d.push(11, 'clock_nanosleep', null, (t += SLEEP));
    }
    expect(d.result()).toMatchObject({ pid: 11, repeats: 40, rounds: 2400, bursts: 60 });
  });

  it('another thread winning starts the count afresh; so does a window without the cycle', () => {
    const d = new SequenceDetector({ window: 512, every: 64 });
    let t = feedBursts(d, 1, 30, 20, 'select');
    expect(d.result()).toMatchObject({ pid: 1, rounds: 600, bursts: 30 });
    // Thread 2 loops without a pause, longer than thread 1's bursts: its own count.
    for (let i = 0; i < 300; i++) d.push(2, 'write', 'EAGAIN', (t += CALL));
    expect(d.result()).toMatchObject({ pid: 2, repeats: 300, rounds: 300, bursts: 1 });
    // Varied calls for more than a window, then thread 2 loops in bursts again: only the new ones.
    for (let i = 0; i < 600; i++) d.push(2, `work${i % 97}`, null, (t += CALL));
    for (let b = 0; b < 10; b++) {
      for (let i = 0; i < 30; i++) d.push(2, 'write', 'EAGAIN', (t += CALL));
      d.push(2, 'epoll_wait', null, (t += SLEEP));
    }
    expect(d.result()).toMatchObject({ pid: 2, repeats: 30, rounds: 300, bursts: 10 });
  });
});

/** strace -f -tt lines of a random mix of bursts, pauses and other calls in 1–3 threads. */
const segment = fc.record({
  pid: fc.integer({ min: 1, max: 3 }),
  kind: fc.constantFrom('burst', 'pause', 'noise'),
  n: fc.integer({ min: 1, max: 60 }),
});

function straceText(segments: readonly { pid: number; kind: string; n: number }[]): string {
  const lines: string[] = [];
  let us = 36_000_000_000;
  const line = (pid: number, call: string): void => {
    us += 137;
    const s = Math.floor(us / 1e6);
    const clock = `${String(Math.floor(s / 3600)).padStart(2, '0')}:${String(Math.floor(s / 60) % 60).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}.${String(us % 1e6).padStart(6, '0')}`;
    lines.push(`[pid ${pid}] ${clock} ${call}`);
  };
  for (const { pid, kind, n } of segments) {
    if (kind === 'pause') {
      us += 10_000;
      line(pid, 'clock_nanosleep(CLOCK_REALTIME, 0, {tv_sec=0, tv_nsec=10000000}, NULL) = 0');
    } else if (kind === 'noise') {
      for (let i = 0; i < n % 7; i++) line(pid, `getpid() = ${pid}`);
      line(pid, `openat(AT_FDCWD, "/etc/x${n}", O_RDONLY) = -1 ENOENT (No such file or directory)`);
    } else {
      for (let i = 0; i < n; i++) {
        line(pid, 'sendto(3, "<14>x", 5, 0, NULL, 0) = 5');
        line(pid, 'rename("/a.1", "/a.2") = -1 ENOENT (No such file or directory)');
      }
    }
  }
  return `${lines.join('\n')}\n`;
}

describe('bursts: properties', () => {
  it('rounds ≥ repeats, bursts ≥ 1, rounds within the thread’s calls, whatever the chunks', () => {
    fc.assert(
      fc.property(
        fc.array(segment, { maxLength: 120 }),
        fc.array(fc.nat(), { maxLength: 12 }),
        (segments, cuts) => {
          const text = straceText(segments);
          const once = parseStraceText(text);
          const pieces = parseInPieces(
            text,
            cuts.map((c) => c % (text.length + 1)),
          );
          expect(pieces.model.loop).toEqual(once.loop);
          const loop = once.loop;
          if (!loop) return;
          expect(loop.rounds).toBeGreaterThanOrEqual(loop.repeats);
          expect(loop.bursts).toBeGreaterThanOrEqual(1);
          expect(loop.bursts).toBeLessThanOrEqual(loop.rounds);
          const calls = once.threads.find((th) => th.pid === loop.pid)?.count ?? 0;
          expect(loop.rounds * loop.cycle.length).toBeLessThanOrEqual(calls);
          if (loop.sustainedRate !== null) expect(loop.sustainedRate).toBeGreaterThan(0);
        },
      ),
      { numRuns: 200 },
    );
  }, 60_000);

  it('a small window followed beyond: rounds ≥ repeats, within the thread’s calls', () => {
    fc.assert(
      fc.property(fc.array(segment, { maxLength: 200 }), (segments) => {
        const d = new SequenceDetector({ window: 64, every: 8 });
        const calls = new Map<number, number>();
        let t = 0;
        for (const { pid, kind, n } of segments) {
          const toks: [string, string | null][] =
            kind === 'burst'
              ? Array.from({ length: n * 2 }, (_, i) =>
                  i % 2 ? ['rename', 'ENOENT'] : ['sendto', null],
                )
              : kind === 'pause'
                ? [['select', null]]
                : Array.from({ length: (n % 5) + 1 }, (_, i) => [`n${(n + i) % 9}`, null]);
          for (const [name, errno] of toks) d.push(pid, name, errno, (t += 0.001));
          calls.set(pid, (calls.get(pid) ?? 0) + toks.length);
        }
        const loop = d.result();
        if (!loop) return;
        expect(loop.rounds).toBeGreaterThanOrEqual(loop.repeats);
        expect(loop.bursts).toBeGreaterThanOrEqual(1);
        expect(loop.rounds * loop.cycle.length).toBeLessThanOrEqual(calls.get(loop.pid ?? -1) ?? 0);
      }),
      { numRuns: 300 },
    );
  }, 60_000);
});
