import { describe, expect, it } from 'vitest';
import {
  CaptureParams,
  captureCommand,
  RECORD_DATA_MARKER,
} from '../../../shared/captures/recipes';
import { readPreflight } from '../../../shared/captures/preflight';
import { RECIPES } from '../../../shared/captures/recipes';

const command = (input: unknown) => captureCommand(CaptureParams.parse(input));

describe('capture commands', () => {
  it('are exact, plain-locale and quoted', () => {
    expect(command({ recipe: 'host-overview' })).toBe(
      'LC_ALL=C NO_COLOR=1 CLICOLOR=0 top -b -w 512 -d 2 | cat',
    );
    expect(command({ recipe: 'strace', pid: 42 })).toBe(
      'LC_ALL=C NO_COLOR=1 CLICOLOR=0 strace -f -tt -T -s 64 -p 42',
    );
    // One thread alone (from a thread row): -f would attach to its whole thread group.
    expect(command({ recipe: 'strace', pid: 43, followThreads: false })).toBe(
      'LC_ALL=C NO_COLOR=1 CLICOLOR=0 strace -tt -T -s 64 -p 43',
    );
    expect(command({ recipe: 'strace-summary', pid: 42, seconds: 5 })).toBe(
      'LC_ALL=C NO_COLOR=1 CLICOLOR=0 timeout -s INT 5 strace -c -f -p 42',
    );
    expect(command({ recipe: 'gdb-pybt', pid: 7 })).toBe(
      `LC_ALL=C NO_COLOR=1 CLICOLOR=0 gdb -p 7 -batch -ex 'thread apply all py-bt'`,
    );
    expect(
      command({ recipe: 'pyspy-dump', pid: 7, locals: true, tool: '/home/u/.venv/bin/py-spy' }),
    ).toBe('LC_ALL=C NO_COLOR=1 CLICOLOR=0 /home/u/.venv/bin/py-spy dump --locals --pid 7');
    expect(command({ recipe: 'pyspy-dump', pid: 7, everySeconds: 5 })).toBe(
      'while LC_ALL=C NO_COLOR=1 CLICOLOR=0 py-spy dump --pid 7; do sleep 5; done',
    );
    expect(command({ recipe: 'pyspy-record', pid: 7, durationSeconds: 3, gil: true })).toContain(
      `py-spy record --format raw -d 3 -r 100 --gil --pid 7 -o "/tmp/workbench-record-7-$$.txt" && echo '${RECORD_DATA_MARKER}'`,
    );
    // Unlimited width: on the capture's terminal ps would cut "/usr/bin/python3" to its width.
    expect(command({ recipe: 'ps' })).toBe('LC_ALL=C NO_COLOR=1 CLICOLOR=0 ps auxww');
    expect(command({ recipe: 'ps', threads: true })).toBe(
      'LC_ALL=C NO_COLOR=1 CLICOLOR=0 ps -eLf -ww',
    );
    expect(command({ recipe: 'nginx-access', path: "/var/log/nginx/it's here.log" })).toBe(
      `LC_ALL=C NO_COLOR=1 CLICOLOR=0 tail -n 2000 -F '/var/log/nginx/it'\\''s here.log'`,
    );
  });

  it('refuse parameters that are not what they claim', () => {
    for (const bad of [
      { recipe: 'strace', pid: -1 },
      { recipe: 'strace', pid: '1; rm -rf /' },
      { recipe: 'nginx-access', path: 'relative.log' },
      { recipe: 'pyspy-dump', pid: 1, tool: 'py-spy; id' },
      { recipe: 'unknown' },
    ]) {
      expect(CaptureParams.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    }
  });
});

describe('preflight verdicts', () => {
  const base =
    'uid=1000\nsudo=no\nptrace_scope=1\ncapeff=0000000000000000\ntarget=yes\ntarget_uid=1000\ntarget_state=S\ntarget_comm=python3\n';

  it('a non-root user under ptrace_scope=1 cannot attach, and is told why', () => {
    const report = readPreflight(
      `path=/usr/bin/strace\nversion=strace -- version 6.1\n${base}`,
      RECIPES.strace,
      5,
    );
    expect(report.ready).toBe(false);
    expect(report.problems[0]).toMatch(/ptrace_scope=1/);
  });

  it('root in a container without CAP_SYS_PTRACE is told to add it', () => {
    const report = readPreflight(
      'path=/usr/bin/strace\nuid=0\nptrace_scope=1\ncapeff=00000000a80425fb\ntarget=yes\ntarget_uid=0\n',
      RECIPES.strace,
      5,
    );
    expect(report.problems[0]).toMatch(/CAP_SYS_PTRACE/);
    const withCap = readPreflight(
      'path=/usr/bin/strace\nuid=0\nptrace_scope=1\ncapeff=000001ffffffffff\ntarget=yes\ntarget_uid=0\n',
      RECIPES.strace,
      5,
    );
    expect(withCap.ready).toBe(true);
  });

  it('another user’s process needs root; passwordless sudo is pointed out', () => {
    const report = readPreflight(
      `path=/usr/bin/gdb\n${base.replace('target_uid=1000', 'target_uid=0').replace('sudo=no', 'sudo=yes').replace('ptrace_scope=1', 'ptrace_scope=0')}`,
      RECIPES['gdb-pybt'],
      5,
    );
    expect(report.problems[0]).toMatch(/belongs to uid 0/);
    expect(report.warnings[0]).toMatch(/sudo/);
  });

  it('a missing tool comes with an install command; a stopped target with a warning', () => {
    const report = readPreflight(
      `path=\n${base.replace('target_state=S', 'target_state=T').replace('ptrace_scope=1', 'ptrace_scope=0')}`,
      RECIPES['pyspy-dump'],
      5,
    );
    expect(report.ready).toBe(false);
    expect(report.fixes[0]?.command).toContain('pip" install py-spy');
    expect(report.warnings.join()).toMatch(/stopped/);
    const top = readPreflight('path=/usr/bin/top\nuid=1000\ntarget=no\n', RECIPES.threads, 99);
    expect(top.problems).toEqual(['Process 99 does not exist on the host.']);
  });
});
