/**
 * One line at a time: every line form of tool-output-formats.md §1.6.1, with lines copied from the
 * recordings in test/fixtures/strace (strace 6.1 and 7.2) and test/fixtures/shared.
 */
import { describe, expect, it } from 'vitest';
import {
  extractPath,
  parseResult,
  parseStraceLine,
  parseStraceLineEvents,
  readCString,
  type StraceEvent,
} from '../../../../shared/parsers/strace';

function line(text: string): StraceEvent {
  const ev = parseStraceLine(text);
  if (!ev) throw new Error(`not parsed: ${text}`);
  return ev;
}

describe('complete calls', () => {
  it('bare pid prefix (-o FILE with -f), -tt and -T: the seed-003 loop', () => {
    const ev = line(
      '11735 15:09:54.051055 rename("/srv/lab/app.log.1", "/srv/lab/app.log.2") = -1 ENOENT (No such file or directory) <0.000019>',
    );
    expect(ev).toEqual({
      kind: 'syscall',
      pid: 11735,
      time: 15 * 3600 + 9 * 60 + 54.051055,
      timeRaw: '15:09:54.051055',
      name: 'rename',
      args: '"/srv/lab/app.log.1", "/srv/lab/app.log.2"',
      result: '-1 ENOENT (No such file or directory)',
      retval: -1,
      errno: 'ENOENT',
      errnoText: 'No such file or directory',
      duration: 0.000019,
      path: '/srv/lab/app.log.1',
    });
  });

  it('[pid N] prefix; a socket address as the path of connect', () => {
    const ev = line(
      '[pid 10909] 08:23:42.308061 connect(4, {sa_family=AF_INET, sin_port=htons(8080), sin_addr=inet_addr("127.0.0.1")}, 16) = -1 ECONNREFUSED (Connection refused) <0.000131>',
    );
    expect(ev).toMatchObject({
      kind: 'syscall',
      pid: 10909,
      name: 'connect',
      errno: 'ECONNREFUSED',
      errnoText: 'Connection refused',
      path: '127.0.0.1:8080',
      duration: 0.000131,
    });
  });

  it('`%5u` padding in `[pid  4802]` and a string full of `) = ` and escaped quotes', () => {
    const ev = line(
      '[pid  4802] 08:23:42.303602 write(3, "f(x) = \\"y\\" \\\\\\"quoted\\\\\\" ) = -1 ENOENT (No such file or directory) "..., 93) = 93 <0.000013>',
    );
    expect(ev).toMatchObject({
      kind: 'syscall',
      pid: 4802,
      name: 'write',
      args: '3, "f(x) = \\"y\\" \\\\\\"quoted\\\\\\" ) = -1 ENOENT (No such file or directory) "..., 93',
      result: '93',
      retval: 93,
      errno: null,
      duration: 0.000013,
    });
    expect(ev).not.toHaveProperty('path');
  });

  it('a path with spaces, quotes and parentheses, decoded from C escapes', () => {
    const ev = line(
      '[pid 10910] 08:23:42.303706 openat(AT_FDCWD, "/tmp/stracelab/missing dir/a \\"b\\" (c).txt", O_RDONLY|O_CLOEXEC) = -1 ENOENT (No such file or directory) <0.000026>',
    );
    expect(ev).toMatchObject({ name: 'openat', path: '/tmp/stracelab/missing dir/a "b" (c).txt' });
  });

  it('no prefix, no time, result padded to column 40', () => {
    expect(line('close(4)                    = 0')).toEqual({
      kind: 'syscall',
      pid: null,
      time: null,
      timeRaw: null,
      name: 'close',
      args: '4',
      result: '0',
      retval: 0,
      errno: null,
      duration: null,
    });
  });

  it('-t, -ttt, -r and -t -r time columns', () => {
    expect(line('[pid 10908] 08:23:46 futex(0xa563d8, FUTEX_WAKE_PRIVATE, 1) = 0')).toMatchObject({
      time: 8 * 3600 + 23 * 60 + 46,
      timeRaw: '08:23:46',
    });
    expect(line('[pid 10909] 1795422224.594170 close(4)  = 0 <0.000027>')).toMatchObject({
      time: 1795422224.59417,
      timeRaw: '1795422224.594170',
    });
    const rel = line(
      '[pid 10909]      0.000060 connect(4, {sa_family=AF_INET}, 16) = -1 ECONNREFUSED (Connection refused)',
    );
    expect(rel).toMatchObject({ time: null, timeRaw: null, relative: 0.00006, pid: 10909 });
    const both = line(
      '[pid 10907] 08:23:45 (+     0.000785) <... clock_nanosleep resumed>NULL) = 0',
    );
    expect(both).toMatchObject({ kind: 'resumed', timeRaw: '08:23:45', relative: 0.000785 });
    expect(line('     0.000000 getpid()                = 15948')).toMatchObject({
      pid: null,
      relative: 0,
    });
  });

  it('-n syscall numbers and -i instruction pointers are skipped', () => {
    const ev = line(
      '[pid 10910] 08:23:48.057244 [ 257] [00007fced74c5090] openat(AT_FDCWD, "/tmp/x", O_RDONLY|O_CLOEXEC) = -1 ENOENT (No such file or directory)',
    );
    expect(ev).toMatchObject({ name: 'openat', pid: 10910, path: '/tmp/x', errno: 'ENOENT' });
  });

  it('-Y command names after the pid', () => {
    expect(
      line('[pid 10908<python3>] 08:23:48.561968 futex(0xa563d8, FUTEX_WAKE_PRIVATE, 1) = 0'),
    ).toMatchObject({
      pid: 10908,
      comm: 'python3',
      name: 'futex',
    });
  });

  it('-yy fd decorations: the fd file and a relative path made absolute by the dirfd', () => {
    expect(
      line('[pid 10910] 08:23:47.743353 write(3</dev/null<char 1:3>>, "x", 1) = 1 <0.000007>'),
    ).toMatchObject({ path: '/dev/null', retval: 1 });
    expect(
      line('socket(AF_INET, SOCK_STREAM|SOCK_CLOEXEC, IPPROTO_IP) = 4<TCP:[196280]> <0.000030>'),
    ).toMatchObject({
      retval: 4,
      result: '4<TCP:[196280]>',
      duration: 0.00003,
    });
    expect(
      line('openat(AT_FDCWD</srv/app>, "logs/a.log", O_RDONLY) = 3</srv/app/logs/a.log>'),
    ).toMatchObject({
      path: '/srv/app/logs/a.log',
      retval: 3,
    });
  });

  it('-N argument names (strace ≥ 6.16)', () => {
    const ev = line(
      '[pid 15953] 08:33:40.660401 openat(dirfd=AT_FDCWD, pathname="/tmp/a b.txt", flags=O_RDONLY|O_CLOEXEC) = -1 ENOENT (No such file or directory) <0.000014>',
    );
    expect(ev).toMatchObject({ path: '/tmp/a b.txt', errno: 'ENOENT' });
  });

  it('-xx hex strings and octal-escaped UTF-8 in paths', () => {
    expect(
      line('openat(AT_FDCWD, "/tmp/caf\\303\\251 \\346\\227\\245", O_RDONLY) = 3'),
    ).toMatchObject({
      path: '/tmp/café 日',
    });
    expect(line('openat(AT_FDCWD, "\\x2f\\x74\\x6d\\x70", O_RDONLY) = 3')).toMatchObject({
      path: '/tmp',
    });
  });

  it('IPv6 and UNIX socket addresses', () => {
    expect(
      line(
        'connect(5, {sa_family=AF_INET6, sin6_port=htons(53), sin6_flowinfo=htonl(0), inet_pton(AF_INET6, "::1", &sin6_addr), sin6_scope_id=0}, 28) = -1 ECONNREFUSED (Connection refused)',
      ),
    ).toMatchObject({ path: '[::1]:53' });
    expect(
      line(
        'sendto(3, "<14>app: x", 10, 0, {sa_family=AF_UNIX, sun_path="/dev/log"}, 11) = -1 ENOENT (No such file or directory)',
      ),
    ).toMatchObject({ path: '/dev/log' });
    expect(
      line('connect(3, {sa_family=AF_UNIX, sun_path=@"/tmp/.X11-unix/X0"}, 20) = 0'),
    ).toMatchObject({
      path: '@/tmp/.X11-unix/X0',
    });
  });
});

