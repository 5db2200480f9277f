import { z } from 'zod';
import { InvestigationId } from '../../../shared/contract/index';

/** The on-disk format this app writes (docs/notebook-format.md). */
export const FORMAT_VERSION = 1;

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

/**
 * Numbered migrations, oldest first. Format 1 is the first: none yet. A new format adds its step
 * here and a test that opens a folder of every older format.
 */
export const MIGRATIONS: readonly Migration[] = [];

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
