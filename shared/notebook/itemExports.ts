/**
 * Exports of one item, for the tools people already share them with: a flame snapshot as collapsed
 * stacks (flamegraph.pl, inferno, speedscope all read them) or a speedscope file, a recording as
 * asciicast (asciinema's player). They are made from the redacted report input, like the reports.
 */
import { parseCollapsed, toCollapsed } from '../parsers/collapsed/collapsedParser';
import { samplesToSpeedscope } from '../flame/stackTreeExport';
import type { StackSamples } from '../parsers/collapsed/stackSamples';
import { collapsedSamples, parserOptionsOf } from './html/reparse';
import type { ReportInput, SnapshotOf } from './reportInput';

export type ItemExportKind = 'collapsed' | 'speedscope' | 'asciicast';

/** Which items an item export applies to. */
export const exportsItem = (kind: ItemExportKind, item: ReportInput['items'][number]): boolean =>
  kind === 'asciicast'
    ? item.type === 'recording'
    : item.type === 'snapshot' && item.capture.kind === 'collapsed';

export class ItemExportError extends Error {}

function itemOf(input: ReportInput, kind: ItemExportKind, itemId: string | undefined) {
  const item = input.items.find((each) => each.id === itemId);
  if (!item || !exportsItem(kind, item))
    throw new ItemExportError('choose a flame graph snapshot or a recording to export');
  return item;
}

/** The snapshot's stacks: the tree it kept when pinned, else its raw output read again. */
function flameSamples(input: ReportInput, item: SnapshotOf): StackSamples {
  const data = item.capture.data;
  const kept =
    typeof data === 'object' && data !== null && !Array.isArray(data) ? data.collapsed : null;
  if (typeof kept === 'string') return parseCollapsed(kept).samples;
  const raw = item.raw ? input.evidence.get(item.raw.ref) : undefined;
  if (raw === undefined) throw new ItemExportError(`“${item.title}” kept no stacks to export`);
  return collapsedSamples(raw, parserOptionsOf(item.view));
}

/** The file's text; throws ItemExportError when the item cannot be exported this way. */
export function makeItemExport(
  kind: ItemExportKind,
  input: ReportInput,
  itemId: string | undefined,
): string {
  const item = itemOf(input, kind, itemId);
  if (item.type === 'recording') {
    const cast = input.recordings?.get(item.recording.ref);
    if (cast === undefined) throw new ItemExportError(`the recording “${item.title}” was not read`);
    return cast;
  }
  if (item.type !== 'snapshot') throw new ItemExportError('not a snapshot');
  const samples = flameSamples(input, item);
  return kind === 'speedscope'
    ? `${JSON.stringify(samplesToSpeedscope(samples, item.title))}\n`
    : toCollapsed(samples);
}
