import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { threadTotals } from '../../../shared/insights/threadTotals';
import { parseTopText } from '../../../shared/parsers/top/index';
import type { TopFrame, TopRow } from '../../../shared/parsers/top/index';
import { sharedFixture } from '../fixturePath';

const lastFrame = (name: string): TopFrame => {
  const { frames } = parseTopText(readFileSync(sharedFixture(name), 'utf8'));
  const frame = frames[frames.length - 1];
  if (!frame) throw new Error(`no frame in ${name}`);
  return frame;
};

describe('threadTotals', () => {
  it('spots the procps row that carries the whole process (lab fixture: leader TIME+ = sum of the pool)', () => {
    const totals = threadTotals(lastFrame('top-b-H-p-uvicorn-to-thread.txt'), 11794);
    expect(totals.totalRowTid).toBe(11794);
    expect(totals.processCores).toBeCloseTo(0.999, 2);
    expect(totals.busiest?.pid).toBe(11828);
  });

  it('spots it in the seed-000 post-mortem paste too: the "one thread at 99.7 %" row is the process', () => {
    const totals = threadTotals(lastFrame('seed000-top-H-p.txt'), 2865374);
    expect(totals.totalRowTid).toBe(2865374);
    expect(totals.busiest?.pid).toBe(2865444);
  });

  it('leaves a genuine busy main thread alone', () => {
    const row = (pid: number, cpuPercent: number, cpuTimeSeconds: number): TopRow => ({
      pid,
      user: 'u',
      priority: '20',
      nice: 0,
      virtKiB: 1,
      resKiB: 1,
      shrKiB: 1,
      state: 'R',
      cpuPercent,
      memPercent: 0,
      cpuTimeSeconds,
      command: 'python3',
    });
    const frame: TopFrame = {
      flavor: 'procps',
      summary: {},
      rows: [row(10, 95, 50), row(11, 30, 40), row(12, 20, 30)],
      unparsedLines: 0,
      columns: [],
    };
    const totals = threadTotals(frame, 10);
    expect(totals.totalRowTid).toBeNull();
    expect(totals.busiest?.pid).toBe(10);
    expect(totals.processCores).toBeCloseTo(1.45);
  });
});