describe('results', () => {
  it.each([
    ['0x7f60a5f44000', { retval: 0x7f60a5f44000, errno: null }],
    ['022', { retval: 0o22 }],
    ['?', { retval: null, errno: null }],
    [
      '? ERESTARTSYS (To be restarted if SA_RESTART is set)',
      { retval: null, errno: 'ERESTARTSYS', errnoText: 'To be restarted if SA_RESTART is set' },
    ],
    ['-1 (errno 523)', { retval: -1, errno: 'errno 523' }],
    ['0 (Timeout)', { retval: 0, errno: null, result: '0 (Timeout)' }],
    ['1 ([{fd=3, revents=POLLIN}])', { retval: 1, errno: null }],
    [
      '-1 EAGAIN (Resource temporarily unavailable) <0.000034>',
      {
        errno: 'EAGAIN',
        duration: 0.000034,
        result: '-1 EAGAIN (Resource temporarily unavailable)',
      },
    ],
    ['0xffffffffffffffff', { retval: null }],
    ['? <unavailable>', { retval: null, errno: null, duration: null }],
  ])('= %s', (text, expected) => {
    expect(parseResult(text)).toMatchObject(expected);
  });
});

describe('unfinished, resumed, detached', () => {
  it('strace 6.1 halves (`,  <unfinished ...>` then `<... resumed>NULL)`)', () => {
    expect(
      line(
        '[pid 10910] 08:23:42.294603 clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, {tv_sec=2698, tv_nsec=570016990},  <unfinished ...>',
      ),
    ).toEqual({
      kind: 'unfinished',
      pid: 10910,
      time: 8 * 3600 + 23 * 60 + 42.294603,
      timeRaw: '08:23:42.294603',
      name: 'clock_nanosleep',
      args: 'CLOCK_MONOTONIC, TIMER_ABSTIME, {tv_sec=2698, tv_nsec=570016990},',
    });
    expect(
      line('[pid 10910] 08:23:42.303517 <... clock_nanosleep resumed>NULL) = 0 <0.008802>'),
    ).toMatchObject({
      kind: 'resumed',
      name: 'clock_nanosleep',
      args: 'NULL',
      retval: 0,
      duration: 0.008802,
    });
  });

  it('strace 7.2 halves (`} <unfinished ...>` then `<... resumed>, NULL)`)', () => {
    expect(
      line(
        '[pid 15947] 08:33:40.659851 <... clock_nanosleep resumed>, remain=NULL) = 0 <0.004360>',
      ),
    ).toMatchObject({
      kind: 'resumed',
      args: ', remain=NULL',
    });
  });

  it('a string that contains `<unfinished ...>` is still a complete call', () => {
    expect(line('write(1, "x <unfinished ...>", 18) = 18')).toMatchObject({
      kind: 'syscall',
      retval: 18,
    });
  });

  it('killed inside a call: `<... resumed> <unfinished ...>) = ?`', () => {
    expect(
      line('[pid 16306] 08:33:49.504184 <... clock_nanosleep resumed> <unfinished ...>) = ?'),
    ).toMatchObject({
      kind: 'resumed',
      name: 'clock_nanosleep',
      args: '',
      retval: null,
      result: '?',
    });
  });

  it('`<detached ...>` ends a call for good (-o FILE)', () => {
    expect(
      line(
        '10909 08:23:44.562546 clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, {tv_sec=2700, tv_nsec=849185131},  <detached ...>',
      ),
    ).toMatchObject({ kind: 'unfinished', pid: 10909, detached: true });
    expect(line(' <detached ...>')).toEqual({ kind: 'detach', pid: null, text: '<detached ...>' });
  });

  it('a detach message that cuts a call line on stderr gives the cut call and the message', () => {
    const evs = parseStraceLineEvents('08:23:13.614129 wait4(-1, strace: Process 9718 detached');
    expect(evs).toEqual([
      {
        kind: 'unfinished',
        pid: null,
        time: 8 * 3600 + 23 * 60 + 13.614129,
        timeRaw: '08:23:13.614129',
        name: 'wait4',
        args: '-1,',
        detached: true,
      },
      { kind: 'detach', pid: 9718, text: 'Process 9718 detached' },
    ]);
    const v7 = parseStraceLineEvents(
      '1795422855.319633 sendto(3, "<12>app: rotating log handler fa"..., 47, 0, {sa_family=AF_INET}, 16/tmp/strace-git/src/strace: Process 17243 detached',
    );
    expect(v7.map((e) => e.kind)).toEqual(['unfinished', 'detach']);
    expect(v7[0]).toMatchObject({
      args: '3, "<12>app: rotating log handler fa"..., 47, 0, {sa_family=AF_INET}, 16',
    });
  });
});

