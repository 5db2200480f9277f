/**
 * Format variants not available on the recording machine, written from the format reference
 * (docs/tool-output-formats.md §1.4, §1.5): older and newer procps summaries,
 * `+` truncation, localisation, unusual columns, busybox builds, terminal noise and framing rules.
 */
import { describe, expect, it } from 'vitest';
import { parseTopText, TopStreamParser, type TopFrame } from '../../../../shared/parsers/top';

const lines = (...ls: string[]): string => ls.join('\n') + '\n';

function one(text: string, unparsed = 0): TopFrame {
  const { frames, unparsedLines } = parseTopText(text);
  expect(unparsedLines).toBe(unparsed);
  expect(frames).toHaveLength(1);
  const f = frames[0];
  if (!f) throw new Error('no frame');
  return f;
}

const HEADER = '  PID USER      PR  NI    VIRT    RES    SHR S  %CPU  %MEM     TIME+ COMMAND';

describe('procps summary variants', () => {
  it('3.3.10 (CentOS 7): KiB units and scaled task memory', () => {
    const f = one(
      lines(
        'top - 11:24:50 up 2 min,  2 users,  load average: 0.23, 0.22, 0.09',
        'Tasks: 112 total,   1 running, 111 sleeping,   0 stopped,   0 zombie',
        '%Cpu(s):  5.9 us,  5.9 sy,  0.0 ni, 88.2 id,  0.0 wa,  0.0 hi,  0.0 si,  0.0 st',
        'KiB Mem :  3861332 total,  3446476 free,   216940 used,   197916 buff/cache',
        'KiB Swap:  2097148 total,  2097148 free,        0 used.  3419356 avail Mem ',
        '',
        '   PID USER      PR  NI    VIRT    RES    SHR S %CPU %MEM     TIME+ COMMAND',
        '  1235 postgres  20   0  125.1m   6.5m   0.0m S  0.0  0.2   0:00.01 postgres',
      ),
    );
    expect(f.summary).toEqual({
      time: '11:24:50',
      uptime: '2 min',
      users: 2,
      load: { one: 0.23, five: 0.22, fifteen: 0.09 },
      taskKind: 'tasks',
      tasks: { total: 112, running: 1, sleeping: 111, stopped: 0, zombie: 0 },
      cpu: { us: 5.9, sy: 5.9, ni: 0, id: 88.2, wa: 0, hi: 0, si: 0, st: 0 },
      memKiB: { total: 3861332, free: 3446476, used: 216940, buffCache: 197916 },
      swapKiB: { total: 2097148, free: 2097148, used: 0, availMem: 3419356 },
    });
    expect(f.rows[0]).toMatchObject({ user: 'postgres', virtKiB: 128102, resKiB: 6656, shrKiB: 0 });
  });

  it('3.3.9 and older: "buffers" on the Mem line, "cached Mem" on the Swap line', () => {
    const f = one(
      lines(
        'top - 09:00:00 up 3 days, 4 min,  2 users,  load average: 1.00, 2.00, 3.00',
        'KiB Mem:   3861332 total,  3446476 used,   414856 free,    12345 buffers',
        'KiB Swap:  2097148 total,        0 used,  2097148 free.   197916 cached Mem',
      ),
    );
    expect(f.summary.uptime).toBe('3 days, 4 min');
    expect(f.summary.users).toBe(2);
    expect(f.summary.memKiB).toEqual({
      total: 3861332,
      free: 414856,
      used: 3446476,
      buffCache: 12345 + 197916,
    });
    expect(f.summary.swapKiB).toEqual({ total: 2097148, free: 2097148, used: 0, availMem: 0 });
  });

  it('3.2 (CentOS 6): "Cpu(s): 0.3%us", "Mem: …k total", k-suffixed values', () => {
    const f = one(
      lines(
        'top - 10:00:00 up 10 days,  3:02,  1 user,  load average: 0.00, 0.01, 0.05',
        'Tasks:  85 total,   1 running,  84 sleeping,   0 stopped,   0 zombie',
        'Cpu(s):  0.3%us,  0.3%sy,  0.0%ni, 99.3%id,  0.0%wa,  0.0%hi,  0.0%si,  0.0%st',
        'Mem:   2061364k total,  1995384k used,    65980k free,   120148k buffers',
        'Swap:  2097148k total,        0k used,  2097148k free,  1250000k cached',
        '',
        '  PID USER      PR  NI  VIRT  RES  SHR S %CPU %MEM    TIME+  COMMAND',
        '    1 root      20   0 19356 1536 1228 S  0.0  0.1   0:01.23 init',
      ),
    );
    expect(f.flavor).toBe('procps');
    expect(f.summary.uptime).toBe('10 days,  3:02');
    expect(f.summary.cpu).toMatchObject({ us: 0.3, sy: 0.3, id: 99.3 });
    expect(f.summary.memKiB).toEqual({
      total: 2061364,
      free: 65980,
      used: 1995384,
      buffCache: 120148 + 1250000,
    });
    expect(f.rows[0]).toMatchObject({ pid: 1, command: 'init', cpuTimeSeconds: 1.23 });
  });

  it('4.0.5+: sleep/d-sleep task counts, "? users", no space after %Cpu(s):', () => {
    const f = one(
      lines(
        'top - 11:24:50 up  1:08,  ? users,  load average: 0.23, 0.22, 0.09',
        'Tasks: 112 total, 1 running, 110 sleep, 1 d-sleep, 0 stopped, 0 zombie',
        '%Cpu(s):100.0 us,  0.0 sy,  0.0 ni,  0.0 id,  0.0 wa,  0.0 hi,  0.0 si,  0.0 st ',
      ),
    );
    expect(f.summary.uptime).toBe('1:08');
    expect(f.summary.users).toBeUndefined();
    expect(f.summary.tasks).toEqual({
      total: 112,
      running: 1,
      sleeping: 110,
      dsleep: 1,
      stopped: 0,
      zombie: 0,
    });
    expect(f.summary.cpu?.us).toBe(100);
  });

  it('values cut by top with a trailing + (prT) are lower bounds and flagged', () => {
    const f = one(
      lines(
        'top - 11:24:50 up 2 min,  2 users,  load average: 0.23, 0.22, 0.09',
        'KiB Mem : 26378547+ total, 25123456+free, 12345678 used, 11234567+buff/cache',
        'KiB Swap:        0 total,        0 free,        0 used. 25876543+avail Mem',
      ),
    );
    expect(f.summary.truncated).toBe(true);
    expect(f.summary.memKiB).toEqual({
      total: 26378547,
      free: 25123456,
      used: 12345678,
      buffCache: 11234567,
    });
    expect(f.summary.swapKiB?.availMem).toBe(25876543);
  });

  it('comma-decimal locale everywhere except TIME+; per-CPU and NUMA lines', () => {
    const f = one(
      lines(
        'top - 07:42:25 up 3 min,  0 user,  load average: 0,75, 0,66, 10,28',
        'Tasks:  72 total,   1 running,  70 sleeping,   0 stopped,   1 zombie',
        '%CPU(s):  5,9 us,  0,0 sy,  0,0 ni, 94,1 id,  0,0 wa,  0,0 hi,  0,0 si,  0,0 st',
        '%Cpu0  : 11,8 us,  0,0 sy,  0,0 ni, 88,2 id,  0,0 wa,  0,0 hi,  0,0 si,  0,0 st',
        '%Cpu1  :  0,0 us,  0,0 sy,  0,0 ni,100,0 id,  0,0 wa,  0,0 hi,  0,0 si,  0,0 st',
        '%Node0 :  5,9 us,  0,0 sy,  0,0 ni, 94,1 id,  0,0 wa,  0,0 hi,  0,0 si,  0,0 st',
        'GiB Spch:     23,5 total,     22,9 free,      0,4 used,      0,6 buff/cache',
        '',
        '  PID USER      PR  NI    VIRT    RES    SHR S  %CPU  %MEM     ZEIT+ BEFEHL',
        '  101 www-dat+  20   0  125,1m  12345   1,2g R 100,0   0,1     34,58 gunicorn: worker',
      ),
    );
    expect(f.summary.load).toEqual({ one: 0.75, five: 0.66, fifteen: 10.28 });
    expect(f.summary.tasks?.zombie).toBe(1);
    expect(f.summary.cpu).toMatchObject({ us: 5.9, id: 94.1 });
    expect(f.summary.perCpu?.map((c) => [c.label, c.us, c.id])).toEqual([
      ['cpu0', 11.8, 88.2],
      ['cpu1', 0, 100],
      ['node0', 5.9, 94.1],
    ]);
    expect(f.summary.memKiB?.total).toBe(24641536);
    expect(f.rows[0]).toMatchObject({
      user: 'www-dat+',
      userTruncated: true,
      virtKiB: 128102,
      shrKiB: 1258291,
      cpuPercent: 100,
      memPercent: 0.1,
      cpuTimeSeconds: 125880,
      command: 'gunicorn: worker',
    });
  });
});

