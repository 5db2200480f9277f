/**
 * Findings from strace models: real captures (the shared seed-003 loop, recordings in
 * test/fixtures/strace) and small synthetic traces for each rule.
 */
import { describe, expect, it } from 'vitest';
import { groupDigits, straceFindings, type StraceFinding } from '../../../shared/insights/strace';
import { parseStraceText } from '../../../shared/parsers/strace';
import { readLocalFixture, readSharedFixture } from '../fixturePath';

const findings = (text: string): StraceFinding[] => straceFindings(parseStraceText(text));
const local = (name: string): StraceFinding[] => findings(readLocalFixture('strace', name));

function stamp(us: number): string {
  const s = Math.floor(us / 1e6);
  const two = (n: number): string => String(n).padStart(2, '0');
  return `${two(Math.floor(s / 3600))}:${two(Math.floor(s / 60) % 60)}:${two(s % 60)}.${String(us % 1e6).padStart(6, '0')}`;
}

describe('strace findings', () => {
  it('the shared seed-003 capture: a loop that never succeeds, first and a warning', () => {
    const f = findings(readSharedFixture('strace-f-tt-T-logging-loop.txt'));
    expect(f[0]).toEqual({
      severity: 'warn',
      text: 'The same `sendto = -1 ENOENT; rename = -1 ENOENT` sequence repeated 1 500 times (100 % of recent calls) in thread 11735: a loop that never succeeds',
      evidence: [
        '1 500 repetitions in a row, still going on; 100 % of the last calls',
        expect.stringMatching(/^9 0\d\d rounds per second$/) as string,
        'sendto(3, "<14>app: rotating log handler failed, retrying", 46, 0, {sa_family=AF_UNIX, sun_path="/dev/log"}, 11) = -1 ENOENT (No such file or directory)',
        'rename("/srv/lab/app.log.1", "/srv/lab/app.log.2") = -1 ENOENT (No such file or directory)',
      ],
    });
    // The loop's own errors are not repeated as separate findings.
    expect(f.filter((x) => x.text.includes('ENOENT'))).toHaveLength(1);
  });

  it('40 000 rounds of sendto + failing rename among a little other work', () => {
    const lines: string[] = [];
    let us = 3600e6;
    for (let i = 0; i < 40_000; i++) {
      us += 50;
      lines.push(`[pid 1234] ${stamp(us)} sendto(3, "<14>app: x", 10, 0, NULL, 0) = 10 <0.000010>`);
      us += 50;
      lines.push(
        `[pid 1234] ${stamp(us)} rename("/var/log/app.log.1", "/var/log/app.log.2") = -1 ENOENT (No such file or directory) <0.000008>`,
      );
      if (i % 16 === 0) lines.push(`[pid 99] ${stamp(us)} epoll_wait(4, [], 64, 0) = 0 <0.000005>`);
    }
    const f = findings(`${lines.join('\n')}\n`);
    expect(f[0]?.severity).toBe('warn');
    expect(f[0]?.text).toMatch(
      /^The same `sendto; rename = -1 ENOENT` sequence repeated 40 000 times \(97 % of recent calls\) in thread 1234: a loop that never succeeds$/,
    );
    expect(f[0]?.evidence).toContain(
      'rename("/var/log/app.log.1", "/var/log/app.log.2") = -1 ENOENT (No such file or directory)',
    );
  });

  it('a loop in bursts (50 rounds, then a 10 ms sleep): its rounds over all bursts, sustained', () => {
    const lines: string[] = [];
    let us = 3600e6;
    for (let b = 0; b < 80; b++) {
      for (let r = 0; r < 50; r++) {
        lines.push(`[pid 5974] ${stamp(us)} sendto(3, "<14>app: x", 10, 0, NULL, 0) = 10`);
        us += 230;
        lines.push(
          `[pid 5974] ${stamp(us)} rename("/var/log/app.log.1", "/var/log/app.log.2") = -1 ENOENT (No such file or directory)`,
        );
        us += 230;
      }
      lines.push(
        `[pid 5974] ${stamp(us)} select(0, NULL, NULL, NULL, {tv_sec=0, tv_usec=10000}) = 0`,
      );
      us += 10_000;
    }
    const f = findings(`${lines.join('\n')}\n`);
    expect(f[0]).toMatchObject({
      severity: 'warn',
      text: 'The same `sendto; rename = -1 ENOENT` sequence repeated 4 000 times in 80 bursts in thread 5974: a loop that never succeeds',
    });
    expect(f[0]?.evidence.slice(0, 3)).toEqual([
      '50 repetitions in a row; 2 % of the last calls',
      '4 000 rounds in 80 bursts',
      expect.stringMatching(/^1 5\d\d rounds per second sustained \(2 15\d within a burst\)$/),
    ]);
  });

  it('a spin without errors: busy loop wording', () => {
    const lines: string[] = [];
    for (let i = 0; i < 3000; i++)
      lines.push(`[pid 5] ${stamp(1e6 + i * 20)} epoll_wait(4, [], 64, 0) = 0 <0.000002>`);
    expect(findings(lines.join('\n'))[0]).toMatchObject({
      severity: 'warn',
      text: 'Thread 5 spins on `epoll_wait`: repeated 3 000 times (100 % of recent calls) without sleeping',
    });
  });

  it('most time in futex: lock waits', () => {
    const lines: string[] = [];
    for (let i = 0; i < 50; i++) {
      lines.push(
        `[pid ${10 + (i % 4)}] ${stamp(1e6 + i * 1000)} futex(0xa563d8, FUTEX_WAIT_PRIVATE, 2, NULL) = 0 <0.020000>`,
      );
      lines.push(
        `[pid ${10 + (i % 4)}] ${stamp(1e6 + i * 1000 + 10)} read(5, "x", 1) = 1 <0.000010>`,
      );
      lines.push(
        `[pid ${10 + (i % 4)}] ${stamp(1e6 + i * 1000 + 20)} openat(AT_FDCWD, "/etc/a${i}", O_RDONLY) = 3 <0.000010>`,
      );
    }
    const time = findings(lines.join('\n')).find((x) => x.text.startsWith('Most time'));
    expect(time).toEqual({
      severity: 'warn',
      text: 'Most time is in `futex` (lock waits, threads waiting for each other): 100 % of the time spent in system calls',
      evidence: ['futex: 1.0 s over 50 calls, longest 20.0 ms (from -T)', 'all calls: 1.0 s'],
    });
  });

  it('refused connects to one address', () => {
    const lines = Array.from(
      { length: 120 },
      (_, i) =>
        `[pid 42] ${stamp(2e6 + i * 300_000)} connect(7, {sa_family=AF_INET, sin_port=htons(8080), sin_addr=inet_addr("10.0.0.5")}, 16) = -1 ECONNREFUSED (Connection refused) <0.000100>`,
    ).flatMap((l, i) => [
      l,
      `[pid 42] ${stamp(2e6 + i * 300_000 + 100)} clock_nanosleep(CLOCK_MONOTONIC, 0, {tv_sec=0, tv_nsec=300000000}, NULL) = 0 <0.300000>`,
    ]);
    const f = findings(lines.join('\n'));
    expect(f).toContainEqual({
      severity: 'warn',
      text: '`connect` = -1 ECONNREFUSED 120 times to 10.0.0.5:8080 (nothing listens there)',
      evidence: [
        'connect(7, {sa_family=AF_INET, sin_port=htons(8080), sin_addr=inet_addr("10.0.0.5")}, 16) = -1 ECONNREFUSED (Connection refused)',
      ],
    });
    // A periodic retry (it sleeps) is not called an infinite loop.
    expect(f.some((x) => x.text.includes('never succeeds'))).toBe(false);
  });

  it('a thread stuck in a call', () => {
    const lines = [
      `[pid 77] ${stamp(5e6)} futex(0x55d0, FUTEX_WAIT_PRIVATE, 2, NULL <unfinished ...>`,
    ];
    for (let i = 1; i <= 12; i++)
      lines.push(`[pid 78] ${stamp(5e6 + i * 1e6)} read(3, "", 10) = 0 <0.000010>`);
    expect(findings(lines.join('\n'))).toContainEqual({
      severity: 'warn',
      text: 'Thread 77 has been in `futex` for 12 s (lock waits, threads waiting for each other)',
      evidence: ['00:00:05.000000 futex(0x55d0, FUTEX_WAIT_PRIVATE, 2, NULL <unfinished ...>'],
    });
  });

  it('attach refused (recorded with strace 6.1 and 7.2)', () => {
    for (const name of ['attach-eperm.txt', 'v7-attach-eperm.txt']) {
      expect(local(name)[0]).toEqual({
        severity: 'warn',
        text: 'strace could not attach to process 1: Operation not permitted (run strace as root or as the process owner; containers need CAP_SYS_PTRACE, and kernel.yama.ptrace_scope may forbid it)',
        evidence: ['attach: ptrace(PTRACE_SEIZE, 1): Operation not permitted'],
      });
    }
    expect(local('attach-nosuchprocess.txt')[0]?.text).toBe(
      'strace could not attach to process 999999: No such process (the process is gone: check the pid)',
    );
  });

  it('a process killed mid-trace', () => {
    const f = local('run-killed-f-tt-T.txt');
    expect(f[0]).toMatchObject({
      severity: 'warn',
      text: '5 threads killed by SIGKILL (kill -9 or the kernel OOM killer)',
    });
    expect(f[0]?.evidence).toContain('[pid 16314] +++ killed by SIGKILL +++');
  });

  it('the recorded multithreaded process: refused connects warn, its periodic writer is only info', () => {
    const f = local('threads-f-tt-T-s64-p.txt');
    expect(f[0]?.text).toBe(
      '`connect` = -1 ECONNREFUSED 41 times to 127.0.0.1:8080 (nothing listens there)',
    );
    const periodic = f.find((x) => x.text.startsWith('A periodic task'));
    expect(periodic).toMatchObject({ severity: 'info' });
    expect(periodic?.text).toContain('every round fails `openat`');
    // futex EAGAIN is how contended locks work: no finding.
    expect(f.some((x) => x.text.includes('EAGAIN'))).toBe(false);
  });

  it('a -c table alone still says where the time goes', () => {
    expect(findings(readSharedFixture('strace-c-logging-loop.txt'))).toEqual([
      {
        severity: 'info',
        text: 'Most time is in `sendto` (sending on sockets): 57 % of the time spent in system calls',
        evidence: [
          'sendto: 352.9 ms over 41 884 calls (from the -c table (system time unless -w))',
          'all calls: 615.9 ms',
        ],
      },
    ]);
  });

  it('nothing to say about nothing; a capture that is mostly not strace says so', () => {
    expect(findings('')).toEqual([]);
    const noise = Array.from({ length: 30 }, (_, i) => `hello ${i}`).join('\n');
    expect(findings(noise)).toEqual([
      {
        severity: 'info',
        text: '30 of 30 lines were not strace output',
        evidence: [
          'other programs writing to the same terminal, or a format this parser does not know',
        ],
      },
    ]);
  });

  it('groupDigits', () => {
    expect([0, 999, 1000, 40000, 1234567].map(groupDigits)).toEqual([
      '0',
      '999',
      '1 000',
      '40 000',
      '1 234 567',
    ]);
  });
});

