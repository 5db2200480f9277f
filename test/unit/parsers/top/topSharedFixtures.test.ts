/**
 * The real captures in test/fixtures/shared (procps-ng 4.0.2 and a production paste from seed 000).
 * Expected values are read off the files by hand.
 */
import { describe, expect, it } from 'vitest';
import { parseTopText, type TopFrame } from '../../../../shared/parsers/top';
import { readSharedFixture } from '../../fixturePath';

function parse(name: string): { frames: TopFrame[]; unparsedLines: number } {
  return parseTopText(readSharedFixture(name));
}

function frameAt(frames: TopFrame[], i: number): TopFrame {
  const f = frames[i];
  if (!f) throw new Error(`no frame ${i}`);
  return f;
}

function busiest(frame: TopFrame): { pid: number; cpu: number } {
  const top = [...frame.rows].sort((a, b) => b.cpuPercent - a.cpuPercent)[0];
  if (!top) throw new Error('no rows');
  return { pid: top.pid, cpu: top.cpuPercent };
}

describe('shared fixture top-b-n2-host.txt (procps-ng 4.0.2, top -b -n 2 -d 1)', () => {
  it('parses two host frames with summary, 73 tasks each and kernel-thread oddities', () => {
    const { frames, unparsedLines } = parse('top-b-n2-host.txt');
    expect(unparsedLines).toBe(0);
    expect(frames).toHaveLength(2);
    const [f1, f2] = [frameAt(frames, 0), frameAt(frames, 1)];
    expect(f1.flavor).toBe('procps');
    expect(f1.summary).toMatchObject({
      time: '15:10:01',
      uptime: '1:39',
      users: 0,
      load: { one: 0.15, five: 0.03, fifteen: 0.04 },
      taskKind: 'tasks',
      tasks: { total: 73, running: 1, sleeping: 72, stopped: 0, zombie: 0 },
      cpu: { us: 0, sy: 100, ni: 0, id: 0, wa: 0, hi: 0, si: 0, st: 0 },
      // MiB → KiB: 24105.1 × 1024 = 24683622.4, 23872.0 × 1024, 283.9 × 1024 = 290713.6, 155.6 × 1024 = 159334.4
      memKiB: { total: 24683622, free: 24444928, used: 290714, buffCache: 159334 },
      swapKiB: { total: 0, free: 0, used: 0, availMem: 24392909 }, // 23821.2 MiB = 24392908.8 KiB
    });
    expect(f1.rows).toHaveLength(73);
    expect(f2.rows).toHaveLength(73);
    expect(f1.columns).toEqual([
      'PID',
      'USER',
      'PR',
      'NI',
      'VIRT',
      'RES',
      'SHR',
      'S',
      '%CPU',
      '%MEM',
      'TIME+',
      'COMMAND',
    ]);
    expect(f1.rows[0]).toEqual({
      pid: 11747,
      user: 'root',
      priority: '20',
      nice: 0,
      virtKiB: 313884,
      resKiB: 13036,
      shrKiB: 8720,
      state: 'S',
      cpuPercent: 100,
      memPercent: 0.1,
      cpuTimeSeconds: 2.17,
      command: 'python3',
    });
    const byPid = new Map(f1.rows.map((r) => [r.pid, r]));
    expect(byPid.get(1)).toMatchObject({ priority: '10', nice: -10, command: 'process_a+' });
    expect(byPid.get(1)?.commandTruncated).toBe(true);
    expect(byPid.get(4)).toMatchObject({ priority: '0', nice: -20, state: 'I' });
    expect(byPid.get(18)?.priority).toBe('rt');
    expect(byPid.get(42)).toMatchObject({ priority: '-51', command: 'watchdogd' });
    expect(byPid.get(71)?.cpuTimeSeconds).toBe(15.96);
    expect(f2.summary.time).toBe('15:10:02');
    expect(f2.summary.cpu).toEqual({
      us: 47.5,
      sy: 0.4,
      ni: 0,
      id: 46.7,
      wa: 0,
      hi: 0,
      si: 5.4,
      st: 0,
    });
    expect(f2.rows[0]).toMatchObject({ pid: 11747, cpuPercent: 100, cpuTimeSeconds: 3.17 });
  });
});

describe('shared fixture top-b-H-p-gil-threads.txt (top -b -H -n 2 -d 1 -p PID)', () => {
  it('reports threads: the GIL holder at 99.9 % and four workers sharing one core', () => {
    const { frames, unparsedLines } = parse('top-b-H-p-gil-threads.txt');
    expect(unparsedLines).toBe(0);
    expect(frames).toHaveLength(2);
    const f1 = frameAt(frames, 0);
    expect(f1.summary.taskKind).toBe('threads');
    expect(f1.summary.tasks).toEqual({ total: 5, running: 1, sleeping: 4, stopped: 0, zombie: 0 });
    expect(f1.rows.map((r) => [r.pid, r.cpuPercent, r.state])).toEqual([
      [11747, 99.9, 'S'],
      [11750, 33.3, 'S'],
      [11749, 26.7, 'S'],
      [11751, 26.7, 'R'],
      [11752, 20, 'S'],
    ]);
    expect(busiest(f1)).toEqual({ pid: 11747, cpu: 99.9 });
    expect(f1.rows[0]?.cpuTimeSeconds).toBe(3.33);
    const f2 = frameAt(frames, 1);
    expect(f2.summary.tasks).toMatchObject({ total: 5, running: 2, sleeping: 3 });
    expect(f2.summary.cpu).toMatchObject({ us: 47.3, sy: 0, id: 46.5, si: 6.2 });
    expect(f2.rows.filter((r) => r.state === 'R').map((r) => r.pid)).toEqual([11751, 11750]);
    expect(f2.rows[0]).toMatchObject({ pid: 11747, cpuTimeSeconds: 4.34 });
    // The four workers together use about one core (GIL-serialised).
    const workers = f2.rows.slice(1).reduce((s, r) => s + r.cpuPercent, 0);
    expect(workers).toBeCloseTo(100, 0);
  });
});

