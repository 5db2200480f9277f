/**
 * The files an investigation exports to, and the one way each is made: redacted by the plan the
 * user saw in the preview, then checked that none of the plan's values is left in the file.
 */
import type { RedactionPlan } from '../redaction';
import { htmlReport } from './htmlReport';
import { markdownReport, postMortem } from './markdownReport';
import { leftoverValues, redactReport } from './redactReport';
import type { ReportInput } from './reportInput';

export type ExportKind = 'report' | 'post-mortem' | 'html';

export const EXPORT_FORMATS: Record<
  ExportKind,
  { label: string; suffix: string; type: string; make(input: ReportInput): string }
> = {
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
};

export const isExportKind = (value: string): value is ExportKind =>
  Object.hasOwn(EXPORT_FORMATS, value);

/** The start of a safe file name from an investigation's title. */
export const fileStem = (title: string): string =>
  title.replace(/[^\w.-]+/g, '-').replace(/^-+|-+$/g, '') || 'investigation';

/** A safe file name from the investigation's title (already redacted when the title was). */
export const exportFileName = (title: string, kind: ExportKind): string =>
  `${fileStem(title)}${EXPORT_FORMATS[kind].suffix}`;

export class RedactionLeak extends Error {}

/** The exported file's name and text; throws RedactionLeak rather than let a value out. */
export function makeExport(
  kind: ExportKind,
  input: ReportInput,
  plan: RedactionPlan,
): { name: string; text: string } {
  const redacted = redactReport(input, plan);
  const text = EXPORT_FORMATS[kind].make(redacted);
  const left = leftoverValues(text, plan);
  if (left.length > 0)
    throw new RedactionLeak(
      `${String(left.length)} redacted value(s) would still be in the file; nothing was saved`,
    );
  return { name: exportFileName(redacted.summary.title, kind), text };
}
