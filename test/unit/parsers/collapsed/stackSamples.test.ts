/**
 * StackSamplesBuilder merges repeated stacks through its own hash index (StackIndex, open
 * addressing that grows). The collapsed reference test builds its model with the same builder, so
 * the merging is checked here against a string-keyed Map, over enough stacks to grow the index
 * several times.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { StackSamplesBuilder } from '../../../../shared/parsers/collapsed';

/** The merge by a string key: stacks in order of first appearance, weights summed. */
function mergedByKey(stacks: number[][], weights: number[]): { ids: number[]; weight: number }[] {
  const byKey = new Map<string, { ids: number[]; weight: number }>();
  stacks.forEach((ids, i) => {
    const key = ids.join(',');
    const seen = byKey.get(key);
    if (seen === undefined) byKey.set(key, { ids, weight: weights[i] ?? 0 });
    else seen.weight += weights[i] ?? 0;
  });
  return [...byKey.values()];
}

describe('StackSamplesBuilder', () => {
  it('merges repeated stacks as a string-keyed Map does, across index growth', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.integer({ min: 0, max: 5 }), { minLength: 1, maxLength: 6 }), {
          minLength: 1500, // past 512 distinct stacks the index grows (fast-check's arrays stay short otherwise)
          maxLength: 3000,
        }),
        fc.array(fc.integer({ min: 1, max: 9 }), { minLength: 3000, maxLength: 3000 }),
        (stacks, weights) => {
          const b = new StackSamplesBuilder();
          stacks.forEach((ids, i) => b.addStack([...ids], weights[i] ?? 0));
          const model = b.build(false);
          const expected = mergedByKey(stacks, weights);
          expect(model.stacks.map((s) => ({ ids: s.frameIds, weight: s.weight }))).toEqual(
            expected,
          );
          expect(model.totalWeight).toBe(
            weights.slice(0, stacks.length).reduce((a, w) => a + w, 0),
          );
        },
      ),
      { numRuns: 40 },
    );
  });

  it('keeps a second count only on stacks that were given one, summed over repeats', () => {
    const b = new StackSamplesBuilder();
    b.addStack([0, 1], 2);
    b.addStack([0, 2], 3, 4);
    b.addStack([0, 1], 1);
    b.addStack([0, 2], 1, 5);
    b.addStack([0, 1], 1, 7); // the first stack gets a second count late
    expect(b.build(true).stacks).toEqual([
      { frameIds: [0, 1], weight: 4, weightB: 7 },
      { frameIds: [0, 2], weight: 4, weightB: 9 },
    ]);
    expect(b.totalWeightB).toBe(16);
    // Records made before keep their identity and get the later weights.
    const first = b.stacks[0];
    b.addStack([0, 1], 10);
    expect(b.stacks[0]).toBe(first);
    expect(first?.weight).toBe(14);
  });
});