describe('signals, exits, messages', () => {
  it('signals', () => {
    expect(
      line(
        '08:33:48.302576 --- SIGCHLD {si_signo=SIGCHLD, si_code=CLD_EXITED, si_pid=16307, si_uid=0, si_status=0, si_utime=0, si_stime=0} ---',
      ),
    ).toEqual({
      kind: 'signal',
      pid: null,
      time: 8 * 3600 + 33 * 60 + 48.302576,
      timeRaw: '08:33:48.302576',
      signal: 'SIGCHLD',
      info: '{si_signo=SIGCHLD, si_code=CLD_EXITED, si_pid=16307, si_uid=0, si_status=0, si_utime=0, si_stime=0}',
    });
    expect(line('[pid 7] --- stopped by SIGSTOP ---')).toMatchObject({
      signal: 'SIGSTOP',
      info: 'stopped by',
      pid: 7,
    });
    expect(line('--- SIGRT_1 {si_signo=SIGRT_1, si_code=SI_TKILL} ---')).toMatchObject({
      signal: 'SIGRT_1',
    });
  });

  it('exits', () => {
    expect(line('[pid 15920] 08:33:35.819419 +++ exited with 0 +++')).toMatchObject({
      kind: 'exit',
      pid: 15920,
      code: 0,
      killedBy: null,
    });
    expect(line('[pid 16314] 08:33:49.504319 +++ killed by SIGKILL +++')).toMatchObject({
      code: null,
      killedBy: 'SIGKILL',
    });
    expect(line('+++ killed by SIGSEGV (core dumped) +++')).toMatchObject({
      killedBy: 'SIGSEGV',
      coreDumped: true,
    });
    expect(line('[pid 5] +++ superseded by execve in pid 7 +++')).toMatchObject({
      supersededBy: 7,
    });
    expect(parseStraceLine('+++ exited with 0')).toBeNull();
  });

  it('attach and detach chatter, with strace 7.2 printing its own path', () => {
    expect(line('strace: Process 10893 attached with 5 threads')).toEqual({
      kind: 'attach',
      pid: 10893,
      text: 'Process 10893 attached with 5 threads',
      threads: 5,
    });
    expect(line('/tmp/strace-git/src/strace: Process 15947 detached')).toEqual({
      kind: 'detach',
      pid: 15947,
      text: 'Process 15947 detached',
    });
  });

  it('attach failures', () => {
    expect(line('strace: attach: ptrace(PTRACE_SEIZE, 1): Operation not permitted')).toEqual({
      kind: 'message',
      pid: 1,
      text: 'attach: ptrace(PTRACE_SEIZE, 1): Operation not permitted',
      error: 'Operation not permitted',
    });
    expect(line('strace: attach: ptrace(PTRACE_SEIZE, 999999): No such process')).toMatchObject({
      pid: 999999,
      error: 'No such process',
    });
    expect(line('/usr/bin/strace: process 1 may be owned by a different user')).toMatchObject({
      kind: 'message',
      pid: 1,
    });
  });
});

