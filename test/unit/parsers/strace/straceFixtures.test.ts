/**
 * Whole captures: the shared seed-003 loop (test/fixtures/shared) and the recordings of strace 6.1
 * and 7.2 in test/fixtures/strace (commands in its README.md). Expected values are read off the
 * files (grep / wc on the fixture), not off the parser.
 */
import { describe, expect, it } from 'vitest';
import { parseStraceText, type StraceModel } from '../../../../shared/parsers/strace';
import { readSharedFixture } from '../../fixturePath';
import { LOCAL_STRACE_FIXTURES, readStraceFixture } from './straceTestUtil';

function local(name: string): StraceModel {
  return parseStraceText(readStraceFixture(name));
}

const count = (text: string, re: RegExp): number =>
  text.split('\n').filter((l) => re.test(l)).length;

describe('shared: strace -f -tt -T -s 64 -o FILE on the seed-003 logging loop', () => {
  const text = readSharedFixture('strace-f-tt-T-logging-loop.txt');
  const m = parseStraceText(text);

  it('reads every line: 1 500 sendto and 1 500 rename, all ENOENT', () => {
    expect(m.lines).toBe(3000);
    expect(m.unparsedLines).toBe(0);
    expect(m.calls).toBe(3000);
    expect(m.errors).toBe(3000);
    expect(m.syscalls).toEqual([
      expect.objectContaining({ name: 'rename', count: 1500, errors: 1500 }),
      expect.objectContaining({ name: 'sendto', count: 1500, errors: 1500 }),
    ]);
    expect(m.errnos).toEqual([{ errno: 'ENOENT', count: 3000 }]);
  });

  it('groups the errors by call and path: /dev/log for sendto, the rotated log for rename', () => {
    expect(m.errorGroups.map((g) => [g.syscall, g.errno, g.path, g.count])).toEqual([
      ['sendto', 'ENOENT', '/dev/log', 1500],
      ['rename', 'ENOENT', '/srv/lab/app.log.1', 1500],
    ]);
    expect(m.errorGroups[1]?.example).toBe(
      'rename("/srv/lab/app.log.1", "/srv/lab/app.log.2") = -1 ENOENT (No such file or directory)',
    );
  });

  it('finds the loop: sendto; rename = -1 ENOENT, 1 500 times, all the recent calls', () => {
    expect(m.loop).toEqual({
      cycle: [
        { name: 'sendto', errno: 'ENOENT' },
        { name: 'rename', errno: 'ENOENT' },
      ],
      repeats: 1500,
      pid: 11735,
      share: 1,
      ongoing: true,
      rate: expect.closeTo(9020, -1) as number,
      // One run, no pause: every round of the cycle is in it.
      rounds: 1500,
      bursts: 1,
      // From the first round's end to the last one's, not from first call to last: a little apart.
      sustainedRate: expect.closeTo(9030, -1) as number,
    });
  });

  it('times, -T durations, one thread, one timeline second, the last 2 000 calls', () => {
    expect(m.timeFormat).toBe('clock-us');
    expect(m.hasDurations).toBe(true);
    expect(m.firstTimeRaw).toBe('15:09:54.050853');
    expect(m.lastTimeRaw).toBe('15:09:54.217027');
    expect(m.firstTime).toBeCloseTo(15 * 3600 + 9 * 60 + 54.050853, 6);
    expect(m.threads).toEqual([
      expect.objectContaining({ pid: 11735, count: 3000, errors: 3000, lastCall: 'rename' }),
    ]);
    expect(
      m.timeline.map((t) => [t.pid, t.all, t.buckets.map((b) => [b.second, b.count])]),
    ).toEqual([
      [null, true, [[54594, 3000]]],
      [11735, false, [[54594, 3000]]],
    ]);
    const busy = m.syscalls.reduce((a, s) => a + s.totalTime, 0);
    expect(m.timeline[0]?.buckets[0]?.busyTime).toBeCloseTo(busy, 9);
    expect(m.recent).toHaveLength(2000);
    expect(m.recent.at(-1)).toMatchObject({
      kind: 'syscall',
      name: 'rename',
      timeRaw: '15:09:54.217027',
    });
    expect(m.summary).toBeNull();
  });
});

