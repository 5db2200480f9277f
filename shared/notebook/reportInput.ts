import type { InvestigationSummary, NotebookItem } from '../contract/notebook';

/** Everything a report is made of: the investigation, its notes and items, their raw output. */
export interface ReportInput {
  summary: InvestigationSummary;
  notes: string;
  items: readonly NotebookItem[];
  /** Raw output by evidence name (what snapshots kept); missing ones are said to be missing. */
  evidence: ReadonlyMap<string, string>;
  /** Recordings read for an asciicast export, by evidence name (asciicast v2 text). */
  recordings?: ReadonlyMap<string, string>;
  /** How times are written: the reader's local time by default (tests pass a fixed zone). */
  timeZone?: string;
}

export type SnapshotOf = Extract<NotebookItem, { type: 'snapshot' }>;

/** A length of time as people say it: `42 s`, `3 min 20 s`, `1 h 05 min`. */
export function duration(seconds: number): string {
  const s = Math.round(seconds);
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s`;
  return `${Math.floor(s / 3600)} h ${String(Math.floor(s / 60) % 60).padStart(2, '0')} min`;
}

/** What an item is, in one plain line of the timeline. */
export function describeItem(item: NotebookItem): string {
  switch (item.type) {
    case 'snapshot':
      return `snapshot: ${item.title}`;
    case 'finding':
      return `finding (${item.severity}): ${item.title}`;
    case 'action':
      return `action: ${item.text}${item.done ? ' (done)' : ''}`;
    case 'recording':
      return `recording: ${item.title} (${duration(item.seconds)}, ${(item.recording.bytes / 1e6).toFixed(1)} MB)`;
  }
}

/** When an item happened: what it shows, not when it was written down. */
export const eventAt = (item: NotebookItem): string =>
  item.type === 'action' ? item.createdAt : item.eventAt;

/** Oldest first; same-moment items in the order they were added. */
export function inTimeOrder(items: readonly NotebookItem[]): NotebookItem[] {
  return items
    .map((item, index) => ({ item, index }))
    .sort((a, b) => eventAt(a.item).localeCompare(eventAt(b.item)) || a.index - b.index)
    .map(({ item }) => item);
}

export function clock(iso: string, timeZone?: string): string {
  return new Date(iso).toLocaleTimeString('en-GB', {
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hour12: false,
    ...(timeZone ? { timeZone } : {}),
  });
}

export function day(iso: string, timeZone?: string): string {
  return new Date(iso).toLocaleDateString('en-CA', timeZone ? { timeZone } : {});
}