describe('terminal noise and what is not strace', () => {
  it('strace 7.2 colours on a PTY, with \\r', () => {
    const colored =
      '\x1b[0m[\x1b[35mpid 15953\x1b[0m]\x1b[35m 08:33:38.427434 \x1b[33mopenat\x1b[0m(\x1b[35m\x1b[34mAT_FDCWD\x1b[35m\x1b[0m, \x1b[35m"/tmp/stracelab/missing dir/a \\"b\\" (c).txt"\x1b[0m, \x1b[35m\x1b[34mO_RDONLY|O_CLOEXEC\x1b[35m\x1b[0m\x1b[0m)\x1b[0m \x1b[0m=\x1b[0m\x1b[0m \x1b[32m-1\x1b[0m \x1b[31mENOENT\x1b[0m \x1b[31m(No such file or directory)\x1b[0m \x1b[32m\x1b[0m<\x1b[35m0.000083\x1b[0m>\x1b[35m\x1b[0m\x1b[0m\r';
    expect(line(colored)).toMatchObject({
      kind: 'syscall',
      pid: 15953,
      name: 'openat',
      errno: 'ENOENT',
      duration: 0.000083,
      path: '/tmp/stracelab/missing dir/a "b" (c).txt',
    });
  });

  it.each([
    '',
    '   ',
    'Script started on 2026-11-23 08:33:37+00:00 [COMMAND="strace -p 1"]',
    'hello world',
    '% time     seconds  usecs/call     calls    errors syscall',
    'write(1, "unterminated',
    '[pid 12] futex(0x1, FUTEX_WAIT',
    '[pid x] close(3) = 0',
    '12:34:56.x close(3) = 0',
    '<... resumed>) = 0',
    '--- SIGCHLD',
    '\ufffd\u0000\ufffd',
    '[pid 12 futex(0x1) = 0',
  ])('%j is not a strace event', (text) => {
    expect(parseStraceLine(text)).toBeNull();
  });
});

describe('helpers', () => {
  it('readCString decodes escapes and reports unterminated strings', () => {
    expect(readCString('"a\\"b\\\\c\\n\\t\\0"', 0)).toEqual({ value: 'a"b\\c\n\t\0', end: 15 });
    expect(readCString('"\\360\\237\\230\\200"', 0)?.value).toBe('😀');
    expect(readCString('"\\377"', 0)?.value).toBe('\ufffd');
    expect(readCString('"abc', 0)).toBeNull();
  });

  it('extractPath only where a call names a file or an address', () => {
    expect(
      extractPath(
        'execve',
        '"/usr/bin/python3", ["/usr/bin/python3", "x.py"], 0x7ffd /* 36 vars */',
      ),
    ).toBe('/usr/bin/python3');
    expect(extractPath('write', '1, "/not/a/path", 12')).toBeUndefined();
    expect(extractPath('read', '3</etc/passwd>, "root:x"..., 4096')).toBe('/etc/passwd');
  });
});
