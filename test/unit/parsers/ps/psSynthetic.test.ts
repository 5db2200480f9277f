/** Hand-written `ps` cases for what the recordings do not show. */
import { describe, expect, it } from 'vitest';
import {
  parsePsDuration,
  parsePsText,
  programName,
  pythonKind,
  pythonProcessesFirst,
  type PsRow,
} from '../../../../shared/parsers/ps';

const AUX = 'USER         PID %CPU %MEM    VSZ   RSS TTY      STAT START   TIME COMMAND';

function rows(text: string): PsRow[] {
  return parsePsText(text).table?.rows ?? [];
}

describe('durations', () => {
  it.each([
    ['0:15', 15],
    ['25:50', 1550],
    ['00:25:50', 1550],
    ['1-02:03:04', 93784],
    ['2746', 2746],
    ['-', null],
    ['1:2', null],
    ['abc', null],
  ])('%s → %s', (text, seconds) => expect(parsePsDuration(text)).toBe(seconds));
});

describe('program names', () => {
  it.each([
    ['/usr/bin/python3 -m uvicorn app:app', 'python3'],
    ['nginx: master process /usr/sbin/nginx', 'nginx'],
    ['[kworker/0:1-events]', 'kworker/0:1-events'],
    ['gunicorn: worker [app:app]', 'gunicorn'],
    ['[celeryd: celery@web1:MainProcess]', 'celeryd'],
    ['', ''],
  ])('%s → %s', (command, name) => expect(programName(command)).toBe(name));
});

describe('listings', () => {
  it('ps -ef with a start date, "-" values and a zombie', () => {
    const text = [
      'UID          PID    PPID  C STIME TTY          TIME CMD',
      'www-data   812     800 12 Nov23 ?        01:02:03 gunicorn: worker [app:app]',
      'root       900       1  0 2024 pts/0    00:00:00 [sh] <defunct>',
    ].join('\n');
    expect(rows(text)).toEqual([
      expect.objectContaining({
        pid: 812,
        ppid: 800,
        user: 'www-data',
        cpuPercent: 12,
        started: 'Nov23',
        cpuTimeSeconds: 3723,
        name: 'gunicorn',
      }),
      expect.objectContaining({ pid: 900, command: '[sh] <defunct>', name: 'sh', tty: 'pts/0' }),
    ]);
  });

  it('ps -o start prints "Nov 23" (two tokens) for processes older than a day', () => {
    const text = '  PID  STARTED COMMAND\n    1   Nov 23 init\n  200 07:38:43 sshd\n';
    expect(rows(text).map((r) => [r.pid, r.started, r.command])).toEqual([
      [1, 'Nov 23', 'init'],
      [200, '07:38:43', 'sshd'],
    ]);
  });

  it('a comm with a space before args (tmux: server)', () => {
    const text = [
      '  PID COMMAND         COMMAND',
      ' 4242 tmux: server    tmux new -s work',
      ' 4243 bash            -bash',
    ].join('\n');
    expect(rows(text).map((r) => [r.comm, r.command])).toEqual([
      ['tmux: server', 'tmux new -s work'],
      ['bash', '-bash'],
    ]);
  });

  it('a row that does not fit its header is counted, the rest kept', () => {
    const text = [
      AUX,
      'root 12 x.y 0.0 1 1 ? S 07:38 0:00 bad-cpu',
      'root 13 0.0',
      'root 14 0.0 0.0 1 1 ? S 07:38 0:00 ok',
    ].join('\n');
    const model = parsePsText(text);
    expect(model.table?.rows.map((r) => r.pid)).toEqual([14]);
    expect(model.unparsedLines).toBe(2);
    expect(model.table?.unparsedLines).toBe(2);
  });

  it('lines before any header are not understood', () => {
    const model = parsePsText('root 1 0.0 0.0 1 1 ? S 07:38 0:00 init\nhello\n');
    expect(model).toEqual({ table: null, tablesSeen: 0, unparsedLines: 2 });
  });

  it('a second header starts a new listing; an empty one does not hide the last', () => {
    const first = `${AUX}\nroot 1 0.0 0.0 1 1 ? S 07:38 0:00 init\n`;
    const second = `${AUX}\nroot 2 0.0 0.0 1 1 ? S 07:38 0:00 kthreadd\n`;
    expect(parsePsText(first + second).table?.rows.map((r) => r.pid)).toEqual([2]);
    const model = parsePsText(`${first}${AUX}\n`);
    expect(model.tablesSeen).toBe(2);
    expect(model.table?.rows.map((r) => r.pid)).toEqual([1]);
  });

  it('ANSI colours (ps piped through a colouriser) are stripped', () => {
    const text = `\x1b[1m${AUX}\x1b[0m\r\nroot 7 \x1b[31m99.0\x1b[0m 0.0 1 1 ? R 07:38 0:09 python3 spin.py\r\n`;
    expect(rows(text)).toEqual([
      expect.objectContaining({ pid: 7, cpuPercent: 99, command: 'python3 spin.py' }),
    ]);
  });

  it('a header whose name looks like __proto__ is not a header', () => {
    const model = parsePsText('PID __proto__ COMMAND\n1 x init\n');
    expect(model.table).toBeNull();
    expect(Object.getPrototypeOf({})).toBe(Object.prototype);
  });
});

