import { searchTree } from '../../../shared/flame/stackTreeSearch';
import { topFunctions } from '../../../shared/flame/topFunctions';
import { describe, expect, it } from 'vitest';
import { ROOT_NODE, StackTree } from '../../../shared/flame/stackTree';
import { isStackTreeData, stackTreeBuffers, treeToData } from '../../../shared/flame/stackTreeData';
import { readSharedFixture } from '../fixturePath';
import { canonical, samplesOf, SANDWICH_TEXT } from './flameSamples';

const GIL = readSharedFixture('pyspy-record-raw-gil-threads.txt');
const AFTER = 'main;serve;handle 30\nmain;serve;parse 5\nmain;idle 65\n';
const BEFORE = 'main;serve;handle 80\nmain;serve;lock_wait 15\nmain;idle 5\n';

/** Through a real structured clone with the buffers transferred, as postMessage does. */
function across(tree: StackTree, handOver = false): StackTree {
  const data = treeToData(tree, handOver);
  const moved = structuredClone(data, { transfer: stackTreeBuffers(data) });
  expect(data.frame.byteLength).toBe(0); // transferred, not copied
  expect(isStackTreeData(moved)).toBe(true);
  return StackTree.fromData(moved);
}

function readSide(tree: StackTree) {
  const nodes = Array.from({ length: tree.nodeCount }, (_, n) => ({
    label: tree.label(n),
    depth: tree.depthOf(n),
    parent: tree.parentOf(n),
    children: Array.from(tree.childrenOf(n)),
    weights: tree.weights(n),
  }));
  return { nodes, total: tree.totalWeight, depth: tree.maxDepth, isDiff: tree.isDiff };
}

describe('StackTree data across threads', () => {
  it('reads the same after a transfer: nodes, children order, weights, search, exports', () => {
    for (const text of [GIL, SANDWICH_TEXT]) {
      const tree = StackTree.fromSamples(samplesOf(text));
      const copy = across(tree);
      expect(readSide(copy)).toEqual(readSide(tree));
      expect(canonical(copy)).toEqual(canonical(tree));
      expect(searchTree(copy, 'work').share).toBe(searchTree(tree, 'work').share);
      expect(topFunctions(copy, { limit: 5 })).toEqual(topFunctions(tree, { limit: 5 }));
    }
  });

  it('keeps a diff tree a diff: both series, shares and the bases', () => {
    const diff = StackTree.diff(samplesOf(BEFORE), samplesOf(AFTER));
    const copy = across(diff);
    expect(copy.isDiff).toBe(true);
    expect(copy.seriesTotals).toEqual({ a: 100, b: 100 });
    expect(readSide(copy)).toEqual(readSide(diff));
  });

  it('stays a working tree: merging more samples after the transfer', () => {
    const copy = across(StackTree.fromSamples(samplesOf(BEFORE)));
    copy.mergeSamples(samplesOf(AFTER));
    const both = StackTree.fromSamples(samplesOf(BEFORE + AFTER));
    expect(canonical(copy)).toEqual(canonical(both));
    expect(copy.totalWeight).toBe(200);
  });

  it('the sender keeps a usable tree, and an empty tree crosses too', () => {
    const tree = StackTree.fromSamples(samplesOf(GIL));
    treeToData(tree);
    expect(tree.totalWeight).toBe(1032);
    const empty = across(StackTree.empty());
    expect(empty.nodeCount).toBe(1);
    expect(empty.totalWeight).toBe(0);
    expect(empty.childrenOf(ROOT_NODE)).toHaveLength(0);
  });

  it("hands over a tree's own arrays without copies, and they read the same across", () => {
    for (const make of [
      () => StackTree.fromSamples(samplesOf(GIL)),
      () => StackTree.diff(samplesOf(BEFORE), samplesOf(AFTER)),
    ]) {
      const tree = make();
      const handed = treeToData(tree, true);
      // The same memory as the tree's read side: no copy was made.
      expect(handed.childList.buffer).toBe(tree.arrays().childList.buffer);
      expect(handed.frame.buffer).toBe(tree.arrays().frame.buffer);
      expect(readSide(across(make(), true))).toEqual(readSide(make()));
    }
  });

  it('refuses what is not tree data', () => {
    expect(isStackTreeData(null)).toBe(false);
    expect(isStackTreeData({ frames: [], count: 3 })).toBe(false);
    const data = treeToData(StackTree.fromSamples(samplesOf(GIL)));
    expect(isStackTreeData({ ...data, count: data.count + 5 })).toBe(false);
  });
});
