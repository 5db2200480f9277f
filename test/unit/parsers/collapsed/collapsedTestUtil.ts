/** Fixtures and model checks for the collapsed-stack and speedscope tests. */
import { readdirSync } from 'node:fs';
import { expect } from 'vitest';
import type { StackSamples } from '../../../../shared/parsers/collapsed';
import { localFixture, readLocalFixture, readSharedFixture } from '../../fixturePath';
import { isPlainData } from '../pyspy/streamTestUtil';

/** py-spy `record --format raw` outputs recorded in test/fixtures/collapsed. */
export const LOCAL_RAW = readdirSync(localFixture('collapsed'))
  .filter((f) => /^raw-.*\.txt$/.test(f))
  .sort();

export const LOCAL_SPEEDSCOPE = readdirSync(localFixture('collapsed'))
  .filter((f) => /^speedscope-.*\.json$/.test(f))
  .sort();

export function allCollapsedFixtures(): [string, string][] {
  return [
    [
      'shared/pyspy-record-raw-gil-threads.txt',
      readSharedFixture('pyspy-record-raw-gil-threads.txt'),
    ],
    ...LOCAL_RAW.map((f): [string, string] => [`local/${f}`, readLocalFixture('collapsed', f)]),
  ];
}

/** Structure of StackSamples: ids in range, weights finite, totals consistent, frames unique. */
export function expectWellFormedSamples(s: StackSamples): void {
  expect(isPlainData(s)).toBe(true);
  const n = s.frames.length;
  let total = 0;
  let totalB = 0;
  const keys = new Set<string>();
  for (const st of s.stacks) {
    expect(st.frameIds.length).toBeGreaterThan(0);
    for (const id of st.frameIds) expect(Number.isInteger(id) && id >= 0 && id < n).toBe(true);
    expect(Number.isFinite(st.weight) && st.weight >= 0).toBe(true);
    total += st.weight;
    if (s.differential === true) {
      expect(Number.isFinite(st.weightB)).toBe(true);
      totalB += st.weightB ?? 0;
    } else expect(st.weightB).toBeUndefined();
    const key = st.frameIds.join(',');
    expect(keys.has(key)).toBe(false);
    keys.add(key);
  }
  expect(s.totalWeight).toBeCloseTo(total, 6);
  if (s.differential === true) expect(s.totalWeightB).toBeCloseTo(totalB, 6);
}
