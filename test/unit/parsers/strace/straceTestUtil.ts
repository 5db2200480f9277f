import { readdirSync } from 'node:fs';
import { expect } from 'vitest';
import { StraceParser, type StraceModel } from '../../../../shared/parsers/strace';
import { localFixture, readLocalFixture, readSharedFixture } from '../../fixturePath';
import { piecesAt, piecesOf, utf8Pieces } from '../randomInput';

/** Real strace captures shipped in test/fixtures/shared. */
export const SHARED_STRACE_FIXTURES = [
  'strace-f-tt-T-logging-loop.txt',
  'strace-c-logging-loop.txt',
] as const;

/** Captures recorded on the dev machine into test/fixtures/strace (see its README.md). */
export const LOCAL_STRACE_FIXTURES = readdirSync(localFixture('strace'))
  .filter((f) => f.endsWith('.txt') || f.endsWith('.typescript'))
  .sort();

export function readStraceFixture(name: string): string {
  return readLocalFixture('strace', name);
}

/** Every strace fixture as [label, text]. */
export function allStraceFixtures(): [string, string][] {
  return [
    ...SHARED_STRACE_FIXTURES.map((f): [string, string] => [`shared/${f}`, readSharedFixture(f)]),
    ...LOCAL_STRACE_FIXTURES.map((f): [string, string] => [`local/${f}`, readStraceFixture(f)]),
  ];
}

export interface Parsed {
  model: StraceModel;
  unparsedLines: number;
  internalErrors: number;
}

/** Feeds the pieces in order, then ends the stream. */
function feed(pieces: readonly string[]): Parsed {
  const parser = new StraceParser();
  for (const piece of pieces) parser.push(piece);
  parser.end();
  return {
    model: parser.snapshot(),
    unparsedLines: parser.unparsedLines,
    internalErrors: parser.internalErrors,
  };
}

/** Feeds `text` split at the given offsets. */
export function parseInPieces(text: string, cuts: readonly number[]): Parsed {
  return feed(piecesAt(text, cuts));
}

/** Feeds `text` in chunks of `size` characters. */
export function parseInChunks(text: string, size: number): Parsed {
  return feed(piecesOf(text, size));
}

/** Feeds the UTF-8 bytes of `text` in `size`-byte pieces through a streaming TextDecoder. */
export function parseBytes(text: string, size: number): Parsed {
  return feed(utf8Pieces(text, size));
}

/** Every number in a value tree is finite (or null). */
function numbersFinite(value: unknown): boolean {
  if (typeof value === 'number') return Number.isFinite(value);
  if (value === null || typeof value !== 'object') return true;
  return Object.values(value).every(numbersFinite);
}

/** Structural sanity of a model; used by the property tests. */
export function expectWellFormed(p: Parsed): void {
  const m = p.model;
  expect(p.internalErrors).toBe(0);
  expect(Number.isSafeInteger(m.unparsedLines)).toBe(true);
  expect(m.unparsedLines).toBeGreaterThanOrEqual(0);
  expect(m.unparsedLines).toBeLessThanOrEqual(m.lines);
  expect(m.errors).toBeLessThanOrEqual(m.calls);
  expect(numbersFinite(m)).toBe(true);
  expect(m.syscalls.reduce((a, s) => a + s.count, 0)).toBe(m.calls);
  expect(m.syscalls.reduce((a, s) => a + s.errors, 0)).toBe(m.errors);
  expect(m.errnos.reduce((a, s) => a + s.count, 0)).toBe(m.errors);
  expect(m.errorGroups.reduce((a, g) => a + g.count, 0) + m.otherErrors).toBe(m.errors);
  for (const ev of m.recent) expect(typeof ev.kind).toBe('string');
  // Plain data: survives structured cloning (what postMessage does) unchanged.
  expect(structuredClone(m)).toEqual(m);
}
