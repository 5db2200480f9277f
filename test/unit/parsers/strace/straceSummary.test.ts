/**
 * `strace -c` tables: recorded with strace 6.1 and 7.2 (test/fixtures/strace), the shared seed-003
 * table, and the strace 4.x layout as printed by its count.c (fixed widths, blank usecs/call on
 * the total row).
 */
import { describe, expect, it } from 'vitest';
import {
  parseStraceSummary,
  StraceSummaryParser,
  type StraceSummary,
} from '../../../../shared/parsers/strace';
import { readSharedFixture } from '../../fixturePath';
import { readStraceFixture } from './straceTestUtil';

function table(text: string): StraceSummary {
  const s = parseStraceSummary(text);
  if (!s) throw new Error('no table');
  return s;
}

describe('strace -c tables', () => {
  it('shared seed-003 table: every call an error', () => {
    expect(table(readSharedFixture('strace-c-logging-loop.txt'))).toEqual({
      rows: [
        {
          name: 'sendto',
          percentTime: 57.3,
          seconds: 0.352869,
          usecsPerCall: 8,
          calls: 41884,
          errors: 41884,
        },
        {
          name: 'rename',
          percentTime: 42.7,
          seconds: 0.263004,
          usecsPerCall: 6,
          calls: 41885,
          errors: 41885,
        },
      ],
      total: {
        name: 'total',
        percentTime: 100,
        seconds: 0.615873,
        usecsPerCall: 7,
        calls: 83769,
        errors: 83769,
      },
      columns: ['% time', 'seconds', 'usecs/call', 'calls', 'errors', 'syscall'],
      complete: true,
      tables: 1,
    });
  });

  it('blank errors cells are 0; attach/detach chatter around the table is understood', () => {
    const p = new StraceSummaryParser();
    p.push(readStraceFixture('loop-c-f-p.txt'));
    p.end();
    expect(p.unparsedLines).toBe(0);
    expect(p.snapshot()?.rows.find((r) => r.name === 'getpid')).toEqual({
      name: 'getpid',
      percentTime: 11.91,
      seconds: 0.002522,
      usecsPerCall: 2,
      calls: 1249,
      errors: 0,
    });
  });

  it('de_DE locale: strace calls setlocale, so the floats use a comma', () => {
    const t = table(readStraceFixture('loop-c-f-de_DE.txt'));
    expect(t.rows[0]).toEqual({
      name: 'sendto',
      percentTime: 57,
      seconds: 0.048908,
      usecsPerCall: 8,
      calls: 5872,
      errors: 0,
    });
    expect(t.total).toMatchObject({
      percentTime: 100,
      seconds: 0.08581,
      calls: 17616,
      errors: 5872,
    });
  });

  it('-U chooses and orders the columns (shortest / longest)', () => {
    const t = table(readStraceFixture('threads-c-f-U.txt'));
    expect(t.columns).toEqual([
      'syscall',
      'calls',
      'errors',
      'seconds',
      'usecs/call',
      'shortest',
      'longest',
    ]);
    expect(t.rows[1]).toEqual({
      name: 'clock_nanosleep',
      percentTime: null,
      seconds: 0.077259,
      usecsPerCall: 396,
      calls: 195,
      errors: 0,
      minSeconds: 0,
      maxSeconds: 0.00624,
    });
  });

  it('strace 7.1+ wall-clock columns', () => {
    const t = table(readStraceFixture('v7-threads-c-f-U-wall.txt'));
    expect(t.columns).toEqual([
      'syscall',
      'calls',
      'errors',
      'seconds',
      'wall-total',
      'wall-avg',
      'wall-max',
    ]);
    expect(t.rows[0]).toMatchObject({
      name: 'clock_nanosleep',
      seconds: 0.075721,
      wallSeconds: 3.867088,
      wallUsecsPerCall: 27233,
      wallMaxSeconds: 0.243487,
    });
    expect(t.total).toMatchObject({ calls: 613, errors: 118, wallSeconds: 4.786369 });
  });

  it('strace 7.2 default layout is the 6.1 one; on a PTY too (\\r\\n)', () => {
    const a = table(readStraceFixture('v7-threads-c-f.txt'));
    expect(a.columns).toEqual(['% time', 'seconds', 'usecs/call', 'calls', 'errors', 'syscall']);
    const pty = new StraceSummaryParser();
    pty.push(readStraceFixture('v7-pty-threads-c-f.typescript'));
    pty.end();
    expect(pty.unparsedLines).toBe(2);
    expect(pty.snapshot()?.rows.find((r) => r.name === 'close')?.percentTime).toBe(1.61);
  });

  it('strace 4.x layout: fixed widths, blank usecs/call on the total row', () => {
    const text = [
      '% time     seconds  usecs/call     calls    errors syscall',
      '------ ----------- ----------- --------- --------- ----------------',
      ' 21.85    0.000104          17         6           mmap',
      '  2.52    0.000012           4         3         3 access',
      '------ ----------- ----------- --------- --------- ----------------',
      '100.00    0.000476                    32         3 total',
      '',
    ].join('\n');
    const t = table(text);
    expect(t.rows).toEqual([
      {
        name: 'mmap',
        percentTime: 21.85,
        seconds: 0.000104,
        usecsPerCall: 17,
        calls: 6,
        errors: 0,
      },
      {
        name: 'access',
        percentTime: 2.52,
        seconds: 0.000012,
        usecsPerCall: 4,
        calls: 3,
        errors: 3,
      },
    ]);
    expect(t.total).toEqual({
      name: 'total',
      percentTime: 100,
      seconds: 0.000476,
      usecsPerCall: null,
      calls: 32,
      errors: 3,
    });
  });

  it('personality headers and several tables: the last one is kept, counted', () => {
    const one = readSharedFixture('strace-c-logging-loop.txt');
    const t = table(
      `System call usage summary for 32 bit mode:\n${one}${one.replace('sendto', 'sendmsg')}`,
    );
    expect(t.tables).toBe(2);
    expect(t.rows[0]?.name).toBe('sendmsg');
    const first = table(`System call usage summary for 32 bit mode:\n${one}`);
    expect(first.personality).toBe('32 bit');
  });

  it('a table cut short is incomplete; junk inside it ends it and is counted', () => {
    const lines = readSharedFixture('strace-c-logging-loop.txt').split('\n');
    expect(table(lines.slice(0, 4).join('\n')).complete).toBe(false);
    const p = new StraceSummaryParser();
    p.push([...lines.slice(0, 3), 'garbage here', ...lines.slice(3)].join('\n'));
    p.end();
    expect(p.unparsedLines).toBeGreaterThan(0);
    expect(parseStraceSummary('no table at all\n')).toBeNull();
  });

  it('the same table in any chunking', () => {
    const text = readStraceFixture('threads-c-f-U.txt').replace(/\n/g, '\r\n');
    const once = table(text);
    for (const size of [1, 7, 100]) {
      const p = new StraceSummaryParser();
      for (let i = 0; i < text.length; i += size) p.push(text.slice(i, i + size));
      p.end();
      expect(p.snapshot()).toEqual(once);
    }
  });
});