describe('task columns', () => {
  it('maps PPID, P and keeps unknown columns (nTH, WCHAN) as raw extras', () => {
    const f = one(
      lines(
        '    PID  PPID USER      PR  NI    VIRT    RES    SHR S  %CPU  %MEM     TIME+ nTH  P WCHAN      COMMAND',
        '   4242     1 mysql     20   0    2.1g 400000  30000 S 1235   5.0   3d+04h  37  1 do_epoll_+ mysqld --user=mysql',
        '     12     2 root      rt   0       0      0      0 S   0.0   0.0   2W+3D   1  0 -          migration/0',
        '     13     2 root      20   0       ?      ?      ? Z   0.0     ?       ?   1  1 -          [defunct] <x>',
      ),
    );
    expect(f.rows).toHaveLength(3);
    expect(f.rows[0]).toMatchObject({
      pid: 4242,
      ppid: 1,
      lastCpu: 1,
      cpuPercent: 1235,
      cpuTimeSeconds: 3 * 86400 + 4 * 3600,
      virtKiB: 2202010,
      command: 'mysqld --user=mysql',
      extra: { nTH: '37', WCHAN: 'do_epoll_+' },
    });
    expect(f.rows[1]).toMatchObject({ priority: 'rt', cpuTimeSeconds: 2 * 604800 + 3 * 86400 });
    expect(f.rows[2]).toMatchObject({
      virtKiB: null,
      resKiB: null,
      memPercent: null,
      cpuTimeSeconds: null,
      state: 'Z',
      command: '[defunct] <x>',
    });
  });

  it('COMMAND in the middle takes the surplus tokens; columns after it still line up', () => {
    const f = one(
      lines('  PID USER     COMMAND          %CPU', '    7 alice    my long prog      5,5'),
    );
    expect(f.rows[0]).toMatchObject({
      pid: 7,
      user: 'alice',
      command: 'my long prog',
      cpuPercent: 5.5,
    });
  });

  it('an empty COMMAND is accepted, a short or mistyped row is not understood', () => {
    const { frames, unparsedLines } = parseTopText(
      lines(
        HEADER,
        '    1 root      20   0    1000    100     10 S   0.0   0.0   0:00.00',
        '    2 root      20   0    1000    100     10 S   0.0',
        '    3 root      20   0    1000    100     10 S  zero   0.0   0:00.00 x',
        '    4 root      20   0    1000    100     10 S   1.0   0.0   0:00.00 ok',
      ),
    );
    expect(unparsedLines).toBe(2);
    expect(frames[0]?.unparsedLines).toBe(2);
    expect(frames[0]?.rows.map((r) => [r.pid, r.command])).toEqual([
      [1, ''],
      [4, 'ok'],
    ]);
  });
});

