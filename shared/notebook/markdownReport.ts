import { connectionRecordText } from '../connection/recordText';
import { cleanLine } from '../parsers/lineSplitter';
import type { NotebookItem } from '../contract/notebook';
import { mdCodeBlock, mdInline } from './markdownText';
import {
  clock,
  day,
  describeItem,
  eventAt,
  inTimeOrder,
  type ReportInput,
  type SnapshotOf,
} from './reportInput';

/** Lines of a snapshot's raw output quoted in a report: the end of it, where the moment is. */
const QUOTED_LINES = 60;

/**
 * The user's Markdown as it is, with raw HTML made inert: outside code, `<` becomes `&lt;`, so a
 * `<script>` in the notes is shown, never run, by whatever renders the report.
 */
export function inertMarkdown(notes: string): string {
  let fence: string | null = null;
  return notes
    .split('\n')
    .map((line) => {
      const opening = /^\s{0,3}(`{3,}|~{3,})/.exec(line)?.[1];
      if (fence) {
        if (opening && opening[0] === fence[0] && opening.length >= fence.length) fence = null;
        return line;
      }
      if (opening) {
        fence = opening;
        return line;
      }
      // Inline code spans keep their text; everything else loses its tags.
      return line
        .split(/(`+[^`]*`+)/)
        .map((part, i) => (i % 2 === 1 ? part : part.replace(/</g, '&lt;')))
        .join('');
    })
    .join('\n');
}

/** The end of a snapshot's raw output, as the terminal showed it (colours and redraws out). */
export function quotedOutput(raw: string, lines = QUOTED_LINES): string {
  const all = raw.split('\n').map(cleanLine);
  while (all.length > 0 && (all[all.length - 1] ?? '').trim() === '') all.pop();
  const kept = all.slice(-lines);
  const skipped = all.length - kept.length;
  return `${skipped > 0 ? `… ${skipped} earlier lines …\n` : ''}${kept.join('\n')}`;
}

function sourceLine(item: SnapshotOf): string {
  const s = item.source;
  return [
    mdInline(s.host),
    s.pid ? `PID ${s.pid}` : null,
    s.command ? `\`${s.command.replace(/`/g, "'")}\`` : null,
    s.log ? `capture log ${mdInline(s.log.path)} at ${s.log.atSeconds.toFixed(1)} s` : null,
  ]
    .filter(Boolean)
    .join(' · ');
}

function timeline(input: ReportInput): string[] {
  const rows = inTimeOrder(input.items).map((item) => {
    const host = item.type === 'snapshot' && item.hostTime ? mdInline(item.hostTime) : '';
    const source = item.type === 'snapshot' ? sourceLine(item).replace(/\|/g, '\\|') : '';
    return `| ${clock(eventAt(item), input.timeZone)} | ${host} | ${mdInline(describeItem(item)).replace(/\|/g, '\\|')} | ${source} |`;
  });
  if (rows.length === 0) return ['Nothing was pinned.', ''];
  return ['| time | host time | what | source |', '| --- | --- | --- | --- |', ...rows, ''];
}

function findings(input: ReportInput): string[] {
  const titles = new Map(input.items.map((i) => [i.id, i.type === 'action' ? i.text : i.title]));
  const list = inTimeOrder(input.items).flatMap((item) =>
    item.type === 'finding'
      ? [
          `- **${mdInline(item.title)}** (${item.severity}, ${clock(item.eventAt, input.timeZone)})${item.text ? `: ${mdInline(item.text)}` : ''}${
            item.evidence.length > 0
              ? `. Evidence: ${item.evidence.map((id) => mdInline(titles.get(id) ?? id)).join(', ')}`
              : ''
          }`,
        ]
      : [],
  );
  return list.length > 0 ? [...list, ''] : ['None written yet.', ''];
}

function actions(input: ReportInput): string[] {
  const list = input.items.flatMap((item) =>
    item.type === 'action'
      ? [
          `- [${item.done ? 'x' : ' '}] ${mdInline(item.text)}${item.owner ? ` (${mdInline(item.owner)})` : ''}`,
        ]
      : [],
  );
  return list.length > 0 ? [...list, ''] : ['None yet.', ''];
}

function snapshots(input: ReportInput): string[] {
  return inTimeOrder(input.items).flatMap((item) => {
    if (item.type !== 'snapshot') return [];
    const raw = item.raw ? input.evidence.get(item.raw.ref) : undefined;
    return [
      `### ${clock(item.eventAt, input.timeZone)} · ${mdInline(item.title)}`,
      '',
      `${sourceLine(item)}${item.hostTime ? ` · host time ${mdInline(item.hostTime)}` : ''} · ${item.capture.kind}, ${item.capture.unparsedLines} lines not understood`,
      '',
      ...(item.source.connection
        ? [`Connected to ${mdInline(connectionRecordText(item.source.connection))}`, '']
        : []),
      raw === undefined
        ? item.raw
          ? '_Its raw output is missing from this export._\n'
          : '_No raw output was kept._\n'
        : mdCodeBlock(quotedOutput(raw)),
    ];
  });
}

/** The whole investigation as one Markdown file: notes, timeline, findings, actions, snapshots. */
export function markdownReport(input: ReportInput): string {
  const { summary } = input;
  const counts = (type: NotebookItem['type']) => input.items.filter((i) => i.type === type).length;
  return [
    `# ${mdInline(summary.title)}`,
    '',
    `Started ${day(summary.createdAt, input.timeZone)} ${clock(summary.createdAt, input.timeZone)}, last changed ${day(summary.updatedAt, input.timeZone)} ${clock(summary.updatedAt, input.timeZone)} · ${counts('snapshot')} snapshots, ${counts('finding')} findings, ${counts('action')} action items.`,
    '',
    '## Notes',
    '',
    input.notes.trim() ? inertMarkdown(input.notes.trimEnd()) : '_No notes._',
    '',
    '## Timeline',
    '',
    ...timeline(input),
    '## Findings',
    '',
    ...findings(input),
    '## Action items',
    '',
    ...actions(input),
    '## Snapshots',
    '',
    ...snapshots(input),
  ].join('\n');
}

/**
 * A post-mortem skeleton filled from the investigation: the timeline and findings as they were
 * kept, the parts only a person can write left as prompts.
 */
export function postMortem(input: ReportInput): string {
  const first = inTimeOrder(input.items)[0];
  const root = input.items.filter((i) => i.type === 'finding' && i.severity !== 'info');
  return [
    `# Post-mortem: ${mdInline(input.summary.title)}`,
    '',
    '## Summary',
    '',
    root[0] && root[0].type === 'finding'
      ? `${mdInline(root[0].title)}. _(Say in two sentences what happened and what it cost.)_`
      : '_(Say in two sentences what happened and what it cost.)_',
    '',
    '## Impact',
    '',
    `_(Who was affected, how, from when to when.)_ The first evidence was kept on ${first ? `${day(eventAt(first), input.timeZone)} at ${clock(eventAt(first), input.timeZone)}` : '—'}.`,
    '',
    '## Timeline',
    '',
    ...timeline(input),
    '## Root cause',
    '',
    ...findings(input),
    '## Trigger',
    '',
    '_(What set it off.)_',
    '',
    '## Resolution',
    '',
    '_(What ended it, and when.)_',
    '',
    '## Action items',
    '',
    ...actions(input),
  ].join('\n');
}
