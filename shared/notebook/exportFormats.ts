/**
 * The files an investigation exports to, and the one way each is made: redacted by the plan the
 * user saw in the preview, then checked that none of the plan's values is left in the file.
 */
import type { RedactionPlan } from '../redaction';
import { htmlReport } from './htmlReport';
import { makeItemExport, type ItemExportKind } from './itemExports';
import { markdownReport, postMortem } from './markdownReport';
import { leftoverValues, redactReport } from './redactReport';
import type { ReportInput } from './reportInput';

export type ExportKind = 'report' | 'post-mortem' | 'html' | ItemExportKind;

interface ExportFormat {
  label: string;
  suffix: string;
  type: string;
  /** Set for exports of one item: which items it applies to is `exportsItem`'s answer. */
  item?: ItemExportKind;
  make(input: ReportInput, itemId: string | undefined): string;
}

export const EXPORT_FORMATS: Record<ExportKind, ExportFormat> = {
  report: { label: 'Markdown report', suffix: '.md', type: 'text/markdown', make: markdownReport },
  'post-mortem': {
    label: 'Post-mortem (Markdown)',
    suffix: '-post-mortem.md',
    type: 'text/markdown',
    make: postMortem,
  },
  html: {
    label: 'HTML report (one file, no script)',
    suffix: '.html',
    type: 'text/html',
    make: htmlReport,
  },
  collapsed: {
    label: 'Flame graph as collapsed stacks (.txt)',
    suffix: '.collapsed.txt',
    type: 'text/plain',
    item: 'collapsed',
    make: (input, itemId) => makeItemExport('collapsed', input, itemId),
  },
  speedscope: {
    label: 'Flame graph as a speedscope file (.json)',
    suffix: '.speedscope.json',
    type: 'application/json',
    item: 'speedscope',
    make: (input, itemId) => makeItemExport('speedscope', input, itemId),
  },
  asciicast: {
    label: 'Recording as asciicast (.cast)',
    suffix: '.cast',
    type: 'application/x-asciicast',
    item: 'asciicast',
    make: (input, itemId) => makeItemExport('asciicast', input, itemId),
  },
};

export const isExportKind = (value: string): value is ExportKind =>
  Object.hasOwn(EXPORT_FORMATS, value);

/** The start of a safe file name from an investigation's title. */
export const fileStem = (title: string): string =>
  title.replace(/[^\w.-]+/g, '-').replace(/^-+|-+$/g, '') || 'investigation';

/** A safe file name from the investigation's title, or the item's (both already redacted). */
export const exportFileName = (title: string, kind: ExportKind): string =>
  `${fileStem(title)}${EXPORT_FORMATS[kind].suffix}`;

export class RedactionLeak extends Error {}

/** The exported file's name and text; throws RedactionLeak rather than let a value out. */
export function makeExport(
  kind: ExportKind,
  input: ReportInput,
  plan: RedactionPlan,
  itemId?: string,
): { name: string; text: string } {
  const redacted = redactReport(input, plan);
  const text = EXPORT_FORMATS[kind].make(redacted, itemId);
  const left = leftoverValues(text, plan);
  if (left.length > 0)
    throw new RedactionLeak(
      `${String(left.length)} redacted value(s) would still be in the file; nothing was saved`,
    );
  const item = redacted.items.find((each) => each.id === itemId);
  const title =
    EXPORT_FORMATS[kind].item && item && item.type !== 'action'
      ? item.title
      : redacted.summary.title;
  return { name: exportFileName(title, kind), text };
}
