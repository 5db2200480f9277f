import { htmlReport } from '../../../shared/notebook/htmlReport';
import { markdownReport, postMortem } from '../../../shared/notebook/markdownReport';
import type { ReportInput } from '../../../shared/notebook/reportInput';
import { workbenchClient } from '../../state/client';
import { useAppStore } from '../../state/store';

/** What an export holds: the open investigation, its notes as typed, its snapshots' raw output. */
async function reportInput(notes: string): Promise<ReportInput | null> {
  const open = useAppStore.getState().investigation;
  if (!open) return null;
  const evidence = new Map<string, string>();
  for (const item of open.items) {
    if (item.type !== 'snapshot' || !item.raw || evidence.has(item.raw.ref)) continue;
    const { text } = await workbenchClient().call('notebook.evidence', {
      investigationId: open.summary.id,
      ref: item.raw.ref,
    });
    evidence.set(item.raw.ref, text);
  }
  return { summary: open.summary, notes, items: open.items, evidence };
}

/** A safe file name from the investigation's title. */
const fileName = (title: string, suffix: string) =>
  `${title.replace(/[^\w.-]+/g, '-').replace(/^-+|-+$/g, '') || 'investigation'}${suffix}`;

function download(name: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export type ExportKind = 'report' | 'post-mortem' | 'html';

const FORMATS: Record<
  ExportKind,
  { suffix: string; type: string; make(input: ReportInput): string }
> = {
  report: { suffix: '.md', type: 'text/markdown', make: markdownReport },
  'post-mortem': { suffix: '-post-mortem.md', type: 'text/markdown', make: postMortem },
  html: { suffix: '.html', type: 'text/html', make: htmlReport },
};

export const isExportKind = (value: string): value is ExportKind => Object.hasOwn(FORMATS, value);

/** Saves the investigation as a Markdown report, a post-mortem skeleton, or one HTML file. */
export async function exportReport(kind: ExportKind, notes: string): Promise<void> {
  try {
    const input = await reportInput(notes);
    if (!input) return;
    const format = FORMATS[kind];
    download(fileName(input.summary.title, format.suffix), format.make(input), format.type);
  } catch (error) {
    useAppStore
      .getState()
      .noticeRaised(
        'error',
        `Export failed: ${error instanceof Error ? error.message : String(error)}`,
      );
  }
}
