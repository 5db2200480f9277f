/**
 * Building a `StackTree` from samples: in one go from sorted stacks (no hash probes), stack by
 * stack through the child hash (merging later batches), or by copying another tree's nodes.
 */
import { ROOT_NODE } from './nodeIds';
import type { StackSamples, WeightedStack } from './stackSamples';
import type { StackTree } from './stackTree';

/** Frame ids of `samples` → frame ids of `tree` (interning new frames). */
function remapSampleFrames(tree: StackTree, samples: StackSamples): Int32Array {
  const remap = new Int32Array(samples.frames.length);
  for (let i = 0; i < samples.frames.length; i++) {
    const frame = samples.frames[i];
    remap[i] = tree.frames.intern(frame ?? { name: '(unknown)' });
  }
  return remap;
}

/** Adds samples one stack at a time, finding each (parent, frame) child through the hash. */
export function insertSamples(
  tree: StackTree,
  samples: StackSamples,
  series: 'A' | 'B',
  useWeightB: boolean,
): void {
  const remap = remapSampleFrames(tree, samples);
  // At most one new node per frame of input: reserve once instead of doubling repeatedly.
  let frames = 0;
  for (const stack of samples.stacks) frames += stack.frameIds.length;
  tree.reserveNodes(frames);
  const intoA = series === 'A' || !tree.isDiff;
  for (const stack of samples.stacks) {
    let node = ROOT_NODE;
    const ids = stack.frameIds;
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i] ?? 0;
      node = tree.addChild(node, id >= 0 && id < remap.length ? (remap[id] ?? 0) : 0);
    }
    addWeights(tree, node, stack, intoA, useWeightB);
  }
}

function addWeights(
  tree: StackTree,
  node: number,
  stack: WeightedStack,
  intoA: boolean,
  useWeightB: boolean,
): void {
  if (intoA) tree.addSelf(node, stack.weight, useWeightB ? stack.weightB : undefined);
  else tree.addSelf(node, 0, stack.weight);
}

/**
 * Builds an empty tree from whole sample sets without any hash lookup: the stacks are ordered
 * (as frame-id sequences) while the tree is appended (see appendSorted), so each node is made
 * once, with no random-access hash probe per frame (on the benchmark's 1.7 M nodes the probes
 * miss the cache: a sort then a pass was ~1.6x faster than inserting through the hash). The
 * child hash is built later, only if something needs it.
 */
export function buildSorted(
  tree: StackTree,
  sets: { samples: StackSamples; series: 'A' | 'B'; useWeightB: boolean }[],
): void {
  // Plain arrays only (the input's own when its frame table maps 1:1): one element kind keeps
  // the key reads of appendSorted monomorphic.
  const lists: number[][] = [];
  // Whose list is lists[k]: sets[ownerSet[k]].samples.stacks[ownerStack[k]] (numbers, not an
  // object per stack: 100 000 of them were the collector's work).
  let stackCount = 0;
  for (const { samples } of sets) stackCount += samples.stacks.length;
  const ownerSet = new Int32Array(stackCount);
  const ownerStack = new Int32Array(stackCount);
  let frames = 0;
  for (const [set, { samples }] of sets.entries()) {
    const remap = remapSampleFrames(tree, samples);
    let identity = true;
    for (let i = 0; i < remap.length && identity; i++) identity = remap[i] === i;
    for (let k = 0; k < samples.stacks.length; k++) {
      const stack = samples.stacks[k] as WeightedStack;
      let ids = stack.frameIds;
      let valid = identity;
      for (let i = 0; i < ids.length && valid; i++) {
        const id = ids[i] ?? -1;
        valid = id >= 0 && id < remap.length;
      }
      if (!valid) {
        ids = stack.frameIds.map((id) => (id >= 0 && id < remap.length ? (remap[id] ?? 0) : 0));
      }
      ownerSet[lists.length] = set;
      ownerStack[lists.length] = k;
      lists.push(ids);
      frames += ids.length;
    }
  }
  tree.reserveNodes(frames);
  appendSorted(tree, lists, (index, node) => {
    const owner = sets[ownerSet[index] as number];
    const stack = owner?.samples.stacks[ownerStack[index] as number];
    if (!owner || !stack) return;
    const intoA = owner.series === 'A' || !tree.isDiff;
    addWeights(tree, node, stack, intoA, owner.useWeightB);
  });
}