describe('busybox variants', () => {
  it('FEATURE_TOP_DECIMALS, SMP CPU column, per-CPU lines, m-suffixed VSZ', () => {
    const f = one(
      lines(
        'Mem: 33652K used, 4116K free, 4K shrd, 3952K buff, 13264K cached',
        'CPU:  0.0% usr  0.4% sys  0.0% nic 99.5% idle  0.0% io  0.0% irq  0.1% sirq',
        'CPU0:  1.0% usr  0.0% sys  0.0% nic 99.0% idle  0.0% io  0.0% irq  0.0% sirq',
        'Load average: 0.00 0.01 0.05 1/58 1593',
        '  PID  PPID USER     STAT   VSZ %VSZ CPU %CPU COMMAND',
        ' 1593  1461 root     R     2332  6.1   0  0.0 top',
        '    1     0 1000     S    2987m  50%   2  12% java -jar app.jar',
      ),
    );
    expect(f.flavor).toBe('busybox');
    expect(f.summary.memKiB).toEqual({ total: 37768, free: 4116, used: 33652, buffCache: 17216 });
    expect(f.summary.cpu).toEqual({
      us: 0,
      sy: 0.4,
      ni: 0,
      id: 99.5,
      wa: 0,
      hi: 0,
      si: 0.1,
      st: 0,
    });
    expect(f.summary.perCpu?.[0]).toMatchObject({ label: 'cpu0', us: 1, id: 99 });
    expect(f.summary).toMatchObject({ entities: { running: 1, total: 58 }, lastPid: 1593 });
    expect(f.rows[0]).toMatchObject({
      pid: 1593,
      ppid: 1461,
      lastCpu: 0,
      vszPercent: 6.1,
      state: 'R',
    });
    expect(f.rows[1]).toMatchObject({
      user: '1000',
      virtKiB: 2987 * 1024,
      vszPercent: 50,
      lastCpu: 2,
      cpuPercent: 12,
      command: 'java -jar app.jar',
    });
  });

  it('older busybox with %MEM instead of %VSZ', () => {
    const f = one(
      lines(
        'Mem: 1000K used, 1000K free, 0K shrd, 0K buff, 0K cached',
        '  PID  PPID USER     STAT   VSZ %MEM %CPU COMMAND',
        '    1     0 root     S     1200  0.5  0.0 init',
      ),
    );
    expect(f.rows[0]).toMatchObject({ memPercent: 0.5, virtKiB: 1200 });
  });
});

