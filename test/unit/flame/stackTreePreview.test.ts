/**
 * A large profile's preview (`StackTree.fromSamples(samples, { minWeight })`): only the nodes at
 * least `minWeight` heavy, every total exact. Drawn at a width where `minWeight` is under the
 * layout's least width, it is the whole tree's picture: the same bars at the same places.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { layoutFlame } from '../../../shared/flame/layout';
import type { StackSamples } from '../../../shared/flame/stackSamples';
import { StackTree } from '../../../shared/flame/stackTree';
import { CollapsedStackParser, StackSamplesBuilder } from '../../../shared/parsers/collapsed';
import { generateCollapsed } from '../../bench/flameBenchData';

const FRAMES = Array.from({ length: 9 }, (_, i) => ({ name: `f${i}`, file: 'm.py', line: i }));

/** Every bar a layout draws: its frame's label, x, width and depth. */
function bars(tree: StackTree, width: number): string[] {
  const layout = layoutFlame(tree, { width, minWidth: 0.5 });
  const frameOf = tree.arrays().frame;
  return Array.from({ length: layout.count }, (_, i) => {
    const node = layout.node[i] ?? 0;
    const label = node === 0 ? 'root' : tree.frames.label(frameOf[node] ?? 0);
    return `${label} ${layout.x[i]} ${layout.width[i]} ${layout.depth[i]}`;
  });
}

const distinct = (list: StackSamples['stacks']): StackSamples => {
  const b = new StackSamplesBuilder();
  for (const f of FRAMES) b.frameId(f.name, () => f);
  for (const s of list) b.addStack(s.frameIds, s.weight);
  return b.build(false);
};

// Weights spread over four orders of magnitude: many stacks fall under the least width.
const stacks = fc.array(
  fc.record({
    frameIds: fc.array(fc.integer({ min: 0, max: FRAMES.length - 1 }), { maxLength: 7 }),
    weight: fc.oneof(fc.integer({ min: 1, max: 9 }), fc.integer({ min: 100, max: 20_000 })),
  }),
  { maxLength: 120 },
);

describe('the preview of a large profile', () => {
  it('draws the bars of the whole tree at any width its least weight is made for', () => {
    fc.assert(
      fc.property(stacks, fc.integer({ min: 40, max: 4000 }), (list, width) => {
        const samples = distinct(list);
        const minWeight = (samples.totalWeight * 0.5) / width;
        const preview = StackTree.fromSamples(samples, { minWeight });
        const whole = StackTree.fromSamples(samples);
        expect(preview.totalWeight).toBe(whole.totalWeight);
        expect(preview.nodeCount).toBeLessThanOrEqual(whole.nodeCount);
        expect(bars(preview, width)).toEqual(bars(whole, width));
        // Narrower graphs too: a preview for one width serves every narrower one.
        expect(bars(preview, Math.ceil(width / 3))).toEqual(bars(whole, Math.ceil(width / 3)));
      }),
      { numRuns: 400 },
    );
  });

  it('keeps every node at least minWeight heavy with its exact total, and no lighter group', () => {
    fc.assert(
      fc.property(stacks, fc.integer({ min: 1, max: 5000 }), (list, minWeight) => {
        const samples = distinct(list);
        const totals = (tree: StackTree) => {
          const a = tree.arrays();
          const out = new Map<string, number>();
          const path = (n: number): string =>
            n === 0 ? '' : `${path(a.parent[n] ?? 0)};${tree.frames.label(a.frame[n] ?? 0)}`;
          for (let n = 1; n < a.count; n++) out.set(path(n), a.total[n] ?? 0);
          return out;
        };
        const kept = totals(StackTree.fromSamples(samples, { minWeight }));
        const all = totals(StackTree.fromSamples(samples));
        for (const [path, total] of all) {
          if (total >= minWeight) expect(kept.get(path)).toBe(total);
        }
        for (const [path, total] of kept) expect(all.get(path)).toBe(total);
      }),
      { numRuns: 300 },
    );
  });

  it('a generated profile: a fraction of the nodes, the same picture at 1440 and 4096 pixels', () => {
    const { text } = generateCollapsed({ stacks: 20_000, samples: 200_000, seed: 7 });
    const parser = new CollapsedStackParser();
    parser.push(text);
    parser.end();
    const samples = parser.flatInPlace();
    const preview = StackTree.fromSamples(samples, { minWeight: 200_000 / 16_384 });
    const whole = StackTree.fromSamples(samples);
    expect(preview.nodeCount * 5).toBeLessThan(whole.nodeCount);
    for (const width of [1440, 4096]) expect(bars(preview, width)).toEqual(bars(whole, width));
  });

  it('a diff tree is never pruned: its bars are two series shares', () => {
    const b = new StackSamplesBuilder();
    for (const f of FRAMES) b.frameId(f.name, () => f);
    b.addStack([0, 1], 1000, 10);
    b.addStack([0, 2], 1, 5);
    const samples = b.build(true);
    const tree = StackTree.fromSamples(samples, { minWeight: 500 });
    expect(tree.nodeCount).toBe(StackTree.fromSamples(samples).nodeCount);
  });
});
