/**
 * Paths to test fixtures. The team's shared real tool outputs are copied, unchanged, into
 * `test/fixtures/shared/` (so a clone tests on its own, wherever it is); fixtures recorded for
 * this repository live in `test/fixtures/<tool>/`.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Root of this repository (the directory holding package.json). */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** A file of the team's shared fixture set (`test/fixtures/shared/<name>`). */
export function sharedFixture(name: string): string {
  return path.resolve(repoRoot, 'test', 'fixtures', 'shared', name);
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
