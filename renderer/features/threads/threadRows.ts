import type { TopRow } from '../../../shared/parsers/top/index';

export type ThreadSortKey =
  'pid' | 'command' | 'state' | 'cpuPercent' | 'cpuTimeSeconds' | 'memPercent';
export interface ThreadSort {
  key: ThreadSortKey;
  descending: boolean;
}

export const DEFAULT_THREAD_SORT: ThreadSort = { key: 'cpuPercent', descending: true };

/** Sorted copy of the rows; ties fall back to the thread id so the order does not flicker. */
export function sortThreadRows(rows: readonly TopRow[], sort: ThreadSort): TopRow[] {
  const direction = sort.descending ? -1 : 1;
  return [...rows].sort((a, b) => {
    const x = a[sort.key];
    const y = b[sort.key];
    const numeric = typeof x === 'number' || typeof y === 'number';
    const order =
      (numeric ? Number(x ?? -1) - Number(y ?? -1) : String(x).localeCompare(String(y))) *
      direction;
    return order !== 0 ? order : a.pid - b.pid;
  });
}

/** TIME+ back in top's own short form: 1:02.35, 34h58m, 3d4h. */
export function formatCpuTime(seconds: number | null): string {
  if (seconds === null) return '?';
  if (seconds < 3600) {
    const minutes = Math.floor(seconds / 60);
    return `${minutes}:${(seconds - minutes * 60).toFixed(2).padStart(5, '0')}`;
  }
  const hours = Math.floor(seconds / 3600);
  if (hours < 48) return `${hours}h${String(Math.floor((seconds % 3600) / 60)).padStart(2, '0')}m`;
  return `${Math.floor(hours / 24)}d${hours % 24}h`;
}

/** procps %CPU is Irix mode: 100 means one whole core. */
export const coresUsed = (cpuPercent: number): number => cpuPercent / 100;
