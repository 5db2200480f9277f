/**
 * `ps` recorded on this machine with the nginx lab running (procps-ng 4.0.2; commands in
 * test/fixtures/ps/README.md). Expected values are read off the files.
 */
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  parsePsText,
  pythonKind,
  pythonProcessesFirst,
  type PsRow,
  type PsTable,
} from '../../../../shared/parsers/ps';
import { localFixture, readLocalFixture } from '../../fixturePath';

function table(name: string): PsTable {
  const model = parsePsText(readLocalFixture('ps', name));
  expect(model.unparsedLines).toBe(0);
  expect(model.tablesSeen).toBe(1);
  if (!model.table) throw new Error(`no table in ${name}`);
  return model.table;
}

function row(t: PsTable, pid: number, tid?: number): PsRow {
  const r = t.rows.find((x) => x.pid === pid && (tid === undefined || x.tid === tid));
  if (!r) throw new Error(`no row ${pid}`);
  return r;
}

describe('every recorded ps listing', () => {
  const files = readdirSync(localFixture('ps')).filter((f) => f.endsWith('.txt'));

  it('there are six', () => expect(files).toHaveLength(6));

  it.each(files)('%s: one row per line under the header, nothing unparsed', (name) => {
    const text = readLocalFixture('ps', name);
    const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
    expect(table(name).rows).toHaveLength(lines.length - 1);
  });
});

describe('ps aux', () => {
  const t = table('ps-aux.txt');

  it('maps the BSD columns', () => {
    expect(t.columns).toEqual('USER PID %CPU %MEM VSZ RSS TTY STAT START TIME COMMAND'.split(' '));
    expect(t.kind).toBe('processes');
    expect(row(t, 1)).toMatchObject({
      user: 'root',
      cpuPercent: 0.6,
      memPercent: 0,
      vszKiB: 44436,
      rssKiB: 14804,
      tty: '?',
      stat: 'SLl',
      started: '07:38',
      cpuTimeSeconds: 20,
      name: 'process_api',
      comm: null,
    });
  });

  it('keeps spaces in the command and names nginx by its title', () => {
    expect(row(t, 16129)).toMatchObject({
      user: 'nobody',
      command: 'nginx: worker process',
      name: 'nginx',
    });
    expect(row(t, 16096).command).toBe('/usr/bin/python3 backend.py 36523 backend-3 --delay 1 3');
    expect(row(t, 2)).toMatchObject({ command: '[kthreadd]', name: 'kthreadd', vszKiB: 0 });
  });

  it('puts the Python processes first, busiest first', () => {
    const sorted = pythonProcessesFirst(t.rows);
    const python = sorted.filter((r) => pythonKind(r) !== null);
    expect(python.map((r) => r.pid)).toEqual(
      expect.arrayContaining([16094, 16095, 16096, 16130, 16131, 18149, 18151, 18203]),
    );
    expect(sorted.slice(0, python.length)).toEqual(python);
    expect(sorted[0]).toMatchObject({ pid: 18151, command: expect.stringContaining('-m uvicorn') });
    expect(pythonKind(sorted[0] as PsRow)).toBe('uvicorn');
    const cpus = python.map((r) => r.cpuPercent ?? -1);
    expect(cpus).toEqual([...cpus].sort((a, b) => b - a));
    expect(pythonKind(row(t, 16128))).toBeNull(); // nginx master
  });
});

describe('ps -eo pid,ppid,user,pcpu,pmem,stat,etime,comm,args', () => {
  const t = table('ps-eo-pid-ppid-user-pcpu-pmem-stat-etime-comm-args.txt');

  it('reads comm by the header positions and args as the rest', () => {
    expect(t.columns).toEqual([
      ...['PID', 'PPID', 'USER', '%CPU', '%MEM', 'STAT', 'ELAPSED', 'COMMAND', 'COMMAND'],
    ]);
    expect(row(t, 3)).toMatchObject({
      ppid: 2,
      comm: 'pool_workqueue_',
      command: '[pool_workqueue_release]',
      name: 'pool_workqueue_',
      elapsedSeconds: 55 * 60 + 27,
    });
    expect(row(t, 16129)).toMatchObject({
      ppid: 16128,
      user: 'nobody',
      cpuPercent: 0.1,
      stat: 'S',
      elapsedSeconds: 25,
      comm: 'nginx',
      command: 'nginx: worker process',
    });
    expect(row(t, 18203).elapsedSeconds).toBe(40 * 60 + 43);
  });
});

describe('ps -eo pid,lstart,etimes,time,comm,args', () => {
  it('takes the five tokens of lstart and plain seconds of etimes', () => {
    const t = table('ps-eo-lstart-etimes.txt');
    expect(row(t, 16096)).toMatchObject({
      started: 'Mon Nov 23 08:33:44 2026',
      elapsedSeconds: 26,
      cpuTimeSeconds: 0,
      comm: 'python3',
      command: '/usr/bin/python3 backend.py 36523 backend-3 --delay 1 3',
    });
  });
});

describe('ps -eLf and ps -eLo', () => {
  it('-eLf: one row per thread with LWP and NLWP', () => {
    const t = table('ps-eLf.txt');
    expect(t.kind).toBe('threads');
    const slow = t.rows.filter((r) => r.pid === 16096);
    expect(slow.map((r) => r.tid)).toEqual([16096, 17029, 17054, 17058, 17061]);
    expect(slow.every((r) => r.threads === 5 && r.ppid === 16055 && r.user === 'root')).toBe(true);
    expect(row(t, 16129, 16129)).toMatchObject({ user: 'nobody', cpuPercent: 0, started: '08:33' });
  });

  it('-eLo: unknown columns land in extra', () => {
    const t = table('ps-eLo-wchan.txt');
    expect(row(t, 16129, 16129)).toMatchObject({
      cpuPercent: 0.1,
      stat: 'S',
      command: 'nginx',
      extra: { WCHAN: 'do_epoll_wait' },
    });
  });
});

describe('ps aux in a 100-column PTY', () => {
  it('parses CRLF lines cut at the terminal width', () => {
    const t = table('ps-aux-pty-cols100.txt');
    const r = row(t, 1);
    expect(r.command).toBe('/process_api --firecracker-init --a');
    expect(r.command.endsWith('\r')).toBe(false);
    expect(row(t, 465).command).toBe('top -b -H -d 1 -p 18151');
  });
});
