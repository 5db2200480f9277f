import { pathOf } from '../../../shared/flame/stackTreePaths';
import { describe, expect, it } from 'vitest';
import {
  hitTestLayout,
  indexOfNode,
  layoutFlame,
  rectsAtDepth,
  type FlameLayout,
} from '../../../shared/flame/layout';
import { ROOT_NODE, StackTree } from '../../../shared/flame/stackTree';
import { readSharedFixture } from '../fixturePath';
import { nodeAt, SANDWICH_TEXT, samplesOf } from './flameSamples';

const EPS = 1e-6;

/** Children's widths add up to at most the parent's width, each child inside its parent. */
function expectNested(tree: StackTree, layout: FlameLayout): void {
  for (let i = 0; i < layout.count; i++) {
    const node = layout.node[i] ?? 0;
    const parent = tree.parentOf(node);
    const depth = layout.depth[i] ?? 0;
    const p = parent < 0 ? -1 : indexOfNode(layout, parent, depth - 1);
    if (depth === layout.firstDepth || p < 0) continue;
    const left = layout.x[p] ?? 0;
    expect(layout.x[i]).toBeGreaterThanOrEqual(left - EPS);
    expect((layout.x[i] ?? 0) + (layout.width[i] ?? 0)).toBeLessThanOrEqual(
      left + (layout.width[p] ?? 0) + EPS,
    );
  }
}

function expectNoOverlap(layout: FlameLayout): void {
  for (let d = layout.firstDepth; d <= layout.maxDepth; d++) {
    const rects = rectsAtDepth(layout, d);
    for (let i = 1; i < rects.length; i++) {
      const prev = rects[i - 1];
      const rect = rects[i];
      if (!prev || !rect) continue;
      expect(prev.x + prev.width).toBeLessThanOrEqual(rect.x + EPS);
    }
  }
}

