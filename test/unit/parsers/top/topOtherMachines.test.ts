/**
 * `top` as other machines print it: every procps field shown (recorded here, see
 * test/fixtures/top/README.md), Android's toybox, busybox on routers and BMCs, procps 3.2 and
 * 4.0.4 (quoted in public issue trackers, see test/fixtures/top/issues/README.md).
 */
import { describe, expect, it } from 'vitest';
import { parseTopText, type TopFrame, type TopRow } from '../../../../shared/parsers/top';
import { readLocalFixture } from '../../fixturePath';

function frames(...path: string[]): TopFrame[] {
  const { frames: all, unparsedLines } = parseTopText(readLocalFixture('top', ...path));
  expect(unparsedLines).toBe(0);
  return all;
}

function first(...path: string[]): TopFrame {
  const f = frames(...path)[0];
  if (!f) throw new Error(`no frame in ${path.join('/')}`);
  return f;
}

function rowOf(frame: TopFrame, pid: number): TopRow {
  const row = frame.rows.find((r) => r.pid === pid);
  if (!row) throw new Error(`no row ${pid}`);
  return row;
}

describe('procps-ng 4.0.2 with every field shown (toprc in the fixture folder)', () => {
  it('all-fields-w512.txt: 73 columns, TIME+ not overwritten by TIME, no row dropped', () => {
    const all = frames('all-fields-w512.txt');
    expect(all).toHaveLength(2);
    for (const f of all) {
      expect(f.columns).toHaveLength(73);
      expect(f.rows.map((r) => r.pid)).toEqual([15036, 15037, 15038]);
    }
    const busy = rowOf(all[0] as TopFrame, 15036);
    // TIME+ 0:01.81 beside TIME 0:01: the hundredths come from TIME+.
    expect(busy).toMatchObject({
      command: 'busy w+',
      commandTruncated: true,
      cpuPercent: 18.5,
      cpuTimeSeconds: 1.81,
      ppid: 1,
      lastCpu: 1,
    });
    expect(busy.extra).toMatchObject({ TIME: '0:01', ENVIRON: 'PATH=/+', TGID: '15036' });
    expect(rowOf(all[1] as TopFrame, 15036).cpuTimeSeconds).toBe(2.04);
  });

  it('all-fields-H-w512.txt: the three threads of the busy process', () => {
    const f = first('all-fields-H-w512.txt');
    expect(f.rows.map((r) => [r.pid, r.state, r.cpuPercent, r.cpuTimeSeconds])).toEqual([
      [15036, 'S', 21.1, 6.94],
      [15051, 'R', 10.5, 3.43],
      [15052, 'S', 5.3, 3.42],
    ]);
  });

  it('time-cgroups-environ-w512.txt: ENVIRON and CGROUPS values with spaces keep their row', () => {
    const all = frames('time-cgroups-environ-w512.txt');
    expect(all).toHaveLength(2);
    const f = all[0] as TopFrame;
    expect(f.columns.slice(-4)).toEqual(['COMMAND', 'TIME', 'CGROUPS', 'ENVIRON']);
    expect(f.rows).toHaveLength(3);
    const busy = rowOf(f, 15036);
    expect(busy).toMatchObject({ command: 'busy worker', cpuPercent: 16, cpuTimeSeconds: 5.76 });
    expect(busy.extra).toEqual({
      TIME: '0:05',
      CGROUPS: '8:pids:/on call,4:memory:/on call',
      ENVIRON: 'PATH=/usr/bin:/bin PS4=+  GREETING=hello wide world LANG=C.UTF-8',
    });
    expect(rowOf(f, 15037).extra?.['ENVIRON']).toBe(
      'PATH=/usr/bin:/bin HOME=/tmp MOTD=on call tonight',
    );
    expect(rowOf(f, 15038).extra?.['ENVIRON']).toBe('-');
    const busiest = [...f.rows].sort((a, b) => b.cpuPercent - a.cpuPercent)[0];
    expect(busiest?.pid).toBe(15036);
  });
});

describe("Android's toybox top", () => {
  it('toybox-333-H-android.txt: top -H, S[%CPU] header, 800%cpu summary, a thread name with a space', () => {
    const f = first('issues', 'toybox-333-H-android.txt');
    expect(f.flavor).toBe('toybox');
    expect(f.columns).toEqual(
      'TID USER PR NI VIRT RES SHR S %CPU %MEM TIME+ THREAD PROCESS'.split(' '),
    );
    expect(f.summary).toMatchObject({
      taskKind: 'threads',
      tasks: { total: 126, running: 3, sleeping: 123, stopped: 0, zombie: 0 },
      cpuCount: 8,
      cpu: { us: 65.9, ni: 1.8, sy: 10.6, id: 19.5, wa: 0, hi: 1.8, si: 0.5, st: 0 },
      memKiB: { total: 7603288, used: 6278480, free: 1324808 },
      swapKiB: { total: 6291452, used: 1072264, free: 5219188 },
    });
    expect(f.rows).toHaveLength(8);
    expect(rowOf(f, 24420)).toMatchObject({
      command: 'Runtime worker',
      priority: '0',
      nice: -20,
      virtKiB: Math.round(7.4 * 1024 * 1024),
      resKiB: 226 * 1024,
      state: 'S',
      cpuPercent: 258,
      memPercent: 3,
      extra: { PROCESS: 'com.hello.im' },
    });
    expect(rowOf(f, 24483)).toMatchObject({ command: 'RxSchedulerPurg', cpuPercent: 366 });
  });

  it('toybox-352-o-fields-android12.txt: NI[%CPU]S header, PCY/CMD/NAME columns, M units', () => {
    const f = first('issues', 'toybox-352-o-fields-android12.txt');
    expect(f.flavor).toBe('toybox');
    expect(f.columns).toEqual('PID PPID USER PR NI %CPU S VIRT RES PCY CMD NAME'.split(' '));
    expect(f.summary.memKiB).toMatchObject({ total: 11258 * 1024, used: 9158 * 1024 });
    // The report is about these impossible figures: kept as printed, scaled to the machine.
    expect(f.summary.cpu?.sy).toBeCloseTo((1615 / 800) * 100, 1);
    expect(f.rows.map((r) => [r.pid, r.ppid, r.cpuPercent, r.state, r.command])).toEqual([
      [5517, 1, 125, 'S', 'adbd'],
      [1718, 1027, 103, 'S', 'system_server'],
      [13007, 7617, 44.6, 'R', 'top'],
      [31741, 1030, 36.1, 'R', 'com.jifen.qukan'],
    ]);
    expect(rowOf(f, 1718).extra).toEqual({ PCY: 'fg', NAME: 'system_server' });
  });
});

