/**
 * StraceParser on small hand-written streams: pairing of halves, lines cut by messages, exits and
 * detaches, -k frames, midnight, overlong lines. Real captures are in straceFixtures.test.ts.
 */
import { describe, expect, it } from 'vitest';
import {
  MAX_LINE,
  parseStraceText,
  StraceParser,
  type StraceEvent,
} from '../../../../shared/parsers/strace';

const calls = (evs: StraceEvent[]): StraceEvent[] => evs.filter((e) => e.kind === 'syscall');

describe('StraceParser', () => {
  it('pairs halves per pid across interleaved threads (the strace man page example)', () => {
    const m = parseStraceText(
      [
        '[pid 28772] select(4, [3], NULL, NULL, NULL <unfinished ...>',
        '[pid 28779] clock_gettime(CLOCK_REALTIME, {tv_sec=1130322148, tv_nsec=3977000}) = 0',
        '[pid 28772] <... select resumed> )      = 1 (in [3])',
      ].join('\n'),
    );
    expect(calls(m.recent)).toEqual([
      expect.objectContaining({ name: 'clock_gettime', pid: 28779 }),
      expect.objectContaining({
        name: 'select',
        pid: 28772,
        args: '4, [3], NULL, NULL, NULL',
        result: '1 (in [3])',
        retval: 1,
        joined: true,
      }),
    ]);
    expect(m.pending).toEqual([]);
  });

  it('a resumed half without its start (attached mid-call) is a partial call', () => {
    const m = parseStraceText('[pid 5] 10:00:00.000001 <... futex resumed>) = 0 <1.500000>');
    expect(m.recent).toEqual([
      expect.objectContaining({ kind: 'syscall', name: 'futex', partial: true, duration: 1.5 }),
    ]);
    expect(m.calls).toBe(1);
    expect(m.syscalls[0]).toMatchObject({ totalTime: 1.5, maxTime: 1.5 });
  });

  it('an exit or a detach drops the call in flight; another thread keeps its own', () => {
    const m = parseStraceText(
      [
        '[pid 1] 10:00:00.000001 futex(0x1, FUTEX_WAIT, 0, NULL <unfinished ...>',
        '[pid 2] 10:00:00.000002 read(3,  <unfinished ...>',
        '[pid 3] 10:00:00.000003 poll([{fd=4, events=POLLIN}], 1, -1 <unfinished ...>',
        '[pid 1] 10:00:00.000004 +++ killed by SIGKILL +++',
        'strace: Process 2 detached',
      ].join('\n'),
    );
    expect(m.pending).toEqual([
      {
        pid: 3,
        name: 'poll',
        args: '[{fd=4, events=POLLIN}], 1, -1',
        since: 36000.000003,
        sinceRaw: '10:00:00.000003',
      },
    ]);
    expect(m.threads.find((t) => t.pid === 1)).toBeUndefined(); // no call of pid 1 finished
    expect(m.exits).toEqual([{ pid: 1, code: null, killedBy: 'SIGKILL' }]);
  });

  it('lines cut by an attach message: joined with their rest, or left in flight if none comes', () => {
    const joined = parseStraceText(
      [
        '08:33:48.302686 clone(child_stack=NULL, flags=CLONE_CHILD_CLEARTID|SIGCHLDstrace: Process 16308 attached',
        ', child_tidptr=0x7f7ee5d54a10) = 16308 <0.000202>',
      ].join('\n'),
    );
    expect(joined.unparsedLines).toBe(0);
    expect(calls(joined.recent)).toEqual([
      expect.objectContaining({
        name: 'clone',
        args: 'child_stack=NULL, flags=CLONE_CHILD_CLEARTID|SIGCHLD, child_tidptr=0x7f7ee5d54a10',
        retval: 16308,
      }),
    ]);
    const later = parseStraceText(
      [
        '[pid 7] futex(0x1, FUTEX_WAIT_PRIVATE, 2, NULLstrace: Process 8 attached',
        '[pid 8] set_robust_list(0x7f, 24) = 0',
        '[pid 7] <... futex resumed>) = 0',
      ].join('\n'),
    );
    expect(later.unparsedLines).toBe(0);
    expect(
      calls(later.recent).map((e) => [
        e.kind === 'syscall' && e.name,
        e.kind === 'syscall' && e.joined,
      ]),
    ).toEqual([
      ['set_robust_list', undefined],
      ['futex', true],
    ]);
  });

  it('a line cut by a detach message never resumes', () => {
    const m = parseStraceText(
      ['[pid 7] 10:00:00.000001 getpid(strace: Process 7 detached', ' <detached ...>'].join('\n'),
    );
    expect(m.unparsedLines).toBe(0);
    expect(m.pending).toEqual([]);
    expect(m.calls).toBe(0);
    expect(m.messages).toEqual([{ kind: 'detach', pid: 7, text: 'Process 7 detached', line: 1 }]);
  });

  it('-k stack frames under a call are understood and ignored', () => {
    const m = parseStraceText(
      [
        'write(1, "x", 1) = 1',
        ' > /usr/lib/x86_64-linux-gnu/libc.so.6(__write+0x14) [0xf1234]',
        ' > /usr/bin/python3.11(_Py_write+0x42) [0x21a0b2]',
      ].join('\n'),
    );
    expect(m.unparsedLines).toBe(0);
    expect(m.calls).toBe(1);
  });

  it('midnight: -tt times restart at 00:00:00, the timeline keeps going', () => {
    const m = parseStraceText(
      [
        '23:59:59.900000 getpid() = 1',
        '23:59:59.990000 getpid() = 1',
        '00:00:00.100000 getpid() = 1',
      ].join('\n'),
    );
    expect(m.timeline[0]?.buckets.map((b) => [b.second, b.count])).toEqual([
      [86399, 2],
      [86400, 1],
    ]);
    expect(m.lastTimeRaw).toBe('00:00:00.100000');
  });

  it('a line longer than MAX_LINE is dropped and counted once, in any chunking', () => {
    const text = `close(3) = 0\nwrite(1, "${'y'.repeat(MAX_LINE)}", 1) = 1\nclose(4) = 0\n`;
    const once = parseStraceText(text);
    expect(once.unparsedLines).toBe(1);
    expect(once.calls).toBe(2);
    const p = new StraceParser();
    for (let i = 0; i < text.length; i += 4096) p.push(text.slice(i, i + 4096));
    p.end();
    expect(p.snapshot()).toEqual(once);
    expect(p.unparsedLines).toBe(1);
  });

  it('the last line without a newline is read at end()', () => {
    const p = new StraceParser();
    p.push('close(3) = 0\nclose(4) = -1 EBADF (Bad file descriptor)');
    expect(p.snapshot().calls).toBe(1);
    p.end();
    expect(p.snapshot()).toMatchObject({
      calls: 2,
      errors: 1,
      errnos: [{ errno: 'EBADF', count: 1 }],
    });
  });

  it('a -c table after the trace goes to summary, not to the unparsed count', () => {
    const m = parseStraceText(
      [
        'close(3) = 0',
        '% time     seconds  usecs/call     calls    errors syscall',
        '------ ----------- ----------- --------- --------- ----------------',
        '100.00    0.000010          10         1           close',
        '------ ----------- ----------- --------- --------- ----------------',
        '100.00    0.000010          10         1           total',
      ].join('\n'),
    );
    expect(m.unparsedLines).toBe(0);
    expect(m.summary).toMatchObject({
      complete: true,
      rows: [{ name: 'close', calls: 1, errors: 0 }],
    });
  });

  it('garbage is counted, never thrown', () => {
    const p = new StraceParser();
    p.push('\x00\x1b[31m\ufffd\n)))(((\n"unterminated\n[pid 1] ');
    p.push(undefined as unknown as string);
    p.end();
    expect(p.unparsedLines).toBe(4);
    expect(p.internalErrors).toBe(0);
  });
});
