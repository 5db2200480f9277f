import { isAncestorOrSelf } from '../../../shared/flame/stackTreePaths';
import { searchTree } from '../../../shared/flame/stackTreeSearch';
import { topFunctions } from '../../../shared/flame/topFunctions';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { layoutFlame, rectsAtDepth } from '../../../shared/flame/layout';
import type { StackSamples } from '../../../shared/flame/stackSamples';
import { StackTree } from '../../../shared/flame/stackTree';
import { canonical } from './flameSamples';

const FRAMES = ['main', 'handle', 'query', 'parse', 'render', 'send'].map((name, i) => ({
  name,
  file: `app/m${i % 3}.py`,
  line: 10 + i,
}));

const stacksArb = fc.array(
  fc.record({
    frameIds: fc.array(fc.integer({ min: 0, max: FRAMES.length - 1 }), {
      minLength: 1,
      maxLength: 9,
    }),
    weight: fc.integer({ min: 1, max: 1000 }),
  }),
  { minLength: 1, maxLength: 60 },
);

const samplesOf = (stacks: StackSamples['stacks']): StackSamples => ({
  frames: FRAMES,
  stacks,
  totalWeight: stacks.reduce((s, x) => s + x.weight, 0),
});

describe('flame graph properties', () => {
  it('tree totals equal the input total; every node total = self + children', () => {
    fc.assert(
      fc.property(stacksArb, (stacks) => {
        const samples = samplesOf(stacks);
        const tree = StackTree.fromSamples(samples);
        expect(tree.totalWeight).toBe(samples.totalWeight);
        const a = tree.arrays();
        let selfSum = 0;
        for (let n = 0; n < a.count; n++) {
          selfSum += a.self[n] ?? 0;
          let children = 0;
          for (const c of tree.childrenOf(n)) children += a.total[c] ?? 0;
          expect(a.total[n]).toBe((a.self[n] ?? 0) + children);
        }
        expect(selfSum).toBe(samples.totalWeight);
        // topFunctions: no function is heavier than the whole, self shares add up to 1.
        const rows = topFunctions(tree);
        expect(rows.reduce((s, r) => s + r.selfShare, 0)).toBeCloseTo(1, 9);
        for (const r of rows) expect(r.total).toBeLessThanOrEqual(samples.totalWeight);
      }),
      { numRuns: 200 },
    );
  });

  it('merging in any split equals building from everything', () => {
    fc.assert(
      fc.property(stacksArb, fc.nat(), (stacks, cut) => {
        const at = cut % (stacks.length + 1);
        const merged = StackTree.fromSamples(samplesOf(stacks.slice(0, at)));
        merged.mergeSamples(samplesOf(stacks.slice(at)));
        expect(canonical(merged)).toEqual(canonical(StackTree.fromSamples(samplesOf(stacks))));
      }),
      { numRuns: 100 },
    );
  });

  it('layout never overlaps, stays inside the view and inside parents, respects the minimum', () => {
    fc.assert(
      fc.property(
        stacksArb,
        fc.integer({ min: 1, max: 2000 }),
        fc.constantFrom(0, 0.5, 2, 7),
        fc.nat(),
        (stacks, width, minWidth, pick) => {
          const tree = StackTree.fromSamples(samplesOf(stacks));
          const root = pick % tree.nodeCount;
          const layout = layoutFlame(tree, { width, minWidth, root });
          const rootDepth = tree.depthOf(root);
          for (let d = layout.firstDepth; d <= layout.maxDepth; d++) {
            const rects = rectsAtDepth(layout, d);
            for (let i = 0; i < rects.length; i++) {
              const r = rects[i];
              if (!r) continue;
              expect(r.x).toBeGreaterThanOrEqual(-1e-9);
              expect(r.x + r.width).toBeLessThanOrEqual(width + 1e-6);
              if (d > rootDepth) expect(r.width).toBeGreaterThanOrEqual(minWidth);
              const next = rects[i + 1];
              if (next) expect(r.x + r.width).toBeLessThanOrEqual(next.x + 1e-6);
              if (d > rootDepth) {
                expect(isAncestorOrSelf(tree, root, r.nodeId)).toBe(true);
                const parent = rectsAtDepth(layout, d - 1).find(
                  (p) => p.nodeId === tree.parentOf(r.nodeId),
                );
                expect(parent).toBeDefined();
                if (parent) {
                  expect(r.x).toBeGreaterThanOrEqual(parent.x - 1e-6);
                  expect(r.x + r.width).toBeLessThanOrEqual(parent.x + parent.width + 1e-6);
                }
              } else {
                expect(r.width).toBe(width); // the zoomed node and its ancestors
              }
            }
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it('search share is the weight of stacks holding a match', () => {
    fc.assert(
      fc.property(stacksArb, fc.integer({ min: 0, max: FRAMES.length - 1 }), (stacks, f) => {
        const tree = StackTree.fromSamples(samplesOf(stacks));
        const name = FRAMES[f]?.name ?? '';
        const expected = stacks
          .filter((s) => s.frameIds.some((id) => FRAMES[id]?.name === name))
          .reduce((sum, s) => sum + s.weight, 0);
        expect(searchTree(tree, `/^${name} /`).matchedWeight).toBe(expected);
      }),
      { numRuns: 100 },
    );
  });
});
