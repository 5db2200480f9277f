/**
 * Memory stays bounded: 500 000 lines (the benchmark's realistic `-f -tt -T` mix, plus hostile
 * lines: thousands of distinct syscall names, pids, paths, errnos, signals and messages, a line
 * longer than MAX_LINE) leave every table of the snapshot within its cap.
 */
import { describe, expect, it } from 'vitest';
import { LIMITS, MAX_LINE, StraceParser } from '../../../../shared/parsers/strace';
import { makeStraceLines } from '../../../bench/straceParserBench';

function hostile(i: number): string {
  switch (i % 8) {
    case 0:
      return `[pid ${100_000 + i}] 10:00:00.000001 made_up_call_${i}("/p/${i}", 1) = -1 E${i % 1000}X (Whatever)`;
    case 1:
      return `[pid ${i}] openat(AT_FDCWD, "/tmp/file-${i}", O_RDONLY) = -1 ENOENT (No such file or directory)`;
    case 2:
      return `[pid ${i}] futex(0x${i.toString(16)}, FUTEX_WAIT_PRIVATE, 2, NULL <unfinished ...>`;
    case 3:
      return `--- SIG${i % 500}X {si_signo=SIGX} ---`;
    case 4:
      return `strace: Process ${i} attached`;
    case 5:
      return `[pid ${i}] +++ exited with ${i % 256} +++`;
    case 6:
      return `connect(3, {sa_family=AF_INET, sin_port=htons(${i % 65536}), sin_addr=inet_addr("10.0.${(i >> 8) & 255}.${i & 255}")}, 16) = -1 ECONNREFUSED (Connection refused)`;
    default:
      return `not strace ${i}`;
  }
}

describe('bounded memory', () => {
  it('500 000 lines keep every table within its cap', () => {
    const parser = new StraceParser();
    const realistic = makeStraceLines(50_000);
    let lines = 0;
    for (let round = 0; round < 8; round++) {
      parser.push(`${realistic.join('\n')}\n`);
      lines += realistic.length;
      const extra: string[] = [];
      for (let i = 0; i < 12_500; i++) extra.push(hostile(round * 12_500 + i));
      parser.push(`${extra.join('\n')}\n`);
      lines += extra.length;
    }
    parser.push(`write(1, "${'x'.repeat(MAX_LINE + 10)}", 1) = 1\n`);
    lines++;
    parser.end();
    expect(lines).toBe(500_001);

    const m = parser.snapshot();
    expect(m.lines).toBe(lines);
    expect(m.unparsedLines).toBe(12_500 + 1); // the `not strace` lines and the overlong one
    expect(m.syscalls.length).toBeLessThanOrEqual(LIMITS.syscallNames + 1);
    expect(m.syscalls.find((s) => s.name === '(other)')?.count).toBeGreaterThan(0);
    expect(m.errnos.length).toBeLessThanOrEqual(LIMITS.errnos + 1);
    expect(m.errorGroups.length).toBeLessThanOrEqual(LIMITS.errorGroups);
    expect(m.otherErrors).toBeGreaterThan(0);
    expect(m.threads.length).toBeLessThanOrEqual(LIMITS.threads);
    expect(m.dropped.threads).toBeGreaterThan(0);
    expect(m.timeline.length).toBeLessThanOrEqual(LIMITS.timelineThreads + 1);
    for (const t of m.timeline)
      expect(t.buckets.length).toBeLessThanOrEqual(LIMITS.timelineBuckets);
    expect(m.recent.length).toBe(LIMITS.recent);
    expect(m.pending.length).toBeLessThanOrEqual(LIMITS.threads);
    expect(m.messages.length).toBeLessThanOrEqual(LIMITS.firstMessages + LIMITS.lastMessages);
    expect(m.dropped.messages).toBeGreaterThan(0);
    expect(m.signals.length).toBeLessThanOrEqual(LIMITS.signals + 1);
    expect(m.exits.length).toBeLessThanOrEqual(LIMITS.exits);
    for (const g of m.errorGroups) expect(g.example.length).toBeLessThanOrEqual(LIMITS.example + 1);
    // The whole snapshot is small whatever went through: a few MB of JSON at most.
    expect(JSON.stringify(m).length).toBeLessThan(4_000_000);
    // The realistic part still shows: the logging loop thread and its errors.
    expect(
      m.errorGroups.some((g) => g.syscall === 'rename' && g.path === '/srv/app/app.log.1'),
    ).toBe(true);
  }, 180_000);
});