describe('shared fixture top-b-H-p-uvicorn-to-thread.txt (top -b -H -n 1 -p PID)', () => {
  it('parses 7 uvicorn threads with the main thread at 99.9 % and 1:27.27 of CPU', () => {
    const { frames, unparsedLines } = parse('top-b-H-p-uvicorn-to-thread.txt');
    expect(unparsedLines).toBe(0);
    expect(frames).toHaveLength(1);
    const f = frameAt(frames, 0);
    expect(f.summary).toMatchObject({
      time: '15:11:34',
      uptime: '1:40',
      load: { one: 1.66, five: 0.58, fifteen: 0.24 },
      taskKind: 'threads',
      tasks: { total: 7, running: 2, sleeping: 5 },
      memKiB: { total: 24683622, free: 24284262, used: 410419, buffCache: 241357 },
    });
    expect(f.rows).toHaveLength(7);
    expect(busiest(f)).toEqual({ pid: 11794, cpu: 99.9 });
    expect(f.rows[0]).toMatchObject({ cpuTimeSeconds: 87.27, virtKiB: 486292, resKiB: 38248 });
    expect(f.rows[1]).toMatchObject({
      pid: 11828,
      state: 'R',
      cpuPercent: 86.7,
      cpuTimeSeconds: 14.45,
    });
    expect(f.rows.map((r) => r.pid)).toEqual([11794, 11828, 11830, 11832, 11829, 11834, 11837]);
  });
});

describe('shared fixture seed000-top-H-p.txt (pasted from a blog: header only, no summary)', () => {
  it('opens an implicit frame at the header and reads 33,59 as 33 h 59 min', () => {
    const { frames, unparsedLines } = parse('seed000-top-H-p.txt');
    expect(unparsedLines).toBe(0);
    expect(frames).toHaveLength(1);
    const f = frameAt(frames, 0);
    expect(f.flavor).toBe('procps');
    expect(f.summary).toEqual({});
    expect(f.rows).toHaveLength(7);
    expect(f.rows[0]).toMatchObject({
      pid: 2865374,
      state: 'R',
      cpuPercent: 99.7,
      memPercent: 12.2,
      cpuTimeSeconds: 33 * 3600 + 59 * 60,
      command: 'uvicorn',
      virtKiB: 4327812,
      resKiB: 925532,
    });
    expect(f.rows[1]?.cpuTimeSeconds).toBe(722.85); // 12:02.85
    // COMMAND may contain spaces; the paste's trailing spaces are not part of it.
    expect(f.rows.filter((r) => r.command === 'JS Helper').map((r) => r.pid)).toEqual([
      2865422, 2865423, 2865424,
    ]);
    expect(f.rows[6]).toMatchObject({ pid: 2865441, command: 'uvicorn', cpuTimeSeconds: 0.09 });
  });
});

describe('shared fixture seed000-top-host.txt (pasted: trailing spaces, "  " blank line)', () => {
  it('reads the 34,58 TIME+ as 125880 s and the multi-day uptime', () => {
    const { frames, unparsedLines } = parse('seed000-top-host.txt');
    expect(unparsedLines).toBe(0);
    expect(frames).toHaveLength(1);
    const f = frameAt(frames, 0);
    expect(f.summary).toEqual({
      time: '11:16:55',
      uptime: '15 days, 12:18',
      users: 10,
      load: { one: 1.38, five: 1.29, fifteen: 1.17 },
      taskKind: 'tasks',
      tasks: { total: 151, running: 2, sleeping: 149, stopped: 0, zombie: 0 },
      cpu: { us: 50.8, sy: 1.6, ni: 0, id: 47.6, wa: 0, hi: 0, si: 0, st: 0 },
      // 7397.3 MiB = 7574835.2 KiB, …, 3781.2 MiB avail = 3871948.8 KiB
      memKiB: { total: 7574835, free: 1926554, used: 3702886, buffCache: 2243686 },
      swapKiB: { total: 0, free: 0, used: 0, availMem: 3871949 },
    });
    expect(f.rows).toHaveLength(8);
    expect(f.rows[0]).toMatchObject({
      pid: 2865374,
      cpuPercent: 101.6,
      cpuTimeSeconds: 125880,
      command: 'uvicorn',
    });
    expect(busiest(f)).toEqual({ pid: 2865374, cpu: 101.6 });
    const redis = f.rows.find((r) => r.pid === 1926);
    expect(redis).toMatchObject({
      user: 'nginx',
      command: 'redis-server',
      cpuTimeSeconds: 5446.38,
    });
    expect(f.rows.at(-1)).toMatchObject({ pid: 1, command: 'systemd', cpuTimeSeconds: 56.12 });
  });
});
