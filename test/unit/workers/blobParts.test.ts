/**
 * How many threads read a large collapsed-stacks file: one core is left to the page and the
 * browser's reading (on 2 cores a second thread made the bench's profile slower), and a part
 * count asked for is taken only when the worker can honour it.
 */
import { describe, expect, it } from 'vitest';
import { defaultParts, MAX_PARTS, partsOf, planParts } from '../../../renderer/workers/blobParts';
import { PARALLEL_MIN_BYTES } from '../../../shared/parsers/collapsed/index';

describe('parts of a large file', () => {
  it('one core per part but one, at least one part, at most MAX_PARTS', () => {
    expect([0, 1, 2, 3, 4, 5, 8, 64].map(defaultParts)).toEqual([1, 1, 1, 2, 3, 4, 4, 4]);
    expect(defaultParts(Number.NaN)).toBe(1);
  });

  it('a part count asked for is used when it is a whole number from 1 to MAX_PARTS', () => {
    expect(partsOf(3, 2)).toBe(3);
    expect(partsOf(1, 8)).toBe(1);
    for (const bad of [0, -1, 2.5, MAX_PARTS + 1, Number.NaN, Infinity]) {
      expect(partsOf(bad, 8)).toBe(defaultParts(8));
    }
    expect(partsOf(undefined, 2)).toBe(1);
  });

  it('a file cut for three parts gives three ranges, each after the first at a line start', async () => {
    const line = 'main;work;leaf 1\n';
    const text = line.repeat(Math.ceil((PARALLEL_MIN_BYTES * 1.2) / line.length));
    const plan = await planParts(new Blob([text]), 3);
    expect(plan?.ranges).toHaveLength(3);
    for (const [from] of plan?.ranges.slice(1) ?? []) expect(text[from - 1]).toBe('\n');
    expect(plan?.ranges.at(-1)?.[1]).toBe(text.length);
    expect(await planParts(new Blob([text]), 1)).toBeNull();
  });
});