describe('busybox and older or newer procps, from issue trackers', () => {
  it('busybox-rancheros-39.txt: command lines with spaces, %VSZ over 100, a huge cached', () => {
    const f = first('issues', 'busybox-rancheros-39.txt');
    expect(f.flavor).toBe('busybox');
    expect(f.rows).toHaveLength(17);
    expect(rowOf(f, 1)).toMatchObject({
      command: 'docker -d -s overlay -b none --restart',
      vszPercent: 118,
      virtKiB: 700 * 1024,
    });
    expect(rowOf(f, 530).command).toBe('sshd: rancher [priv]');
    expect(f.summary.memKiB?.buffCache).toBe(139914323006485);
  });

  it('busybox-smp-openbmc-881.txt: the CPU column of busybox built with SMP support', () => {
    const f = first('issues', 'busybox-smp-openbmc-881.txt');
    expect(f.rows.map((r) => [r.pid, r.lastCpu, r.cpuPercent, r.command])).toEqual([
      [518, 0, 1, '/usr/bin/adcsensor'],
      [1912, 3, 1, 'top'],
    ]);
  });

  it('procps-3.2-baidu-64.txt: "Cpu(s): 21.7% us", k units, TIME+ past 100 minutes', () => {
    const f = first('issues', 'procps-3.2-baidu-64.txt');
    expect(f.summary.cpu).toMatchObject({ us: 21.7, sy: 5.4, ni: 2.2, id: 69.4, si: 1.3 });
    expect(f.summary.memKiB).toMatchObject({ total: 65968872, used: 58338664 });
    expect(f.rows).toHaveLength(6);
    expect(rowOf(f, 2729)).toMatchObject({
      cpuTimeSeconds: 11473 * 60 + 56,
      virtKiB: 5740 * 1024,
      command: 'hhvm_bin',
    });
  });

  it('procps-4.0.4-cinnamon-1623.txt: "sleep" and "d-sleep" task counts, 7-digit PIDs', () => {
    const f = first('issues', 'procps-4.0.4-cinnamon-1623.txt');
    expect(f.summary.tasks).toEqual({
      total: 413,
      running: 1,
      sleeping: 309,
      stopped: 0,
      zombie: 103,
      dsleep: 0,
    });
    expect(rowOf(f, 3575567)).toMatchObject({ command: 'top', cpuPercent: 17.7 });
    expect(rowOf(f, 4).command).toBe('kworker/R-kvfree_rcu_reclaim');
  });
});

describe('other locales, recorded here (procps-ng 4.0.2 catalogues, decimal commas)', () => {
  it('fr_FR-H-p-busy.txt: French labels read by their place, swap ("Éch") not taken for memory', () => {
    const all = frames('fr_FR-H-p-busy.txt');
    expect(all).toHaveLength(2);
    const f = all[0] as TopFrame;
    expect(f.columns).toEqual('PID UTIL. PR NI VIRT RES SHR S %CPU %MEM TEMPS+ COM.'.split(' '));
    expect(f.summary).toMatchObject({
      load: { one: 20.7, five: 20.62, fifteen: 15.03 },
      taskKind: 'threads',
      tasks: { total: 3, running: 2, sleeping: 1, stopped: 0, zombie: 0 },
      cpu: { us: 71.4, sy: 28.6, id: 0 },
      memKiB: {
        total: Math.round(24105.2 * 1024),
        free: Math.round(21291.9 * 1024),
        used: Math.round(1689.0 * 1024),
        buffCache: Math.round(1443.0 * 1024),
      },
      swapKiB: { total: 0, free: 0, used: 0, availMem: Math.round(22416.2 * 1024) },
    });
    expect(f.rows.map((r) => [r.pid, r.user, r.cpuPercent, r.cpuTimeSeconds, r.command])).toEqual([
      [13731, 'root', 21.1, 0.82, 'busy work+'],
      [14900, 'root', 15.8, 0.38, 'busy work+'],
      [14869, 'root', 10.5, 0.37, 'busy work+'],
    ]);
  });

  it('uk_UA-p-w160.txt: Ukrainian summary labels are counted as not understood, rows still read', () => {
    const { frames: all, unparsedLines } = parseTopText(
      readLocalFixture('top', 'uk_UA-p-w160.txt'),
    );
    expect(unparsedLines).toBe(4); // Завдання, %CПроц., МіБ Пам, МіБ Своп: no wrong numbers
    const f = all[0] as TopFrame;
    expect(f.summary.load).toEqual({ one: 20.7, five: 20.62, fifteen: 15.03 });
    expect(f.summary.memKiB).toBeUndefined();
    expect(f.rows.map((r) => [r.pid, r.cpuPercent, r.command])).toEqual([
      [13731, 26.3, 'busy worker'],
      [1, 0, 'process_api'],
    ]);
  });
});
