/**
 * Reading an investigation's folder without throwing on what is in it: damage becomes a
 * `problem`, and the folder opens read-only. For opening, big snapshot models can be left out
 * (deferred): the timeline never reads them, and a strace model can be half a megabyte of JSON,
 * so fifty of them would make opening wait seconds for what only an export needs.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import {
  NotebookItem,
  SnapshotItem,
  type InvestigationSummary,
} from '../../../shared/contract/index';
import { formatVerdict, InvestigationMeta } from './notebookFormat';

/** What a folder holds, as read: its items, and why it may only be read, if it may not be written. */
export interface ReadFolder {
  meta: InvestigationMeta;
  notes: string;
  items: NotebookItem[];
  /** Snapshots read without their model (its `capture.data` is null here). */
  deferred: string[];
  problem: string | null;
}

export interface ReadOptions {
  /** Leave out the model of snapshots whose file is larger than this many characters. */
  deferOver?: number;
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));
/** The dates of a folder whose own are unreadable. */
const EPOCH = new Date(0).toISOString();

/**
 * A snapshot with its model unchecked. JSON.parse can only make JSON values, so checking the
 * model value by value (the slow part, for half a megabyte) could not fail on a file anyway.
 */
const SnapshotShell = SnapshotItem.extend({
  capture: SnapshotItem.shape.capture.extend({ data: z.unknown() }),
});

export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/** One item file's text as an item: whole, or with its model left out when it is big. */
function itemOf(text: string, deferOver: number): { item: NotebookItem; deferred: boolean } | null {
  const value = parseJson(text);
  if (text.length > deferOver) {
    const shell = SnapshotShell.safeParse(value);
    if (shell.success)
      return {
        item: { ...shell.data, capture: { ...shell.data.capture, data: null } },
        deferred: true,
      };
  }
  const item = NotebookItem.safeParse(value);
  return item.success ? { item: item.data, deferred: false } : null;
}

export async function readFolder(
  folder: string,
  id: string,
  format: number,
  { deferOver = Infinity }: ReadOptions = {},
): Promise<ReadFolder> {
  const metaText = await readFile(join(folder, 'investigation.json'), 'utf8').catch(
    (error: unknown) => {
      throw new Error(`No investigation ${id} here (${message(error)}).`);
    },
  );
  const meta = InvestigationMeta.safeParse(parseJson(metaText));
  if (!meta.success)
    return {
      meta: { format, id, title: id, createdAt: EPOCH, updatedAt: EPOCH },
      notes: '',
      items: [],
      deferred: [],
      problem: `its investigation.json is damaged (${meta.error.issues[0]?.message ?? 'not JSON'})`,
    };
  const verdict = formatVerdict(meta.data.format, format);
  const notes = await readFile(join(folder, 'notes.md'), 'utf8').catch(() => '');
  const items: NotebookItem[] = [];
  const deferred: string[] = [];
  const bad: string[] = [];
  const names = await readdir(join(folder, 'items')).catch(() => []);
  for (const name of names.filter((n) => n.endsWith('.json')).sort()) {
    const text = await readFile(join(folder, 'items', name), 'utf8').catch((e) => message(e));
    const read = itemOf(text, deferOver);
    if (!read) bad.push(name);
    else {
      items.push(read.item);
      if (read.deferred) deferred.push(read.item.id);
    }
  }
  const problem =
    verdict.kind === 'newer'
      ? verdict.problem
      : bad.length > 0
        ? `${bad.length} of its items cannot be read (${bad.slice(0, 3).join(', ')})`
        : null;
  return { meta: meta.data, notes, items, deferred, problem };
}

/** One item, whole (its model checked), or null when it is not there or cannot be read. */
export async function readItem(folder: string, itemId: string): Promise<NotebookItem | null> {
  const text = await readFile(join(folder, 'items', `${itemId}.json`), 'utf8').catch(() => '');
  const item = NotebookItem.safeParse(parseJson(text));
  return item.success ? item.data : null;
}

export function summaryOf(read: ReadFolder): InvestigationSummary {
  return {
    id: read.meta.id,
    title: read.meta.title,
    createdAt: read.meta.createdAt,
    updatedAt: read.meta.updatedAt,
    items: read.items.length,
    problem: read.problem,
  };
}

export const openOf = (read: ReadFolder) => ({
  summary: summaryOf(read),
  notes: read.notes,
  items: read.items,
  deferred: read.deferred,
});
