/**
 * Captures recorded on a Debian 12 box with procps-ng 4.0.2 and BusyBox 1.35.0
 * (commands in test/fixtures/top/README.md). Expected values are read off the files.
 */
import { describe, expect, it } from 'vitest';
import { parseTopText, type TopFrame } from '../../../../shared/parsers/top';
import { readLocalFixture } from '../../fixturePath';

function parse(name: string): { frames: TopFrame[]; unparsedLines: number } {
  return parseTopText(readLocalFixture('top', name));
}

function only(name: string, count = 1): TopFrame[] {
  const { frames, unparsedLines } = parse(name);
  expect(unparsedLines).toBe(0);
  expect(frames).toHaveLength(count);
  return frames;
}

function frame(frames: TopFrame[], i: number): TopFrame {
  const f = frames[i];
  if (!f) throw new Error(`no frame ${i}`);
  return f;
}

const DEFAULT_COLUMNS = ['PID', 'USER', 'PR', 'NI', 'VIRT', 'RES', 'SHR', 'S', '%CPU', '%MEM'];

describe('procps-ng 4.0.2 recordings', () => {
  it('host-n2.txt: two host frames, a multi-threaded process above 100 % (Irix mode)', () => {
    const frames = only('host-n2.txt', 2);
    const [f1, f2] = [frame(frames, 0), frame(frames, 1)];
    expect(f1.summary).toEqual({
      time: '07:43:50',
      uptime: '5 min',
      users: 0,
      load: { one: 0.49, five: 0.57, fifteen: 0.28 },
      taskKind: 'tasks',
      tasks: { total: 70, running: 1, sleeping: 69, stopped: 0, zombie: 0 },
      cpu: { us: 0, sy: 0, ni: 0, id: 100, wa: 0, hi: 0, si: 0, st: 0 },
      memKiB: { total: 24684134, free: 24018637, used: 388608, buffCache: 563405 },
      swapKiB: { total: 0, free: 0, used: 0, availMem: 24295424 },
    });
    expect(f1.rows).toHaveLength(70);
    expect(f2.rows).toHaveLength(70);
    expect(f1.rows[0]).toMatchObject({ pid: 7003, cpuPercent: 106.7, cpuTimeSeconds: 6.45 });
    expect(f1.rows[1]).toMatchObject({ pid: 7027, state: 'R', command: 'top', cpuPercent: 6.7 });
    expect(f2.summary.cpu).toMatchObject({ us: 49.6, sy: 1.5, id: 48.9 });
    expect(f2.rows[0]).toMatchObject({ pid: 7003, cpuPercent: 96.1, cpuTimeSeconds: 6.94 });
  });

  it('threads-H-p-spin.txt: three spinning threads share one core under the GIL', () => {
    const frames = only('threads-H-p-spin.txt', 2);
    const f1 = frame(frames, 0);
    expect(f1.summary.taskKind).toBe('threads');
    expect(f1.summary.tasks).toEqual({ total: 5, running: 2, sleeping: 3, stopped: 0, zombie: 0 });
    const f2 = frame(frames, 1);
    expect(f2.summary.cpu).toEqual({
      us: 63.4,
      sy: 3.9,
      ni: 0,
      id: 30.6,
      wa: 1.3,
      hi: 0,
      si: 0.4,
      st: 0.4,
    });
    expect(f2.rows.map((r) => [r.pid, r.state, r.cpuPercent, r.cpuTimeSeconds])).toEqual([
      [7003, 'S', 97, 8.08],
      [7006, 'S', 34.7, 2.65],
      [7007, 'R', 32.7, 2.64],
      [7005, 'S', 31.7, 2.76],
      [7008, 'S', 0, 0],
    ]);
    const spinners = f2.rows.slice(1, 4).reduce((s, r) => s + r.cpuPercent, 0);
    expect(spinners).toBeCloseTo(99.1, 5);
  });

  it('scale-Ek-ek.txt: KiB summary and plain KiB task memory', () => {
    const f = frame(only('scale-Ek-ek.txt'), 0);
    expect(f.summary.memKiB).toEqual({
      total: 24684092,
      free: 23975324,
      used: 416996,
      buffCache: 578320,
    });
    expect(f.summary.swapKiB).toEqual({ total: 0, free: 0, used: 0, availMem: 24267096 });
    expect(f.rows[0]).toMatchObject({
      virtKiB: 311988,
      resKiB: 9160,
      shrKiB: 5608,
      cpuPercent: 86.7,
    });
  });

  it('scale-Eg-em.txt: GiB summary, MiB-suffixed task memory', () => {
    const f = frame(only('scale-Eg-em.txt'), 0);
    // 23.5 GiB = 24641536 KiB; 22.9 GiB = 24012390.4; 0.4 GiB = 419430.4; 0.6 GiB = 629145.6
    expect(f.summary.memKiB).toEqual({
      total: 24641536,
      free: 24012390,
      used: 419430,
      buffCache: 629146,
    });
    expect(f.summary.swapKiB?.availMem).toBe(24222106); // 23.1 GiB
    // 304.7m = 312012.8 KiB, 8.9m = 9113.6, 5.5m = 5632
    expect(f.rows[0]).toMatchObject({
      virtKiB: 312013,
      resKiB: 9114,
      shrKiB: 5632,
      cpuPercent: 100,
    });
  });

  it('scale-Ee-eg.txt: EiB summary rounds to 0.0, g-suffixed task memory', () => {
    const f = frame(only('scale-Ee-eg.txt'), 0);
    expect(f.summary.memKiB).toEqual({ total: 0, free: 0, used: 0, buffCache: 0 });
    expect(f.rows[0]).toMatchObject({ virtKiB: 314573, resKiB: 0, shrKiB: 0, cpuPercent: 87.5 });
  });

  it('scale-Et-et-H.txt: TiB summary and t-suffixed thread memory', () => {
    const f = frame(only('scale-Et-et-H.txt'), 0);
    expect(f.summary.taskKind).toBe('threads');
    expect(f.rows).toHaveLength(5);
    expect(f.rows.every((r) => r.virtKiB === 0 && r.resKiB === 0 && r.shrKiB === 0)).toBe(true);
    expect(f.rows[1]).toMatchObject({ pid: 7007, state: 'R', cpuPercent: 37.5 });
  });

  it('width-80.txt and width-512.txt: COMMAND truncated with + only in the narrow one', () => {
    const narrow = frame(only('width-80.txt'), 0);
    const wide = frame(only('width-512.txt'), 0);
    expect(narrow.rows).toHaveLength(77);
    expect(wide.rows).toHaveLength(77);
    const n1 = narrow.rows.find((r) => r.pid === 3);
    const w1 = wide.rows.find((r) => r.pid === 3);
    expect(n1).toMatchObject({ command: 'pool_work+', commandTruncated: true });
    expect(w1?.command).toBe('pool_workqueue_release');
    expect(w1?.commandTruncated).toBeUndefined();
    expect(wide.rows.find((r) => r.pid === 1)?.command).toBe('process_api');
    expect(wide.columns.slice(0, 10)).toEqual(DEFAULT_COLUMNS);
  });

  it('cmdline-c-w512.txt: full command lines with spaces', () => {
    const f = frame(only('cmdline-c-w512.txt'), 0);
    expect(f.rows.map((r) => [r.pid, r.command])).toEqual([
      [7003, '/usr/bin/python3 /tmp/spin.py'],
      [7180, 'sleep 600'],
    ]);
  });

  it('de_DE-H-p-spin.txt: German labels, comma decimals, TIME+ still with a dot', () => {
    const frames = only('de_DE-H-p-spin.txt', 2);
    const f1 = frame(frames, 0);
    expect(f1.columns).toEqual([...DEFAULT_COLUMNS, 'ZEIT+', 'BEFEHL']);
    expect(f1.summary).toMatchObject({
      load: { one: 0.49, five: 0.57, fifteen: 0.28 },
      taskKind: 'threads',
      cpu: { us: 0, id: 100 },
      // "MiB Spch:  24105,6 total,  23351,9 free,    463,4 used,    570,2 buff/cache"
      memKiB: { total: 24684134, free: 23912346, used: 474522, buffCache: 583885 },
      swapKiB: { availMem: 24209613 }, // "23642,2 avail Spch"
    });
    expect(f1.rows[0]).toMatchObject({
      pid: 7003,
      cpuPercent: 99.9,
      memPercent: 0,
      cpuTimeSeconds: 9.32,
    });
    expect(f1.rows[1]).toMatchObject({
      pid: 7005,
      state: 'R',
      cpuPercent: 33.3,
      command: 'python3',
    });
    const f2 = frame(frames, 1);
    expect(f2.summary.cpu).toEqual({
      us: 96.1,
      sy: 3.1,
      ni: 0,
      id: 0.8,
      wa: 0,
      hi: 0,
      si: 0,
      st: 0,
    });
    expect(f2.rows[0]).toMatchObject({ cpuPercent: 98, cpuTimeSeconds: 9.81 });
  });

  it('de_DE-host-w120.txt: German host frame', () => {
    const f = frame(only('de_DE-host-w120.txt'), 0);
    expect(f.rows).toHaveLength(77);
    expect(f.summary.cpu).toMatchObject({ us: 66.7, sy: 33.3 });
    expect(f.rows[1]).toMatchObject({
      pid: 7053,
      command: 'node',
      cpuPercent: 100,
      memPercent: 0.6,
    });
  });

  it('percpu-1-w200-H-p.txt: -1 at width 200 puts two CPUs, and Mem and Swap, side by side', () => {
    const frames = only('percpu-1-w200-H-p.txt', 2);
    const f = frame(frames, 1);
    expect(f.summary.cpu).toBeUndefined();
    expect(f.summary.perCpu).toEqual([
      { label: 'cpu0', us: 54.7, sy: 4.7, ni: 0, id: 39.1, wa: 1.6, hi: 0, si: 0, st: 0 },
      { label: 'cpu1', us: 54.7, sy: 3.1, ni: 0, id: 42.2, wa: 0, hi: 0, si: 0, st: 0 },
    ]);
    expect(f.summary.memKiB).toEqual({
      total: 24684134,
      free: 23861350,
      used: 606310,
      buffCache: 501248,
    });
    expect(f.summary.swapKiB).toEqual({ total: 0, free: 0, used: 0, availMem: 24077824 });
    expect(f.rows.map((r) => r.pid)).toEqual([7003, 7005, 7007, 7006, 7008]);
  });

  it('percpu-1-p.txt: -1 at width 80 shows only %Cpu0 of two CPUs and no Swap line', () => {
    const f = frame(only('percpu-1-p.txt'), 0);
    expect(f.summary.perCpu?.map((c) => c.label)).toEqual(['cpu0']);
    expect(f.summary.swapKiB).toBeUndefined();
    expect(f.summary.memKiB?.total).toBe(24684134);
    expect(f.rows[0]).toMatchObject({ pid: 7003, cpuPercent: 93.3, cpuTimeSeconds: 412.78 });
  });

  it('pty-H-p-spin.txt: \\r\\n line endings from a PTY (script -q)', () => {
    const f = frame(only('pty-H-p-spin.txt'), 0);
    expect(f.summary.cpu?.us).toBe(100);
    expect(f.rows).toHaveLength(5);
    expect(f.rows[0]).toMatchObject({ pid: 7003, cpuPercent: 93.8, cpuTimeSeconds: 20.43 });
    expect(f.rows.every((r) => r.command === 'python3')).toBe(true);
  });
});