describe('multithreaded process (strace 6.1 -f -tt -T -s 64 -p PID on stderr)', () => {
  const text = readStraceFixture('threads-f-tt-T-s64-p.txt');
  const m = parseStraceText(text);

  it('joins every unfinished/resumed pair per pid; the detach drops the 4 calls still in flight', () => {
    const halves = count(text, /<unfinished \.\.\.>$/);
    const resumed = count(text, /<\.\.\. \w+ resumed>/);
    expect(halves - resumed).toBe(4);
    expect(m.unparsedLines).toBe(0);
    expect(m.calls).toBe(count(text, /^\[pid/) - halves);
    expect(m.recent.filter((e) => e.kind === 'syscall' && e.joined)).toHaveLength(resumed);
    expect(m.pending).toEqual([]);
  });

  it('attach with 5 threads, one detach per thread', () => {
    expect(m.messages[0]).toEqual({
      kind: 'attach',
      pid: 10893,
      text: 'Process 10893 attached with 5 threads',
      line: 1,
    });
    expect(m.messages.filter((x) => x.kind === 'detach').map((x) => x.pid)).toEqual([
      10893, 10907, 10908, 10909, 10910,
    ]);
    expect(m.threads.map((t) => t.pid).sort()).toEqual([10893, 10907, 10908, 10909, 10910]);
  });

  it('a joined call keeps its start time and both halves of its arguments', () => {
    const joined = m.recent.find(
      (e) => e.kind === 'syscall' && e.joined && e.name === 'clock_nanosleep',
    );
    expect(joined).toMatchObject({
      pid: 10910,
      timeRaw: '08:23:42.294603',
      args: 'CLOCK_MONOTONIC, TIMER_ABSTIME, {tv_sec=2698, tv_nsec=570016990}, NULL',
      duration: 0.008802,
    });
  });

  it('refused connects and the missing file by path', () => {
    expect(m.errorGroups.slice(0, 3).map((g) => [g.syscall, g.errno, g.path, g.count])).toEqual([
      [
        'openat',
        'ENOENT',
        '/tmp/stracelab/missing dir/a "b" (c).txt',
        count(text, /(openat\(|openat resumed>).*ENOENT/),
      ],
      ['connect', 'ECONNREFUSED', '127.0.0.1:8080', count(text, /ECONNREFUSED/)],
      ['futex', 'EAGAIN', null, count(text, /futex.*EAGAIN/)],
    ]);
  });
});

describe('other recordings', () => {
  it('-o FILE: bare pids, `<detached ...>` at the end, calls still in flight', () => {
    const text = readStraceFixture('threads-f-tt-T-s64-o.txt');
    const m = parseStraceText(text);
    expect(m.unparsedLines).toBe(0);
    expect(m.threads).toHaveLength(5);
    // The last line is `10909 … clock_nanosleep(…,  <detached ...>`; four others never resumed.
    expect(m.pending.map((p) => p.pid).sort()).toEqual([10893, 10907, 10908, 10910]);
    expect(m.pending.find((p) => p.pid === 10908)).toMatchObject({
      name: 'futex',
      sinceRaw: expect.any(String) as string,
    });
  });

  it('a process killed mid-trace: SIGKILL for each thread, SIGCHLD, attach messages that cut lines', () => {
    const text = readStraceFixture('run-killed-f-tt-T.txt');
    const m = parseStraceText(text);
    expect(m.unparsedLines).toBe(0);
    expect(m.exits.filter((e) => e.killedBy === 'SIGKILL')).toHaveLength(
      count(text, /killed by SIGKILL/),
    );
    expect(m.exits.filter((e) => e.code === 0)).toHaveLength(2);
    expect(m.signals).toEqual([{ signal: 'SIGCHLD', count: 2 }]);
    expect(m.messages.map((x) => x.text)).toEqual(
      [16307, 16308, 16312, 16313, 16314, 16315].map((p) => `Process ${p} attached`),
    );
    // `clone3({…}strace: Process 16312 attached` + ` => {parent_tid=[16312]}, 88) = 16312`
    const clones = m.recent.filter((e) => e.kind === 'syscall' && e.name === 'clone3');
    expect(clones.map((e) => (e.kind === 'syscall' ? e.retval : null))).toEqual([
      16312, 16313, 16314, 16315,
    ]);
    expect(m.recent.find((e) => e.kind === 'syscall' && e.name === 'vfork')).toMatchObject({
      joined: true,
      retval: 16307,
    });
    expect(m.pending).toEqual([]);
    expect(m.threads.find((t) => t.pid === 16315)?.exit).toEqual({
      code: null,
      killedBy: 'SIGKILL',
    });
  });

  it('a detach message that cuts the last call (stderr): the call becomes an abandoned half', () => {
    const m = local('loop-f-tt-T-s64-p.txt');
    expect(m.unparsedLines).toBe(0);
    expect(m.messages.map((x) => x.kind)).toEqual(['attach', 'detach']);
    expect(m.pending).toEqual([]);
    expect(m.loop).toMatchObject({
      cycle: [
        { name: 'getpid', errno: null },
        { name: 'sendto', errno: null },
        { name: 'rename', errno: 'ENOENT' },
      ],
      pid: null,
      share: 1,
    });
  });

  it.each([
    ['threads-f-ttt-T.txt', 'epoch'],
    ['threads-f-t.txt', 'clock'],
    ['threads-f-t-r.txt', 'clock'],
    ['threads-f-r.txt', 'relative'],
    ['threads-f.txt', 'none'],
    ['threads-f-tt-Y.txt', 'clock-us'],
  ])('%s: time format %s', (name, format) => {
    const m = local(name);
    expect(m.unparsedLines).toBe(0);
    expect(m.timeFormat).toBe(format);
    expect(m.calls).toBeGreaterThan(100);
    if (format === 'none') expect(m.timeline).toEqual([]);
    else expect(m.timeline[0]?.buckets.length).toBeGreaterThan(0);
  });

  it('-r alone: the timeline runs on the sum of the relative times', () => {
    const m = local('threads-f-r.txt');
    expect(m.firstTime).toBe(0);
    expect(m.lastTime).toBeGreaterThan(0.3);
    expect(m.lastTime).toBeLessThan(1);
  });

  it('-Y names the command of each thread', () => {
    expect(local('threads-f-tt-Y.txt').threads.every((t) => t.comm === 'python3')).toBe(true);
  });

  it('-yy: sockets and the fd files of reads and writes', () => {
    const m = local('threads-f-tt-T-yy.txt');
    expect(m.errorGroups.map((g) => g.path)).toContain('127.0.0.1:8080');
    expect(
      m.recent.some((e) => e.kind === 'syscall' && e.name === 'write' && e.path === '/dev/null'),
    ).toBe(true);
  });

  it('-C: the trace, then the summary table in the same stream', () => {
    const m = local('threads-C-f-tt.txt');
    expect(m.unparsedLines).toBe(0);
    expect(m.summary).toMatchObject({ complete: true, tables: 1 });
    expect(m.summary?.rows.map((r) => r.name)).toEqual([
      'clock_nanosleep',
      'futex',
      'connect',
      'socket',
      'openat',
      'close',
      'write',
    ]);
    expect(m.summary?.total).toMatchObject({ calls: 628, errors: 121, percentTime: 100 });
  });

  it('strace 7.2 on a PTY: colours and \\r\\n stripped, the same calls as without a TTY', () => {
    const text = readStraceFixture('v7-pty-threads-f-tt-T.typescript');
    expect(text).toContain('\x1b[33mclock_nanosleep\x1b[0m(');
    const m = parseStraceText(text);
    expect(m.unparsedLines).toBe(2); // script's "Script started on …" and "Script done on …"
    expect(m.messages[0]).toMatchObject({ kind: 'attach', pid: 15947 });
    expect(m.errorGroups.map((g) => g.errno).sort()).toEqual(['EAGAIN', 'ECONNREFUSED', 'ENOENT']);
    const plain = local('v7-threads-f-tt-T.txt');
    expect(plain.unparsedLines).toBe(0);
    expect(new Set(m.syscalls.map((s) => s.name))).toEqual(
      new Set(plain.syscalls.map((s) => s.name)),
    );
  });

  it('-N argument names (7.2), -xx hex strings, -s 16, -i -n, -Z', () => {
    for (const name of [
      'v7-threads-f-tt-T-N.txt',
      'threads-f-tt-xx.txt',
      'threads-f-tt-s16.txt',
      'threads-f-i-n-tt.txt',
      'threads-f-tt-T-Z.txt',
    ]) {
      const m = local(name);
      expect(m.unparsedLines, name).toBe(0);
      expect(m.errorGroups.find((g) => g.syscall === 'connect')?.path, name).toBe('127.0.0.1:8080');
    }
    expect(local('threads-f-tt-T-Z.txt').errors).toBe(local('threads-f-tt-T-Z.txt').calls);
  });

  it('attach failures of strace 6.1 and 7.2', () => {
    expect(local('attach-eperm.txt').messages).toEqual([
      {
        kind: 'message',
        pid: 1,
        text: 'attach: ptrace(PTRACE_SEIZE, 1): Operation not permitted',
        error: 'Operation not permitted',
        line: 1,
      },
    ]);
    expect(local('attach-nosuchprocess.txt').messages[0]).toMatchObject({
      pid: 999999,
      error: 'No such process',
    });
    const v7 = local('v7-attach-eperm.txt');
    expect(v7.unparsedLines).toBe(0);
    expect(v7.messages.map((x) => x.text)).toEqual([
      'attach: ptrace(PTRACE_SEIZE, 1): Operation not permitted',
      'process 1 may be owned by a different user',
    ]);
  });

  it('every recording parses; only script(1) header and footer lines are not strace', () => {
    for (const name of LOCAL_STRACE_FIXTURES) {
      const m = local(name);
      expect(m.unparsedLines, name).toBe(name.endsWith('.typescript') ? 2 : 0);
      expect(m.lines, name).toBeGreaterThan(0);
    }
  });
});
