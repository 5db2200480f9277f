import { readdirSync } from 'node:fs';
import { expect } from 'vitest';
import { TopStreamParser, type TopFrame, type TopRow } from '../../../../shared/parsers/top';
import { localFixture, readLocalFixture, readSharedFixture } from '../../fixturePath';
import { piecesAt, piecesOf } from '../randomInput';

/** Real `top` captures shipped in test/fixtures/shared. */
export const SHARED_TOP_FIXTURES = [
  'top-b-n2-host.txt',
  'top-b-H-p-gil-threads.txt',
  'top-b-H-p-uvicorn-to-thread.txt',
  'seed000-top-H-p.txt',
  'seed000-top-host.txt',
] as const;

/** Captures recorded on the dev machine into test/fixtures/top (see its README.md). */
export const LOCAL_TOP_FIXTURES = readdirSync(localFixture('top'))
  .filter((f) => f.endsWith('.txt'))
  .sort();

/** Outputs of other machines quoted in public issue trackers, in test/fixtures/top/issues. */
export const ISSUE_TOP_FIXTURES = readdirSync(localFixture('top', 'issues'))
  .filter((f) => f.endsWith('.txt'))
  .sort();

/** Every top fixture as [label, text]. */
export function allTopFixtures(): [string, string][] {
  return [
    ...SHARED_TOP_FIXTURES.map((f): [string, string] => [`shared/${f}`, readSharedFixture(f)]),
    ...LOCAL_TOP_FIXTURES.map((f): [string, string] => [`local/${f}`, readLocalFixture('top', f)]),
    ...ISSUE_TOP_FIXTURES.map((f): [string, string] => [
      `issues/${f}`,
      readLocalFixture('top', 'issues', f),
    ]),
  ];
}

export interface TopParsed {
  frames: TopFrame[];
  unparsedLines: number;
  internalErrors: number;
}

/** Feeds the pieces in order and collects every frame. */
function feed(pieces: readonly string[]): TopParsed {
  const parser = new TopStreamParser();
  const frames: TopFrame[] = [];
  for (const piece of pieces) frames.push(...parser.push(piece));
  frames.push(...parser.end());
  return { frames, unparsedLines: parser.unparsedLines, internalErrors: parser.internalErrors };
}

/** Feeds `text` split at the given offsets and collects every frame. */
export function parseInPieces(text: string, cuts: readonly number[]): TopParsed {
  return feed(piecesAt(text, cuts));
}

/** Feeds `text` in chunks of `size` characters. */
export function parseInChunks(text: string, size: number): TopParsed {
  return feed(piecesOf(text, size));
}

// eslint-disable-next-line no-control-regex
const CONTROL_CHARS = /[\x00-\x1f\x7f]/;

function finiteOrNull(v: number | null | undefined): boolean {
  return v === null || v === undefined || Number.isFinite(v);
}

function rowIsWellFormed(r: TopRow): boolean {
  return (
    Number.isSafeInteger(r.pid) &&
    r.pid >= 0 &&
    typeof r.user === 'string' &&
    typeof r.priority === 'string' &&
    Number.isFinite(r.nice) &&
    finiteOrNull(r.virtKiB) &&
    finiteOrNull(r.resKiB) &&
    finiteOrNull(r.shrKiB) &&
    typeof r.state === 'string' &&
    Number.isFinite(r.cpuPercent) &&
    finiteOrNull(r.memPercent) &&
    finiteOrNull(r.cpuTimeSeconds) &&
    finiteOrNull(r.ppid) &&
    finiteOrNull(r.lastCpu) &&
    finiteOrNull(r.vszPercent) &&
    typeof r.command === 'string' &&
    !CONTROL_CHARS.test(r.command)
  );
}

/** Every number in a summary object tree is finite. */
function numbersFinite(value: unknown): boolean {
  if (typeof value === 'number') return Number.isFinite(value);
  if (value === null || typeof value !== 'object') return true;
  return Object.values(value).every(numbersFinite);
}

/** Structural sanity of parser output; used by the property tests. */
export function expectWellFormed(result: {
  frames: TopFrame[];
  unparsedLines: number;
  internalErrors?: number;
}): void {
  expect(Number.isSafeInteger(result.unparsedLines)).toBe(true);
  expect(result.unparsedLines).toBeGreaterThanOrEqual(0);
  expect(result.internalErrors ?? 0).toBe(0);
  let inFrames = 0;
  for (const f of result.frames) {
    expect(['procps', 'busybox', 'toybox']).toContain(f.flavor);
    expect(f.unparsedLines).toBeGreaterThanOrEqual(0);
    inFrames += f.unparsedLines;
    expect(numbersFinite(f.summary)).toBe(true);
    const bad = f.rows.filter((r) => !rowIsWellFormed(r));
    expect(bad).toEqual([]);
  }
  expect(inFrames).toBeLessThanOrEqual(result.unparsedLines);
}
