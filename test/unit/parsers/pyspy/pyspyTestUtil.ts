/** Fixture lists and model checks for the py-spy and gdb parser tests. */
import { readdirSync } from 'node:fs';
import { expect } from 'vitest';
import type { PyDumpModel } from '../../../../shared/parsers/pyspy';
import { localFixture, readLocalFixture, readSharedFixture } from '../../fixturePath';
import { isPlainData } from './streamTestUtil';

/** py-spy dump text in test/fixtures/shared. */
export const SHARED_DUMP_TEXT = [
  'pyspy-dump-gil-threads.txt',
  'pyspy-dump-locals.txt',
  'pyspy-dump-uvicorn-to-thread.txt',
  'seed000-pyspy-top-and-dump.txt',
] as const;

const local = (re: RegExp): string[] =>
  readdirSync(localFixture('pyspy'))
    .filter((f) => re.test(f))
    .sort();

/** Recorded dump text (incl. errors and TTY recordings) in test/fixtures/pyspy. */
export const LOCAL_DUMP_TEXT = local(/^(?:dump|error)-.*\.(?:txt|typescript)$/);
/** py-spy dump text from public issue trackers in test/fixtures/pyspy/issues (see its README). */
export const ISSUE_DUMP_TEXT = readdirSync(localFixture('pyspy', 'issues'))
  .filter((f) => /-dump-.*\.txt$/.test(f))
  .sort();
/** Recorded `dump --json` output. */
export const LOCAL_DUMP_JSON = local(/^dump-json-.*\.json$/);
/** Recorded `py-spy top` sessions (script recordings). */
export const LOCAL_TOP = local(/^top-.*\.typescript$/);

/** Every dump-text fixture as [label, text]. */
export function allDumpTextFixtures(): [string, string][] {
  return [
    ...SHARED_DUMP_TEXT.map((f): [string, string] => [`shared/${f}`, readSharedFixture(f)]),
    ...LOCAL_DUMP_TEXT.map((f): [string, string] => [`local/${f}`, readLocalFixture('pyspy', f)]),
    ...ISSUE_DUMP_TEXT.map((f): [string, string] => [
      `issues/${f}`,
      readLocalFixture('pyspy', 'issues', f),
    ]),
  ];
}

export function allDumpJsonFixtures(): [string, string][] {
  return LOCAL_DUMP_JSON.map((f): [string, string] => [`local/${f}`, readLocalFixture('pyspy', f)]);
}

const okNumber = (n: unknown): boolean => typeof n === 'number' && Number.isFinite(n);

/** Structural sanity of a PyDumpModel; used by fixture and property tests. */
export function expectWellFormedDump(model: PyDumpModel, unparsedLines: number): void {
  expect(Number.isSafeInteger(unparsedLines) && unparsedLines >= 0).toBe(true);
  expect(isPlainData(model)).toBe(true);
  expect(model.errors.every((e) => typeof e === 'string')).toBe(true);
  expect(model.warnings.every((e) => typeof e === 'string')).toBe(true);
  let lastRun = -1;
  for (const d of model.dumps) {
    expect(Number.isSafeInteger(d.pid) && d.pid >= 0).toBe(true);
    expect(d.run).toBeGreaterThanOrEqual(lastRun);
    lastRun = d.run;
    for (const t of d.threads) {
      expect(typeof t.threadId).toBe('string');
      expect(t.threadId.length).toBeGreaterThan(0);
      expect(t.tid === null || (Number.isSafeInteger(t.tid) && t.tid >= 0)).toBe(true);
      expect(t.active === null || typeof t.active === 'boolean').toBe(true);
      expect(typeof t.ownsGil).toBe('boolean');
      expect(typeof t.idle).toBe('boolean');
      for (const f of t.frames) {
        expect(typeof f.function).toBe('string');
        expect(typeof f.file).toBe('string');
        expect(f.line === null || (okNumber(f.line) && f.line >= 0)).toBe(true);
        for (const l of f.locals ?? []) {
          expect(typeof l.name).toBe('string');
          expect(typeof l.value).toBe('string');
        }
      }
    }
  }
}

/** Compact view of a dump for assertions: "tid status name: leaf frames". */
export function threadSummary(model: PyDumpModel, dumpIndex = 0): string[] {
  const d = model.dumps[dumpIndex];
  if (d === undefined) return [];
  return d.threads.map((t) => {
    const status = t.ownsGil ? 'active+gil' : t.idle ? 'idle' : t.active ? 'active' : '?';
    const leaf = t.frames[0];
    const where = leaf ? `${leaf.function} (${leaf.file}:${leaf.line ?? ''})` : '-';
    return `${t.threadId} ${status} ${t.name ?? ''}: ${where} [${t.frames.length}]`;
  });
}