describe('layoutFlame', () => {
  const tree = StackTree.fromSamples(samplesOf(SANDWICH_TEXT));

  it('gives each node total / zoomTotal of the width; children + self add up to the parent', () => {
    const layout = layoutFlame(tree, { width: 240, minWidth: 0 });
    expect(rectsAtDepth(layout, 0)).toEqual([{ nodeId: ROOT_NODE, x: 0, width: 240, depth: 0 }]);
    // main 20 of 24, other 4 of 24
    expect(rectsAtDepth(layout, 1).map((r) => [tree.label(r.nodeId), r.x, r.width])).toEqual([
      ['main', 0, 200],
      ['other', 200, 40],
    ]);
    for (let i = 0; i < layout.count; i++) {
      const node = layout.node[i] ?? 0;
      const depth = layout.depth[i] ?? 0;
      const children = rectsAtDepth(layout, depth + 1).filter(
        (r) => tree.parentOf(r.nodeId) === node,
      );
      const self = (tree.weights(node).self / tree.totalWeight) * 240;
      const sum = children.reduce((s, r) => s + r.width, 0);
      expect(sum + self).toBeCloseTo(layout.width[i] ?? 0, 9);
    }
    expect(layout.maxDepth).toBe(tree.maxDepth);
    expectNested(tree, layout);
    expectNoOverlap(layout);
  });

  it('skips rects narrower than the minimum width, and their subtrees', () => {
    // other = 40 px of 240; at width 24 it is 4 px; main;gamma;gamma (2 of 24) is 2 px.
    const layout = layoutFlame(tree, { width: 24, minWidth: 3 });
    for (let i = 0; i < layout.count; i++) expect(layout.width[i]).toBeGreaterThanOrEqual(3);
    const labels = Array.from(layout.node).map((n) => pathOf(tree, n).map((m) => tree.label(m)));
    expect(labels).toContainEqual(['other']);
    expect(labels).not.toContainEqual(['main', 'gamma']); // 2 px
    expect(labels).not.toContainEqual(['main', 'gamma', 'gamma']); // under a skipped rect
    expect(labels).toContainEqual(['other', 'gamma']); // 4 px
    expect(labels).toContainEqual(['main', 'beta']); // 3 px: the minimum itself is kept
  });

  it('zooms: the zoomed node spans the width, ancestors full width, no siblings', () => {
    const alpha = nodeAt(tree, ['main', 'alpha']);
    const layout = layoutFlame(tree, { width: 150, root: alpha, minWidth: 0 });
    expect(rectsAtDepth(layout, 0)).toEqual([{ nodeId: ROOT_NODE, x: 0, width: 150, depth: 0 }]);
    expect(rectsAtDepth(layout, 1).map((r) => [tree.label(r.nodeId), r.width])).toEqual([
      ['main', 150],
    ]);
    expect(rectsAtDepth(layout, 2).map((r) => [tree.label(r.nodeId), r.width])).toEqual([
      ['alpha', 150],
    ]);
    // alpha 15: beta 10 → 100 px, gamma 5 → 50 px
    expect(rectsAtDepth(layout, 3).map((r) => [tree.label(r.nodeId), r.x, r.width])).toEqual([
      ['beta', 0, 100],
      ['gamma', 100, 50],
    ]);
    expect(Array.from(layout.node)).not.toContain(nodeAt(tree, ['other']));
    expectNoOverlap(layout);
  });

  it('emits only the requested depths', () => {
    const layout = layoutFlame(tree, { width: 240, minWidth: 0, fromDepth: 2, toDepth: 4 });
    expect(new Set(layout.depth)).toEqual(new Set([2, 3]));
    expect(layout.firstDepth).toBe(2);
    expect(layout.maxDepth).toBe(3);
    expect(rectsAtDepth(layout, 1)).toEqual([]);
    expect(rectsAtDepth(layout, 4)).toEqual([]);
    // Zoomed below the window: the ancestors in the window are full width.
    const deep = layoutFlame(tree, {
      width: 100,
      root: nodeAt(tree, ['main', 'alpha', 'beta']),
      fromDepth: 1,
      toDepth: 3,
    });
    expect(Array.from(deep.width)).toEqual([100, 100]);
  });

  it('visits only what is visible: a huge narrow tail costs nothing', () => {
    const lines = ['root;hot 1000000'];
    for (let i = 0; i < 5000; i++) lines.push(`root;cold${i};leaf 1`);
    const big = StackTree.fromSamples(samplesOf(lines.join('\n')));
    const layout = layoutFlame(big, { width: 1000, minWidth: 0.5 });
    expect(layout.count).toBe(3); // all, root, hot
  });

  it('hit-tests by x within a row', () => {
    const layout = layoutFlame(tree, { width: 240, minWidth: 0 });
    const at = (x: number, depth: number) => {
      const i = hitTestLayout(layout, x, depth);
      return i < 0 ? null : tree.label(layout.node[i] ?? 0);
    };
    expect(at(10, 1)).toBe('main');
    expect(at(199.9, 1)).toBe('main');
    expect(at(200, 1)).toBe('other');
    expect(at(239, 1)).toBe('other');
    expect(at(240, 1)).toBeNull();
    expect(at(5, 9)).toBeNull();
    expect(at(5, 0)).toBe('all');
  });

  it('handles an empty tree and a zero width', () => {
    expect(layoutFlame(StackTree.empty(), { width: 100 }).count).toBe(0);
    expect(layoutFlame(tree, { width: 0 }).count).toBe(0);
  });

  it('lays out the py-spy fixture', () => {
    const gil = StackTree.fromSamples(
      samplesOf(readSharedFixture('pyspy-record-raw-gil-threads.txt')),
    );
    const layout = layoutFlame(gil, { width: 1032, minWidth: 0.5 });
    expect(rectsAtDepth(layout, 4).map((r) => [gil.label(r.nodeId), r.width])).toEqual([
      ['work (gil.py:5)', 907],
      ['work (gil.py:4)', 93],
    ]);
  });
});
