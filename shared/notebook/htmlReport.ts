import { connectionRecordText } from '../connection/recordText';
import type { NotebookItem } from '../contract/notebook';
import { text } from './html/htmlText';
import { notesHtml } from './html/notesHtml';
import { REPORT_CSS } from './html/reportStyle';
import { snapshotViewHtml } from './html/snapshotHtml';
import {
  clock,
  day,
  describeItem,
  eventAt,
  inTimeOrder,
  type ReportInput,
  type SnapshotOf,
} from './reportInput';

/** No script, no network: only inline styles and data: images may load. */
const CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

function sourceText(item: SnapshotOf): string {
  const s = item.source;
  return [
    s.host,
    s.pid ? `PID ${s.pid}` : null,
    s.command,
    s.log ? `capture log ${s.log.path} at ${s.log.atSeconds.toFixed(1)} s` : null,
  ]
    .filter(Boolean)
    .join(' · ');
}

function timeline(input: ReportInput): string {
  const rows = inTimeOrder(input.items).map((item) => {
    const host = item.type === 'snapshot' && item.hostTime ? item.hostTime : '';
    const source = item.type === 'snapshot' ? sourceText(item) : '';
    return `<tr><td>${text(clock(eventAt(item), input.timeZone))}</td><td>${text(host)}</td><td>${text(describeItem(item))}</td><td>${text(source)}</td></tr>`;
  });
  if (rows.length === 0) return '<p class="none">Nothing was pinned.</p>';
  return `<table><thead><tr><th>time</th><th>host time</th><th>what</th><th>source</th></tr></thead><tbody>\n${rows.join('\n')}\n</tbody></table>`;
}

function findings(input: ReportInput): string {
  const titles = new Map(input.items.map((i) => [i.id, i.type === 'action' ? i.text : i.title]));
  const list = inTimeOrder(input.items).flatMap((item) =>
    item.type === 'finding'
      ? [
          `<li class="sev-${item.severity}"><strong>${text(item.title)}</strong> (${item.severity}, ${text(clock(item.eventAt, input.timeZone))})${item.text ? `: ${text(item.text, 10_000)}` : ''}${
            item.evidence.length > 0
              ? `. Evidence: ${item.evidence.map((id) => text(titles.get(id) ?? id)).join(', ')}`
              : ''
          }</li>`,
        ]
      : [],
  );
  return list.length > 0 ? `<ul>${list.join('\n')}</ul>` : '<p class="none">None written yet.</p>';
}

function actions(input: ReportInput): string {
  const list = input.items.flatMap((item) =>
    item.type === 'action'
      ? [
          `<li>${item.done ? '☑' : '☐'} ${text(item.text, 10_000)}${item.owner ? ` (${text(item.owner)})` : ''}</li>`,
        ]
      : [],
  );
  return list.length > 0
    ? `<ul class="actions">${list.join('\n')}</ul>`
    : '<p class="none">None yet.</p>';
}

/** What the snapshot's connection reached, when it was recorded. */
function connectionHtml(item: SnapshotOf): string {
  const record = item.source.connection;
  return record
    ? `<p class="source">${text(`Connected to ${connectionRecordText(record)}`, 5000)}</p>`
    : '';
}

function snapshots(input: ReportInput): string {
  return inTimeOrder(input.items)
    .flatMap((item) => {
      if (item.type !== 'snapshot') return [];
      const raw = item.raw ? input.evidence.get(item.raw.ref) : undefined;
      const meta = `${sourceText(item)}${item.hostTime ? ` · host time ${item.hostTime}` : ''} · ${item.capture.kind}, ${item.capture.unparsedLines} lines not understood`;
      return [
        `<section class="snapshot"><h3>${text(`${clock(item.eventAt, input.timeZone)} · ${item.title}`)}</h3><p class="source">${text(meta, 5000)}</p>${connectionHtml(item)}${snapshotViewHtml(item, raw)}</section>`,
      ];
    })
    .join('\n');
}

/**
 * The whole investigation as one self-contained HTML file, the Markdown report's sections with
 * each snapshot's view drawn as static HTML/SVG. It has no script and loads nothing; every text
 * from hosts and users is escaped.
 */
export function htmlReport(input: ReportInput): string {
  const { summary } = input;
  const tz = input.timeZone;
  const counts = (type: NotebookItem['type']) => input.items.filter((i) => i.type === type).length;
  const dates = `Started ${day(summary.createdAt, tz)} ${clock(summary.createdAt, tz)}, last changed ${day(summary.updatedAt, tz)} ${clock(summary.updatedAt, tz)} · ${counts('snapshot')} snapshots, ${counts('finding')} findings, ${counts('action')} action items.`;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${text(summary.title)}</title>
<style>${REPORT_CSS}</style>
</head>
<body>
<h1>${text(summary.title)}</h1>
<p class="meta">${text(dates)}</p>
<h2>Notes</h2>
${input.notes.trim() ? notesHtml(input.notes.trimEnd()) : '<p class="none">No notes.</p>'}
<h2>Timeline</h2>
${timeline(input)}
<h2>Findings</h2>
${findings(input)}
<h2>Action items</h2>
${actions(input)}
<h2>Snapshots</h2>
${snapshots(input)}
</body>
</html>
`;
}
