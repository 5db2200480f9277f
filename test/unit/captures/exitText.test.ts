import { describe, expect, it } from 'vitest';
import { describeExit, endedBanner } from '../../../shared/captures/exitText';
import type { CaptureParams } from '../../../shared/captures/recipes';

const summary = { recipe: 'strace-summary', pid: 42, seconds: 5 } as CaptureParams;
const threads = { recipe: 'threads', pid: 42, intervalSeconds: 1 } as CaptureParams;

describe('describeExit', () => {
  it('reads timeout 124 after strace -c as the summary being done', () => {
    expect(describeExit(summary, { exitCode: 124 })).toBe(
      "its 5 s were up and strace printed its summary (timeout's status 124)",
    );
  });
  it('keeps plain codes, signals and reasons as they are', () => {
    expect(describeExit(summary, { exitCode: 1 })).toBe('exited with code 1');
    expect(describeExit(threads, { exitCode: 124 })).toBe('exited with code 124');
    expect(describeExit(undefined, { exitCode: null, signal: 'KILL' })).toBe(
      'ended by signal KILL',
    );
    expect(describeExit(summary, { exitCode: 124, reason: 'connection lost' })).toBe(
      'connection lost',
    );
    expect(describeExit(undefined, {})).toBe('exited with code ?');
  });
});

describe('endedBanner', () => {
  it('ends with one period whether the reason is a fragment or a sentence', () => {
    const dropped = describeExit(undefined, { reason: 'The connection to 127.0.0.1 closed.' });
    expect(endedBanner(dropped)).toBe(
      'Ended: The connection to 127.0.0.1 closed. What it printed stays below.',
    );
    expect(endedBanner(describeExit(undefined, { exitCode: 1 }))).toBe(
      'Ended: exited with code 1. What it printed stays below.',
    );
    expect(endedBanner('Disconnected. ')).toBe('Ended: Disconnected. What it printed stays below.');
    expect(endedBanner(' ')).toBe('Ended: for an unknown reason. What it printed stays below.');
  });
});