describe('Python detection', () => {
  const r = (
    command: string,
    comm: string | null = null,
  ): Pick<PsRow, 'command' | 'comm' | 'name'> => ({
    command,
    comm,
    name: comm ?? programName(command),
  });

  it.each([
    ['/usr/bin/python3 -m uvicorn app:app --port 8000', 'uvicorn'],
    ['/opt/venv/bin/uvicorn app.main:app', 'uvicorn'],
    ['gunicorn: master [app:app]', 'gunicorn'],
    ['/usr/bin/python3 /usr/bin/gunicorn -w 1 app:app', 'gunicorn'],
    ['python3.11 manage.py runserver 0.0.0.0:8000', 'django'],
    ['./manage.py runserver', 'django'],
    ['python -m django runserver', 'django'],
    ['/venv/bin/celery -A proj worker -l info', 'celery'],
    ['[celeryd: celery@web1:MainProcess]', 'celery'],
    ['/usr/bin/python2.7 /usr/bin/twistd -n web', 'twisted'],
    ['python3 -X dev -W error app.py', 'python'],
    ['pypy3 bench.py', 'python'],
    ['/usr/bin/python3-dbg -c pass', 'python'],
    ['hypercorn app:app', 'hypercorn'],
    ['uwsgi --ini app.ini', 'uwsgi'],
  ])('%s → %s', (command, kind) => expect(pythonKind(r(command))).toBe(kind));

  it.each([
    'vim app.py',
    'grep python',
    'nginx: worker process',
    'bash -c python3 x.py',
    '[kthreadd]',
    'node server.js',
  ])('%s is not Python', (command) => expect(pythonKind(r(command))).toBeNull());

  it('uses comm when the command line was rewritten', () => {
    expect(pythonKind(r('my-service --port 80', 'python3'))).toBe('python');
  });

  it('sorts Python first, then %CPU, then PID and TID, without touching the input', () => {
    const mk = (
      pid: number,
      cpu: number | null,
      command: string,
      tid: number | null = null,
    ): PsRow =>
      ({
        ...rows(`${AUX}\nroot ${pid} 0.0 0.0 1 1 ? S 07:38 0:00 ${command}\n`)[0],
        cpuPercent: cpu,
        tid,
      }) as PsRow;
    const input = [
      mk(1, 90, 'node a.js'),
      mk(5, 1, 'python3 b.py'),
      mk(3, 50, 'uvicorn app:app', 9),
      mk(3, 50, 'uvicorn app:app', 4),
      mk(2, null, 'python3 c.py'),
    ];
    const before = [...input];
    expect(pythonProcessesFirst(input).map((x) => [x.pid, x.tid])).toEqual([
      [3, 4],
      [3, 9],
      [5, null],
      [2, null],
      [1, null],
    ]);
    expect(input).toEqual(before);
  });
});
