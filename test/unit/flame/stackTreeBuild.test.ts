/**
 * The one-go tree build (buildSorted through appendSorted, a multikey quicksort that appends as it
 * partitions) makes exactly the nodes, in exactly the order, of the plain algorithm it replaced:
 * sort the stacks as frame-id sequences, then append to each the frames after the prefix it
 * shares with the one before. Node ids matter: the layout walks them, and a tree handed to the
 * UI is read by id.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { StackSamples } from '../../../shared/flame/stackSamples';
import { StackTree } from '../../../shared/flame/stackTree';
import { StackSamplesBuilder } from '../../../shared/parsers/collapsed';

const FRAMES = Array.from({ length: 7 }, (_, i) => ({ name: `f${i}`, file: 'm.py', line: i }));

interface Node {
  frame: number;
  parent: number;
  self: number;
  selfB: number;
}

/** The replaced algorithm, over one or two series (B's weights into selfB). */
function reference(sets: { stacks: StackSamples['stacks']; series: 'A' | 'B' }[]): Node[] {
  const all = sets.flatMap(({ stacks, series }) => stacks.map((s) => ({ ...s, series })));
  const order = all.map((_, i) => i);
  order.sort((x, y) => {
    const a = all[x]?.frameIds ?? [];
    const b = all[y]?.frameIds ?? [];
    for (let i = 0; i < Math.min(a.length, b.length); i++) {
      const d = (a[i] ?? 0) - (b[i] ?? 0);
      if (d !== 0) return d;
    }
    return a.length - b.length;
  });
  const nodes: Node[] = [{ frame: -1, parent: -1, self: 0, selfB: 0 }];
  let path = [0];
  let prev: number[] = [];
  for (const k of order) {
    const s = all[k];
    if (!s) continue;
    let common = 0;
    while (common < Math.min(prev.length, s.frameIds.length) && prev[common] === s.frameIds[common])
      common++;
    path = path.slice(0, common + 1);
    for (let i = common; i < s.frameIds.length; i++) {
      nodes.push({ frame: s.frameIds[i] ?? 0, parent: path[i] ?? 0, self: 0, selfB: 0 });
      path.push(nodes.length - 1);
    }
    const end = nodes[path[s.frameIds.length] ?? 0];
    if (end && s.series === 'A') end.self += s.weight;
    else if (end) end.selfB += s.weight;
    prev = s.frameIds;
  }
  return nodes;
}

function nodesOf(tree: StackTree): Node[] {
  const a = tree.arrays();
  const { selfA, selfB } = tree.seriesArrays();
  const frames = tree.frames;
  return Array.from({ length: tree.nodeCount }, (_, n) => ({
    frame: n === 0 ? -1 : Number(frames.label(a.frame[n] ?? 0).slice(1, 2)),
    parent: n === 0 ? -1 : (a.parent[n] ?? 0),
    self: selfA[n] ?? 0,
    selfB: selfB?.[n] ?? 0,
  }));
}

const samples = (stacks: StackSamples['stacks']): StackSamples => ({
  frames: FRAMES,
  stacks,
  totalWeight: stacks.reduce((t, s) => t + s.weight, 0),
});

// Few frames and short stacks: many shared prefixes, stacks that are prefixes of others, repeats.
const stacks = fc.array(
  fc.record({
    frameIds: fc.array(fc.integer({ min: 0, max: FRAMES.length - 1 }), { maxLength: 6 }),
    weight: fc.integer({ min: 1, max: 50 }),
  }),
  { maxLength: 80 },
);

describe('the one-go tree build', () => {
  it('makes the nodes of sort-then-append, in the same order', () => {
    fc.assert(
      fc.property(stacks, (list) => {
        // Distinct stacks, as a parser gives them (repeats merged).
        const seen = new Set<string>();
        const distinct = list.filter(
          (s) => !seen.has(s.frameIds.join()) && !!seen.add(s.frameIds.join()),
        );
        expect(nodesOf(StackTree.fromSamples(samples(distinct)))).toEqual(
          reference([{ stacks: distinct, series: 'A' }]),
        );
      }),
      { numRuns: 400 },
    );
  });

  it('a diff of two sample sets: one tree, each side in its own series', () => {
    fc.assert(
      fc.property(stacks, stacks, (before, after) => {
        const tree = StackTree.diff(samples(before), samples(after));
        const expected = reference([
          { stacks: before, series: 'A' },
          { stacks: after, series: 'B' },
        ]);
        expect(nodesOf(tree)).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });

  it("flat samples (a parser's own arrays) give the tree of their records, plain or differential", () => {
    fc.assert(
      fc.property(stacks, fc.boolean(), (list, differential) => {
        const b = new StackSamplesBuilder();
        for (const f of FRAMES) b.frameId(f.name, () => f);
        list.forEach((s, i) => b.addStack(s.frameIds, s.weight, differential ? i % 3 : undefined));
        const fromRecords = StackTree.fromSamples(b.build(differential));
        const fromFlat = StackTree.fromSamples(b.flatInPlace(differential));
        expect(fromFlat.isDiff).toBe(differential && list.length > 0);
        expect(nodesOf(fromFlat)).toEqual(nodesOf(fromRecords));
        // Through a diff as well: the flat set and the record set in one tree.
        const mixed = StackTree.diff(b.flatInPlace(differential), b.build(differential));
        expect(nodesOf(mixed)).toEqual(
          nodesOf(StackTree.diff(b.build(differential), b.build(differential))),
        );
      }),
      { numRuns: 300 },
    );
  });

  it('a stack 100 000 frames deep and 50 000 stacks that differ in their last frame only', () => {
    const deep = Array.from({ length: 100_000 }, (_, i) => i % FRAMES.length);
    const wide = Array.from({ length: 50_000 }, (_, i) => ({
      frameIds: [0, 1, 2, (i * 7919) % FRAMES.length, i % 5],
      weight: 1,
    }));
    const tree = StackTree.fromSamples(samples([{ frameIds: deep, weight: 3 }, ...wide]));
    expect(tree.totalWeight).toBe(50_003);
    // The root, the deep chain, then 0;1;2 shared: 7 fourth frames (f3 on the deep chain) and
    // 35 fourth-fifth pairs (f3;f4 on the deep chain).
    expect(tree.nodeCount).toBe(1 + 100_000 + (FRAMES.length - 1) + (FRAMES.length * 5 - 1));
  });
});
