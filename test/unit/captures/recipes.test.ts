import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  CaptureParams,
  captureCommand,
  RECORD_DATA_MARKER,
} from '../../../shared/captures/recipes';
import { BATCH_RELAY } from '../../../shared/captures/outputBatches';
import { shellQuote } from '../../../shared/util/shellQuote';

const command = (input: unknown) => captureCommand(CaptureParams.parse(input));

describe('capture commands', () => {
  it('are exact, plain-locale and quoted', () => {
    expect(command({ recipe: 'host-overview' })).toBe(
      'LC_ALL=C NO_COLOR=1 CLICOLOR=0 top -b -w 512 -d 2 | cat',
    );
    // The trace goes through the relay that sends it on in batches (outputBatches.test.ts).
    const relayed = `-o ${shellQuote(`|${BATCH_RELAY}`)}`;
    expect(command({ recipe: 'strace', pid: 42 })).toBe(
      `LC_ALL=C NO_COLOR=1 CLICOLOR=0 strace -f -tt -T -s 64 -p 42 ${relayed}`,
    );
    // One thread alone (from a thread row): -f would attach to its whole thread group.
    expect(command({ recipe: 'strace', pid: 43, followThreads: false })).toBe(
      `LC_ALL=C NO_COLOR=1 CLICOLOR=0 strace -tt -T -s 64 -p 43 ${relayed}`,
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
    // The recording goes to a file mktemp made (unguessable, 0600), removed however it ends.
    expect(command({ recipe: 'pyspy-record', pid: 7, durationSeconds: 3, gil: true })).toBe(
      `f=$(mktemp "\${TMPDIR:-/tmp}/workbench-record.XXXXXXXXXX") || exit 1; ` +
        `trap 'rm -f "$f"' EXIT; ` +
        `(trap '' HUP; while kill -0 $$ 2>/dev/null; do sleep 1; done; rm -f "$f") </dev/null >/dev/null 2>&1 & ` +
        `LC_ALL=C NO_COLOR=1 CLICOLOR=0 py-spy record --format raw -d 3 -r 100 --gil --pid 7 -o "$f" && echo '${RECORD_DATA_MARKER}' && cat "$f"`,
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
      { recipe: 'pyspy-dump', pid: 1, tool: '/tmp/ev' },
      { recipe: 'pyspy-dump', pid: 1, tool: '/opt/py-spy\n/tmp/ev' },
      { recipe: 'unknown' },
    ]) {
      expect(CaptureParams.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    }
  });
});

describe('bounded captures (triage)', () => {
  it('top -H stops after its screens; py-spy dumps read without pausing the process', () => {
    expect(command({ recipe: 'threads', pid: 9, intervalSeconds: 1, iterations: 3 })).toBe(
      'LC_ALL=C NO_COLOR=1 CLICOLOR=0 top -b -H -w 512 -d 1 -n 3 -p 9 | cat',
    );
    expect(command({ recipe: 'pyspy-dump', pid: 9, nonblocking: true })).toBe(
      'LC_ALL=C NO_COLOR=1 CLICOLOR=0 py-spy dump --nonblocking --pid 9',
    );
    expect(command({ recipe: 'pyspy-dump', pid: 9, nonblocking: true, fullFilenames: true })).toBe(
      'LC_ALL=C NO_COLOR=1 CLICOLOR=0 py-spy dump --nonblocking --full-filenames --pid 9',
    );
  });

  it('runs exactly N dumps with a pause between each two, and stops at the first failing dump', () => {
    const dir = mkdtempSync(join(tmpdir(), 'wb-dumps-'));
    try {
      const tool = join(dir, 'py-spy');
      // A stand-in that logs each call, and fails once the log reaches FAIL_AT lines.
      writeFileSync(
        tool,
        `#!/bin/sh\necho call >> "${dir}/calls"\n[ "$(grep -c . "${dir}/calls")" -lt "\${FAIL_AT:-99}" ]\n`,
        { mode: 0o755 },
      );
      // `sleep` on PATH, logging instead of waiting: the pauses are counted, not timed.
      writeFileSync(join(dir, 'sleep'), `#!/bin/sh\necho "sleep $1" >> "${dir}/calls"\n`, {
        mode: 0o755,
      });
      const run = (count: number, env: Record<string, string> = {}) => {
        rmSync(join(dir, 'calls'), { force: true });
        const script = command({ recipe: 'pyspy-dump', pid: 9, everySeconds: 1, count, tool });
        spawnSync('/bin/sh', ['-c', script], {
          env: { ...process.env, PATH: `${dir}:${process.env.PATH ?? ''}`, ...env },
        });
        return readFileSync(join(dir, 'calls'), 'utf8').trim().split('\n');
      };
      // No pause after the last dump.
      expect(run(3)).toEqual(['call', 'sleep 1', 'call', 'sleep 1', 'call']);
      expect(run(1)).toEqual(['call']);
      expect(run(5, { FAIL_AT: '4' })).toEqual(['call', 'sleep 1', 'call', 'sleep 1', 'call']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
