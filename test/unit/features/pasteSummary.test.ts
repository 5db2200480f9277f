import { describe, expect, it } from 'vitest';
import {
  formatBytes,
  needsConfirmation,
  summarisePaste,
} from '../../../renderer/features/terminal/pasteSummary';

describe('what a paste into a terminal is, before it is sent', () => {
  it('counts lines whatever their ends, and bytes in UTF-8', () => {
    expect(summarisePaste('ls')).toMatchObject({ lines: 1, bytes: 2 });
    expect(summarisePaste('a\nb\r\nc\rd')).toMatchObject({ lines: 4 });
    expect(summarisePaste('a\nb\n')).toMatchObject({ lines: 2 });
    expect(summarisePaste('é€')).toMatchObject({ lines: 1, bytes: 5 });
    expect(summarisePaste('')).toMatchObject({ lines: 0, bytes: 0 });
  });

  it('asks above five lines or 16 KiB, not for a command or two', () => {
    expect(needsConfirmation(summarisePaste('make test\n'))).toBe(false);
    expect(needsConfirmation(summarisePaste('1\n2\n3\n4\n5\n'))).toBe(false);
    expect(needsConfirmation(summarisePaste('1\n2\n3\n4\n5\n6'))).toBe(true);
    expect(needsConfirmation(summarisePaste('x'.repeat(16 * 1024 + 1)))).toBe(true);
  });

  it('previews the first lines with control characters made visible', () => {
    const { preview } = summarisePaste('rm -rf /tmp/x\x1b[201~\x03\nsecond\nthird\nfourth');
    expect(preview).toEqual(['rm -rf /tmp/x^[[201~^C', 'second', 'third']);
    expect(summarisePaste('y'.repeat(500)).preview[0]).toBe(`${'y'.repeat(120)}…`);
  });

  it('writes sizes for people', () => {
    expect(formatBytes(900)).toBe('900 B');
    expect(formatBytes(16 * 1024)).toBe('16.0 KiB');
    expect(formatBytes(10 * 1024 * 1024)).toBe('10.0 MiB');
  });
});