/**
 * Appends the trie of `lists` (frame-id sequences) under the root, in the order a sort of the
 * lists would give (pre-order, each node's children by frame id), and calls `finish` with each
 * list's index and the node where it ends. A multikey quicksort that builds as it partitions: a
 * group of lists sharing their first `d` frames (node `parent`) is split three ways on frame `d`;
 * the equal part becomes one child and goes on at `d + 1`; a group of one list is a chain of new
 * nodes. No comparator calls and no rescans of shared prefixes: on the bench's 100 000 stacks
 * this replaced a sort whose comparator was called ~1.7 M times. Explicit work stack (no
 * recursion), so a hostile file cannot overflow the call stack.
 */
function appendSorted(
  tree: StackTree,
  lists: number[][],
  finish: (index: number, node: number) => void,
): void {
  // The lists' indexes, put in order as the groups are partitioned.
  const order = new Int32Array(lists.length);
  for (let i = 0; i < order.length; i++) order[i] = i;
  // keys[i]: frame `depth` of lists[order[i]] (-1: it has no more), read once per group and
  // depth, then partitioned beside `order`: the lists are scattered in memory, and reading them
  // at every pass was most of the time (cache misses).
  const keys = new Int32Array(order.length);
  // Work items, six numbers each: lo, hi, depth, parent, the frame of a child to create first
  // (-1: the group hangs under `parent` itself), and whether keys[lo, hi) hold frame `depth`.
  // Popped last-pushed first.
  const work: number[] = [0, order.length, 0, ROOT_NODE, -1, 0];
  while (work.length > 0) {
    const keyed = work.pop() as number;
    const frame = work.pop() as number;
    let parent = work.pop() as number;
    const d = work.pop() as number;
    const hi = work.pop() as number;
    const lo = work.pop() as number;
    if (frame >= 0) parent = tree.appendNode(parent, frame);
    if (hi - lo === 1) {
      const index = order[lo] as number;
      const ids = lists[index] as number[];
      let node = parent;
      for (let i = d; i < ids.length; i++) node = tree.appendNode(node, ids[i] as number);
      finish(index, node);
      continue;
    }
    if (hi <= lo) continue;
    if (keyed === 0) {
      for (let i = lo; i < hi; i++) {
        const ids = lists[order[i] as number] as number[];
        keys[i] = d < ids.length ? (ids[d] as number) : -1;
      }
    }
    const pivot = medianOf3(
      keys[lo] as number,
      keys[(lo + hi) >> 1] as number,
      keys[hi - 1] as number,
    );
    let lt = lo;
    let gt = hi;
    for (let i = lo; i < gt;) {
      const k = keys[i] as number;
      if (k < pivot) swap(order, keys, lt++, i++);
      else if (k > pivot) swap(order, keys, i, --gt);
      else i++;
    }
    // Pushed in reverse: the smaller frames first, then the pivot's child, then the larger.
    if (gt < hi) work.push(gt, hi, d, parent, -1, 1);
    if (pivot < 0) {
      for (let i = lt; i < gt; i++) finish(order[i] as number, parent); // they end here
    } else work.push(lt, gt, d + 1, parent, pivot, 0);
    if (lo < lt) work.push(lo, lt, d, parent, -1, 1);
  }
}

function medianOf3(a: number, b: number, c: number): number {
  if (a < b) return b < c ? b : a < c ? c : a;
  return a < c ? a : b < c ? c : b;
}

function swap(order: Int32Array, keys: Int32Array, i: number, j: number): void {
  const t = order[i] as number;
  order[i] = order[j] as number;
  order[j] = t;
  const k = keys[i] as number;
  keys[i] = keys[j] as number;
  keys[j] = k;
}

/** Copies every node of `source` (its A series) into series `series` of `tree`. */
export function copyInto(tree: StackTree, source: StackTree, series: 'A' | 'B'): void {
  const remap = remapFrames(tree, source);
  const { frame, parent } = source.arrays();
  const { selfA } = source.seriesArrays();
  const intoB = series === 'B' && tree.isDiff;
  const map = new Int32Array(source.nodeCount);
  const add = (node: number, weight: number): void => {
    if (intoB) tree.addSelf(node, 0, weight);
    else tree.addSelf(node, weight);
  };
  add(ROOT_NODE, selfA[0] ?? 0);
  for (let n = 1; n < source.nodeCount; n++) {
    const node = tree.addChild(map[parent[n] ?? 0] ?? 0, remap[frame[n] ?? 0] ?? 0);
    map[n] = node;
    add(node, selfA[n] ?? 0);
  }
}

function remapFrames(tree: StackTree, source: StackTree): Int32Array {
  const remap = new Int32Array(source.frames.size);
  if (source.frames === tree.frames) {
    for (let i = 0; i < remap.length; i++) remap[i] = i;
  } else {
    for (let i = 0; i < remap.length; i++) remap[i] = tree.frames.intern(source.frames.frame(i));
  }
  return remap;
}
