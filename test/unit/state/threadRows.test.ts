import { beforeEach, describe, expect, it } from 'vitest';
import type { TopFrame, TopRow } from '../../../shared/parsers/top/index';
import {
  coresUsed,
  formatCpuTime,
  sortThreadRows,
} from '../../../renderer/features/threads/threadRows';
import { useAppStore } from '../../../renderer/state/store';
import { emptyTopModel, withFrame } from '../../../shared/parsers/top/topCapture';

const initial = useAppStore.getInitialState(); // not getState(): files share the store singleton
beforeEach(() => useAppStore.setState(initial, true));

function row(pid: number, cpuPercent: number, extra: Partial<TopRow> = {}): TopRow {
  return {
    pid,
    user: 'root',
    priority: '20',
    nice: 0,
    virtKiB: 1,
    resKiB: 1,
    shrKiB: 1,
    state: 'S',
    cpuPercent,
    memPercent: 0,
    cpuTimeSeconds: 1,
    command: 'python3',
    ...extra,
  };
}
const frame = (rows: TopRow[]): TopFrame => ({
  flavor: 'procps',
  summary: {},
  rows,
  unparsedLines: 0,
  columns: [],
});

describe('thread history', () => {
  it('adds one sample per frame and replaces a provisional frame by its complete version', () => {
    let model = emptyTopModel();
    model = withFrame(model, frame([row(7, 10)]), false);
    model = withFrame(model, frame([row(7, 50)]), true);
    model = withFrame(model, frame([row(7, 60), row(8, 5)]), false);
    model = withFrame(model, frame([row(7, 70)]), false);
    useAppStore
      .getState()
      .modelParsed('t_1', { parser: 'top', model, unparsedLines: 2, overlongLines: 0 });
    const parsed = useAppStore.getState().models['t_1'];
    const view = parsed?.parser === 'top' ? parsed.model : null;
    expect(view?.history[7]).toEqual([10, 60, 70]);
    expect(view?.history[8]).toBeUndefined();
    expect(view?.framesSeen).toBe(3);
    expect(parsed?.unparsedLines).toBe(2);
  });
});

describe('thread rows', () => {
  it('sorts by %CPU descending with thread id as the tie-breaker, and by name', () => {
    const rows = [row(3, 5), row(1, 99.7), row(2, 5), row(4, 0, { command: 'asyncio_0' })];
    expect(sortThreadRows(rows, { key: 'cpuPercent', descending: true }).map((r) => r.pid)).toEqual(
      [1, 2, 3, 4],
    );
    expect(sortThreadRows(rows, { key: 'command', descending: false }).map((r) => r.pid)[0]).toBe(
      4,
    );
  });

  it('shows CPU as cores and TIME+ in top-like units', () => {
    expect(coresUsed(99.7)).toBeCloseTo(0.997);
    expect(formatCpuTime(62.35)).toBe('1:02.35');
    expect(formatCpuTime(125_880)).toBe('34h58m');
    expect(formatCpuTime(3 * 86_400 + 4 * 3600)).toBe('3d4h');
    expect(formatCpuTime(null)).toBe('?');
  });
});
