/**
 * Paths to test fixtures. Real tool output shared by the team lives read-only in `/work/shared/fixtures`
 * (a sibling of the repository); fixtures recorded for this repository live in `test/fixtures`.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Root of this repository (the directory holding package.json). */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** A file of the shared, read-only fixture set (`../shared/fixtures/<name>` next to the repo). */
export function sharedFixture(name: string): string {
  return path.resolve(repoRoot, '..', 'shared', 'fixtures', name);
}

/** A fixture recorded for this repository: `test/fixtures/<...parts>`. */
export function localFixture(...parts: string[]): string {
  return path.resolve(repoRoot, 'test', 'fixtures', ...parts);
}

/** Reads a shared fixture as UTF-8 text. */
export function readSharedFixture(name: string): string {
  return readFileSync(sharedFixture(name), 'utf8');
}

/** Reads a local fixture as UTF-8 text. */
export function readLocalFixture(...parts: string[]): string {
  return readFileSync(localFixture(...parts), 'utf8');
}
