import type { NotebookItem } from '../../../shared/contract/notebook';
import type { ParserKind } from '../../../shared/captures/captureKinds';
import type { ReportInput } from '../../../shared/notebook/reportInput';

export const REF = `sha256-${'a'.repeat(64)}`;

/** A snapshot of one kind whose raw output is `REF`. */
export function snapshotItem(
  kind: ParserKind,
  over: Partial<Extract<NotebookItem, { type: 'snapshot' }>> = {},
): Extract<NotebookItem, { type: 'snapshot' }> {
  return {
    type: 'snapshot',
    id: 's_abcdefgh1',
    title: `${kind} snapshot`,
    eventAt: '2026-12-06T10:10:36.000Z',
    pinnedAt: '2026-12-06T10:10:40.000Z',
    hostTime: '10:10:35',
    source: { host: 'lab', pid: null, command: null, log: null },
    capture: { kind, unparsedLines: 0, data: {} },
    view: {},
    raw: { ref: REF, bytes: 10 },
    ...over,
  };
}

/** A report of these items, times in UTC. */
export function investigation(
  items: NotebookItem[],
  notes = '',
  evidence = new Map<string, string>(),
): ReportInput {
  return {
    summary: {
      id: 'i_abcdefgh1',
      title: 'Seed 000',
      createdAt: '2026-12-06T10:00:00.000Z',
      updatedAt: '2026-12-06T10:20:00.000Z',
      items: items.length,
      problem: null,
    },
    notes,
    items,
    evidence,
    timeZone: 'UTC',
  };
}

/** A report of these items with `raw` as the evidence of `REF`. */
export const reportInput = (items: NotebookItem[], raw = '', notes = ''): ReportInput =>
  investigation(items, notes, new Map([[REF, raw]]));