describe('framing and terminal noise', () => {
  const FRAME = lines(
    'top - 15:10:02 up  1:39,  0 user,  load average: 0.15, 0.03, 0.04',
    'Threads:   2 total,   1 running,   1 sleeping,   0 stopped,   0 zombie',
    '',
    HEADER,
    '11747 root      20   0  313884  13036   8720 R  99.9   0.1   0:03.33 python3',
    '11750 root      20   0  313884  13036   8720 S   0.0   0.1   0:00.86 python3',
  );

  it('emits a procps frame at its terminating blank line, not later', () => {
    const p = new TopStreamParser();
    expect(p.push(FRAME)).toEqual([]);
    const done = p.push('\n');
    expect(done).toHaveLength(1);
    expect(done[0]?.rows).toHaveLength(2);
    expect(p.end()).toEqual([]);
  });

  it('returns a partial frame from end(), even one without rows or a final newline', () => {
    const p = new TopStreamParser();
    p.push('top - 15:10:02 up  1:39,  0 user,  load average: 0.15, 0.03, 0.04\nThreads:   2 tot');
    const frames = p.end();
    expect(frames).toHaveLength(1);
    expect(frames[0]?.rows).toEqual([]);
    expect(frames[0]?.summary.load?.one).toBe(0.15);
    expect(p.unparsedLines).toBe(1); // "Threads:   2 tot" has no known count
  });

  it('CRLF, lone CR, ANSI colours, NUL bytes and a shell prompt around two frames', () => {
    const noisy =
      'root@host:~# top -b -n 2 -H\r\n' +
      '\x1b[?1h\x1b=\x1b[H\x1b[2J' +
      FRAME.replace(/\n/g, '\r\n').replace('python3', '\x1b[1mpython3\x1b[m\x00') +
      '\r\n' +
      'junk\r' +
      FRAME.replace('S   0.0', 'S\t  0.0');
    const { frames, unparsedLines } = parseTopText(noisy);
    expect(frames).toHaveLength(2);
    // The prompt; "junk" is not a line of its own: after its lone CR the `top -` line overwrites it.
    expect(unparsedLines).toBe(1);
    for (const f of frames) {
      expect(f.unparsedLines).toBe(0);
      expect(f.rows.map((r) => [r.pid, r.command, r.cpuPercent])).toEqual([
        [11747, 'python3', 99.9],
        [11750, 'python3', 0],
      ]);
    }
  });

  it('blank lines between frames are not counted; stray text outside frames is', () => {
    const { frames, unparsedLines } = parseTopText(`\n\n${FRAME}\n\n\n  \nhello\n${FRAME}`);
    expect(frames).toHaveLength(2);
    expect(unparsedLines).toBe(1);
  });

  it('a header seen while rows are read opens a new implicit frame', () => {
    const { frames } = parseTopText(
      lines(HEADER, '1 a 20 0 1 1 1 S 1 1 0:01.00 x', HEADER, '2 b 20 0 1 1 1 S 1 1 0:01.00 y'),
    );
    expect(frames.map((f) => f.rows.map((r) => r.pid))).toEqual([[1], [2]]);
  });

  it('drops a line longer than 64 KiB and counts it, whatever the chunking', () => {
    const text = FRAME + 'x'.repeat(70_000) + '\n' + '1 a 20 0 1 1 1 S 1 1 0:01.00 z\n';
    const once = parseTopText(text);
    expect(once.unparsedLines).toBe(1);
    expect(once.frames[0]?.rows).toHaveLength(3);
    const p = new TopStreamParser();
    const frames: TopFrame[] = [];
    for (let i = 0; i < text.length; i += 4096) frames.push(...p.push(text.slice(i, i + 4096)));
    frames.push(...p.end());
    expect(frames).toEqual(once.frames);
    expect(p.unparsedLines).toBe(1);
    // An unterminated overlong tail is counted by end().
    const q = new TopStreamParser();
    q.push('y'.repeat(70_000));
    expect(q.end()).toEqual([]);
    expect(q.unparsedLines).toBe(1);
  });
});
