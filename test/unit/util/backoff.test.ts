import { describe, expect, it } from 'vitest';
import { RECONNECT_BACKOFF, reconnectDelayMs } from '../../../shared/util/backoff';

describe('reconnectDelayMs', () => {
  it('doubles from 1 s and stops at 30 s, with no jitter at the middle of the spread', () => {
    const schedule = Array.from({ length: 9 }, (_, i) => reconnectDelayMs(i + 1, 0.5));
    expect(schedule).toEqual([1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000, 30000]);
  });

  it('spreads each delay by ±20 % and never past the cap', () => {
    expect(reconnectDelayMs(1, 0)).toBe(800);
    expect(reconnectDelayMs(1, 0.999_999)).toBe(1200);
    expect(reconnectDelayMs(3, 0)).toBe(3200);
    expect(reconnectDelayMs(3, 0.999_999)).toBe(4800);
    expect(reconnectDelayMs(6, 0)).toBe(24000);
    expect(reconnectDelayMs(6, 0.999_999)).toBe(RECONNECT_BACKOFF.maxMs);
    expect(reconnectDelayMs(50, 0.999_999)).toBe(RECONNECT_BACKOFF.maxMs);
  });

  it('survives nonsense: attempt 0, negative, huge or NaN; random out of range', () => {
    expect(reconnectDelayMs(0, 0.5)).toBe(1000);
    expect(reconnectDelayMs(-3, 0.5)).toBe(1000);
    expect(reconnectDelayMs(Number.NaN, 0.5)).toBe(1000);
    expect(reconnectDelayMs(1e9, 0.5)).toBe(30000);
    expect(reconnectDelayMs(1, -5)).toBe(800);
    expect(reconnectDelayMs(1, 7)).toBe(1200);
    expect(reconnectDelayMs(1, Number.NaN)).toBe(1000);
  });
});