describe('BusyBox 1.35.0 recordings', () => {
  it('busybox-n2.txt: Mem:/CPU:/Load average: frames with no blank line between them', () => {
    const frames = only('busybox-n2.txt', 2);
    const [f1, f2] = [frame(frames, 0), frame(frames, 1)];
    expect(f1.flavor).toBe('busybox');
    expect(f1.summary).toEqual({
      memKiB: { total: 805596 + 23878496, free: 23878496, used: 805596, buffCache: 9804 + 439248 },
      cpu: { us: 50, sy: 0, ni: 0, id: 50, wa: 0, hi: 0, si: 0, st: 0 },
      load: { one: 1.11, five: 0.7, fifteen: 0.33 },
      entities: { running: 2, total: 98 },
      lastPid: 7186,
    });
    expect(f1.columns).toEqual(['PID', 'PPID', 'USER', 'STAT', 'VSZ', '%VSZ', '%CPU', 'COMMAND']);
    expect(f1.rows).toHaveLength(78);
    expect(f2.rows).toHaveLength(79);
    // busybox %CPU is a share of the whole 2-core machine: one pegged core shows 50 %.
    expect(f1.rows[0]).toEqual({
      pid: 7003,
      ppid: 1,
      user: 'root',
      priority: '',
      nice: 0,
      virtKiB: 304 * 1024,
      resKiB: null,
      shrKiB: null,
      state: 'S',
      cpuPercent: 50,
      memPercent: null,
      vszPercent: 1,
      cpuTimeSeconds: null,
      command: '/usr/bin/python3 /tmp/spin.py',
    });
    expect(f1.rows[1]?.command).toBe(
      '/usr/bin/python3 -m uvicorn app:app --host 127.0.0.1 --port 18000 --workers 1 --log-level warning',
    );
    expect(f1.rows.some((r) => r.state === 'IW' && r.command.startsWith('[kworker/'))).toBe(true);
    expect(f2.summary.cpu).toMatchObject({ us: 69, sy: 5, id: 24 });
    expect(f2.rows[1]).toMatchObject({
      pid: 7169,
      virtKiB: 619 * 1024,
      vszPercent: 2,
      cpuPercent: 21,
    });
  });

  it('busybox-H-n1.txt: threads listed with their process command line', () => {
    const f = frame(only('busybox-H-n1.txt'), 0);
    expect(f.rows).toHaveLength(115);
    expect(f.summary).toMatchObject({ entities: { running: 3, total: 115 }, lastPid: 7214 });
    expect(f.rows[0]).toMatchObject({ pid: 7005, state: 'R', cpuPercent: 18, ppid: 1 });
  });
});
