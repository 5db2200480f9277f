/** py-spy top's header reading: GIL contention only when several threads want to run. */
import { describe, expect, it } from 'vitest';
import { pyspyTopReading } from '../../../shared/insights/pyspyTop';
import type { PySpyTopModel } from '../../../shared/parsers/pyspy';

const header = (gilPercent: number | null, activePercent: number | null): PySpyTopModel => ({
  subprocesses: false,
  totalSamples: 1000,
  gilPercent,
  activePercent,
  threads: 10,
  lineMode: false,
  hasTable: true,
  rows: [],
});

describe('pyspyTopReading', () => {
  it('seed 000: GIL 100 %, 5 threads active: they take turns', () => {
    expect(pyspyTopReading(header(100, 500))).toMatch(
      /^The GIL is held 100 % of the time and 5\.0 threads are active on average: Python threads take turns/,
    );
  });

  it('a lock holder running while 8 threads wait on the lock: not GIL contention', () => {
    const reading = pyspyTopReading(header(98, 100)) ?? '';
    expect(reading).not.toMatch(/take turns/);
    expect(reading).toMatch(/not waiting for the GIL.*a lock/);
  });

  it('nothing to say below 90 %, or without a header', () => {
    expect(pyspyTopReading(header(40, 300))).toBeNull();
    expect(pyspyTopReading(header(null, null))).toBeNull();
  });
});
