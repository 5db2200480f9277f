/**
 * The repeating-sequence detector on synthetic token streams: every period 1–8, interleaved
 * threads, runs longer than the window, runs that stop, noise, and that asking never changes it.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SequenceDetector } from '../../../../shared/parsers/strace';

type Tok = [name: string, errno: string | null];

function feed(
  d: SequenceDetector,
  pid: number | null,
  toks: readonly Tok[],
  times = 1,
  t0?: number,
): void {
  let t = t0;
  for (let i = 0; i < times; i++) {
    for (const [name, errno] of toks) {
      d.push(pid, name, errno, t);
      if (t !== undefined) t += 0.0001;
    }
  }
}

const LOOP: Tok[] = [
  ['sendto', 'ENOENT'],
  ['rename', 'ENOENT'],
];

describe('SequenceDetector', () => {
  it('seed 003: sendto; rename = -1 ENOENT, counted beyond the window while it goes on', () => {
    const d = new SequenceDetector({ window: 64, every: 16 });
    feed(d, 1234, LOOP, 10_000);
    expect(d.result()).toEqual({
      cycle: [
        { name: 'sendto', errno: 'ENOENT' },
        { name: 'rename', errno: 'ENOENT' },
      ],
      repeats: 10_000,
      pid: 1234,
      share: 1,
      ongoing: true,
      rate: null,
      rounds: 10_000,
      bursts: 1,
      sustainedRate: null,
    });
  });

  it('write = -1 EAGAIN × N: period 1', () => {
    const d = new SequenceDetector();
    feed(d, 7, [['write', 'EAGAIN']], 500);
    expect(d.result()).toMatchObject({
      cycle: [{ name: 'write', errno: 'EAGAIN' }],
      repeats: 500,
      pid: 7,
    });
  });

  it.each([1, 2, 3, 4, 5, 6, 7, 8])('finds the shortest period, %i', (p) => {
    const cycle: Tok[] = Array.from({ length: p }, (_, i) => [
      `call${i}`,
      i === p - 1 ? 'EIO' : null,
    ]);
    const d = new SequenceDetector();
    feed(d, null, cycle, 200);
    const r = d.result();
    expect(r?.cycle).toHaveLength(p);
    expect(r?.repeats).toBe(200);
    expect(r?.pid).toBeNull();
  });

  it('a period longer than 8 is not reported as a loop of a shorter one', () => {
    const cycle: Tok[] = Array.from({ length: 11 }, (_, i) => [`c${i}`, null]);
    const d = new SequenceDetector();
    feed(d, 1, cycle, 50);
    expect(d.result()).toBeNull();
  });

  it('one thread loops while another does varied work: the loop and its share', () => {
    const d = new SequenceDetector({ window: 1000, every: 100 });
    let x = 1;
    for (let i = 0; i < 3000; i++) {
      const [name, errno] = LOOP[i % 2] ?? ['?', null];
      d.push(11, name, errno);
      x = (x * 1103515245 + 12345) % 2147483648;
      d.push(22, `noise${x % 37}`, null);
    }
    const r = d.result();
    expect(r).toMatchObject({ pid: 11, repeats: 1500, ongoing: true });
    expect(r?.share).toBeCloseTo(0.5, 2);
  });

  it('a loop that stops is reported as ended until the window forgets it', () => {
    const d = new SequenceDetector({ window: 256, every: 32 });
    feed(d, 5, LOOP, 400);
    feed(
      d,
      5,
      [
        ['epoll_wait', null],
        ['read', null],
        ['write', null],
        ['close', null],
        ['accept4', null],
        ['fstat', null],
        ['mmap', null],
        ['brk', null],
        ['openat', 'ENOENT'],
      ],
      1,
    );
    expect(d.result()).toMatchObject({ repeats: 400, ongoing: false });
    // Varied calls push the old run out of the window; then it is forgotten.
    let x = 7;
    for (let i = 0; i < 400; i++) {
      x = (x * 48271) % 2147483647;
      d.push(5, `n${x % 101}`, null);
    }
    expect(d.result()).toBeNull();
  });

  it('a bigger loop elsewhere takes over from an ended one', () => {
    const d = new SequenceDetector({ window: 512, every: 64 });
    feed(d, 1, [['futex', 'EAGAIN']], 50);
    feed(d, 1, [['x', null]], 1);
    feed(
      d,
      2,
      [
        ['read', null],
        ['write', 'EPIPE'],
      ],
      400,
    );
    expect(d.result()).toMatchObject({ pid: 2, repeats: 400, ongoing: true });
  });

  it('reads the cycle from after its failing call, wherever the window starts', () => {
    for (const skip of [0, 1, 2]) {
      const d = new SequenceDetector({ window: 300, every: 50 });
      const cycle: Tok[] = [
        ['getpid', null],
        ['sendto', null],
        ['rename', 'ENOENT'],
      ];
      feed(d, 9, cycle.slice(skip), 1);
      feed(d, 9, cycle, 1000);
      expect(d.result()?.cycle.map((s) => s.name)).toEqual(['getpid', 'sendto', 'rename']);
    }
  });

  it('rate: rounds per second from the timestamps', () => {
    const d = new SequenceDetector();
    feed(d, 1, LOOP, 1001, 100); // one call every 0.1 ms: 5 000 rounds/s
    expect(d.result()?.rate).toBeCloseTo(5000, -1);
  });

  it('noise is not a loop; fewer than minRepeats repetitions are not reported', () => {
    const d = new SequenceDetector({ minRepeats: 4 });
    let x = 3;
    for (let i = 0; i < 5000; i++) {
      x = (x * 16807) % 2147483647;
      d.push(x % 3, `s${x % 500}`, null);
    }
    expect(d.result()).toBeNull();
    const e = new SequenceDetector({ minRepeats: 4 });
    feed(e, 1, LOOP, 3);
    expect(e.result()).toBeNull();
  });

  it('more distinct calls than it interns: no growth, no false matches', () => {
    const d = new SequenceDetector({ window: 128, every: 16 });
    for (let i = 0; i < 20_000; i++) d.push(1, `unique${i}`, null);
    expect(d.result()).toBeNull();
    feed(d, 1, LOOP, 100);
    expect(d.result()).toMatchObject({ repeats: 100 });
  });

  it('asking for the result at any moment never changes later answers', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 2 }), fc.integer({ min: 0, max: 5 })), {
          maxLength: 600,
        }),
        fc.array(fc.nat(), { maxLength: 20 }),
        (steps, asks) => {
          const quiet = new SequenceDetector({ window: 64, every: 8 });
          const chatty = new SequenceDetector({ window: 64, every: 8 });
          const askAt = new Set(asks.map((a) => a % (steps.length + 1)));
          steps.forEach(([pid, t], i) => {
            const name = `c${t}`;
            const errno = t === 5 ? 'EAGAIN' : null;
            quiet.push(pid, name, errno);
            chatty.push(pid, name, errno);
            if (askAt.has(i)) chatty.result();
          });
          const r = quiet.result();
          expect(chatty.result()).toEqual(r);
          if (r) {
            expect(r.repeats).toBeGreaterThanOrEqual(4);
            expect(r.cycle.length).toBeGreaterThanOrEqual(1);
            expect(r.cycle.length).toBeLessThanOrEqual(8);
            expect(r.share).toBeGreaterThanOrEqual(0);
            expect(r.share).toBeLessThanOrEqual(1);
          }
        },
      ),
      { numRuns: 300 },
    );
  }, 60_000);
});
