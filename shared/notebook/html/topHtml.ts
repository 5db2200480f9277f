import { threadTotals } from '../../insights/threadTotals';
import type { TopModel } from '../../parsers/top/topCapture';
import type { TopRow } from '../../parsers/top/topModel';
import { cpuTime, fixed, table, text } from './htmlText';

/**
 * A top frame as the threads view reads it: busiest first, and the row whose TID is the PID shown
 * as the process total (Σ) when it carries it (see shared/insights/threadTotals.ts).
 */
export function topHtml(model: TopModel, pid: number | null): string {
  const frame = model.frame;
  if (!frame) return '<p class="none">top printed no frame.</p>';
  const totals = threadTotals(frame, pid);
  const threads = frame.rows
    .filter((r) => r.pid !== totals.totalRowTid)
    .sort((a, b) => b.cpuPercent - a.cpuPercent);
  const total = frame.rows.find((r) => r.pid === totals.totalRowTid);
  const kind = frame.summary.taskKind === 'threads' ? 'threads' : 'tasks';
  const header = [
    frame.summary.time ? `top at ${frame.summary.time}` : 'top',
    frame.summary.load
      ? `load ${frame.summary.load.one} ${frame.summary.load.five} ${frame.summary.load.fifteen}`
      : null,
    `${frame.rows.length} ${kind}`,
    `process uses ${totals.processCores.toFixed(2)} cores`,
    totals.busiest
      ? `busiest ${totals.busiest.command} (${totals.busiest.pid}) at ${fixed(totals.busiest.cpuPercent)}%`
      : null,
  ]
    .filter(Boolean)
    .join(' · ');
  const rows: (TopRow & { sigma?: true })[] = total
    ? [{ ...total, sigma: true }, ...threads]
    : threads;
  return `<p class="reading">${text(header)}</p>\n${table(
    kind === 'threads' ? 'Threads, busiest first' : 'Tasks, busiest first',
    [
      {
        title: kind === 'threads' ? 'TID' : 'PID',
        cell: (r) => (r.sigma ? `Σ ${r.pid}` : r.pid),
        numeric: true,
      },
      { title: '%CPU', cell: (r) => fixed(r.cpuPercent), numeric: true },
      { title: 'S', cell: (r) => r.state },
      { title: 'TIME+', cell: (r) => cpuTime(r.cpuTimeSeconds), numeric: true },
      { title: 'user', cell: (r) => r.user },
      { title: 'command', cell: (r) => (r.sigma ? `${r.command} (whole process)` : r.command) },
    ],
    rows,
    { rowClass: (r) => (r.sigma ? 'total' : r.cpuPercent >= 90 ? 'hot' : null) },
  )}`;
}
