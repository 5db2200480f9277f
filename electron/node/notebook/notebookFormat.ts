import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { InvestigationId } from '../../../shared/contract/index';
import { writeDurably } from './durableWrite';
import { stableJson } from './stableJson';

/** The on-disk format this app writes (docs/notebook-format.md). */
export const FORMAT_VERSION = 2;

export const InvestigationMeta = z.object({
  format: z.number().int().min(1),
  id: InvestigationId,
  title: z.string().min(1).max(200),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type InvestigationMeta = z.infer<typeof InvestigationMeta>;

/** A step from format N to N+1 on an investigation's folder; `MIGRATIONS[N - 1]` is N's. */
export type Migration = (folder: string) => Promise<void>;

/** Sets the format a folder's investigation.json declares, once its step has run. */
async function declareFormat(folder: string, format: number): Promise<void> {
  const path = join(folder, 'investigation.json');
  const meta = InvestigationMeta.parse(JSON.parse(await readFile(path, 'utf8')));
  await writeDurably(path, stableJson({ ...meta, format }));
}

/**
 * Numbered migrations, oldest first; each opens a folder of every older format in its test.
 * 1 → 2: recordings (items of type `recording`, their asciicast as evidence) may be in a folder.
 * A format-1 app would call such an item unreadable, so the version says it; nothing on disk
 * changes but the declared format.
 */
export const MIGRATIONS: readonly Migration[] = [(folder) => declareFormat(folder, 2)];

/** How a folder's format reads to this app: as it is, after migrations, or not at all. */
export function formatVerdict(
  format: number,
  current = FORMAT_VERSION,
): { kind: 'current' } | { kind: 'migrate'; steps: number } | { kind: 'newer'; problem: string } {
  if (format === current) return { kind: 'current' };
  if (format < current) return { kind: 'migrate', steps: current - format };
  return {
    kind: 'newer',
    problem: `it was written by a newer workbench (format ${format}; this one reads up to ${current})`,
  };
}

/** Runs the migrations from `format` up to the current one; returns the format reached. */
export async function migrate(
  folder: string,
  format: number,
  migrations: readonly Migration[] = MIGRATIONS,
): Promise<number> {
  let at = format;
  while (at - 1 < migrations.length) {
    const step = migrations[at - 1];
    if (!step) break;
    await step(folder);
    at++;
  }
  return at;
}