describe('routine results are never findings (issue 12)', () => {
  it('a pool worker whose timed futex wait times out every round is not "every round fails"', () => {
    const lines: string[] = [];
    let us = 7200e6;
    for (let i = 0; i < 60; i++) {
      us += 100_000;
      lines.push(
        `[pid 4242] ${stamp(us)} futex(0x7f00, FUTEX_WAIT_BITSET_PRIVATE, 0, {tv_sec=1, tv_nsec=0}, FUTEX_BITSET_MATCH_ANY) = -1 ETIMEDOUT (Connection timed out) <0.100100>`,
        `[pid 4242] ${stamp(us + 200)} clock_gettime(CLOCK_MONOTONIC, {tv_sec=1, tv_nsec=2}) = 0 <0.000010>`,
      );
    }
    const texts = findings(lines.join('\n')).map((f) => f.text);
    expect(texts.join('\n')).not.toMatch(/fails|never succeeds|ETIMEDOUT/);
  });

  it('a healthy asyncio client: 160 connect = -1 EINPROGRESS and EAGAIN reads are not errors', () => {
    const lines: string[] = [];
    let us = 3600e6;
    for (let i = 0; i < 160; i++) {
      us += 5000;
      lines.push(
        `${stamp(us)} connect(${7 + (i % 5)}, {sa_family=AF_INET, sin_port=htons(8001), sin_addr=inet_addr("127.0.0.1")}, 16) = -1 EINPROGRESS (Operation now in progress) <0.000040>`,
        `${stamp(us + 100)} epoll_wait(3, [{events=EPOLLOUT, data={u32=7, u64=7}}], 4, 100) = 1 <0.000300>`,
        `${stamp(us + 500)} recvfrom(${7 + (i % 5)}, 0x7f, 65536, 0, NULL, NULL) = -1 EAGAIN (Resource temporarily unavailable) <0.000010>`,
        `${stamp(us + 900)} sendto(${7 + (i % 5)}, "GET / HTTP/1.1\\r\\n", 16, 0, NULL, 0) = 16 <0.000020>`,
      );
    }
    const texts = findings(lines.join('\n')).map((f) => f.text);
    expect(texts.join('\n')).not.toMatch(/EINPROGRESS|EAGAIN|fail/);
  });
});
