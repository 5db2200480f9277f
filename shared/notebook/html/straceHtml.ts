import { groupDigits } from '../../insights/strace';
import type { StraceModel, StraceSummary } from '../../parsers/strace/index';
import { fixed, table, text } from './htmlText';

/** `strace -c`'s table, as strace printed it, plus its total. */
export function straceSummaryHtml(summary: StraceSummary | null): string {
  if (!summary) return '<p class="none">No strace -c table was read.</p>';
  const rows = summary.total ? [...summary.rows, summary.total] : summary.rows;
  return table(
    `strace -c${summary.complete ? '' : ' (incomplete table)'}`,
    [
      { title: '% time', cell: (r) => fixed(r.percentTime, 2), numeric: true },
      { title: 'seconds', cell: (r) => fixed(r.seconds, 6), numeric: true },
      { title: 'usecs/call', cell: (r) => fixed(r.usecsPerCall, 0), numeric: true },
      {
        title: 'calls',
        cell: (r) => (r.calls === null ? '—' : groupDigits(r.calls)),
        numeric: true,
      },
      { title: 'errors', cell: (r) => (r.errors ? groupDigits(r.errors) : ''), numeric: true },
      { title: 'syscall', cell: (r) => r.name },
    ],
    rows,
    { rowClass: (r) => (r === summary.total ? 'total' : null) },
  );
}

/** A strace trace: calls per syscall, and its errors grouped by call, errno and path. */
export function straceHtml(model: StraceModel): string {
  const span =
    model.firstTimeRaw && model.lastTimeRaw
      ? ` from ${model.firstTimeRaw} to ${model.lastTimeRaw}`
      : '';
  const reading = `${groupDigits(model.calls)} calls, ${groupDigits(model.errors)} errors, ${model.threads.length} threads${span}`;
  const calls = [...model.syscalls].sort((a, b) => b.count - a.count);
  return [
    `<p class="reading">${text(reading)}</p>`,
    table(
      'Calls per syscall',
      [
        { title: 'syscall', cell: (r) => r.name },
        { title: 'calls', cell: (r) => groupDigits(r.count), numeric: true },
        { title: 'errors', cell: (r) => (r.errors ? groupDigits(r.errors) : ''), numeric: true },
        ...(model.hasDurations
          ? [
              {
                title: 'time (s)',
                cell: (r: (typeof calls)[number]) => fixed(r.totalTime, 6),
                numeric: true,
              },
              {
                title: 'longest (s)',
                cell: (r: (typeof calls)[number]) => fixed(r.maxTime, 6),
                numeric: true,
              },
            ]
          : []),
      ],
      calls,
    ),
    model.errorGroups.length > 0
      ? table(
          'Errors',
          [
            { title: 'syscall', cell: (r) => r.syscall },
            { title: 'errno', cell: (r) => r.errno },
            { title: 'path', cell: (r) => r.path ?? '' },
            { title: 'count', cell: (r) => groupDigits(r.count), numeric: true },
            { title: 'example', cell: (r) => r.example },
          ],
          model.errorGroups,
        )
      : '<p class="none">No call failed.</p>',
    model.otherErrors > 0
      ? `<p class="more">${text(`${model.otherErrors} other errors not grouped.`)}</p>`
      : '',
  ].join('\n');
}
