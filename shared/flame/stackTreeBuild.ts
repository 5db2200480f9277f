/**
 * Building a `StackTree` from samples: in one go from sorted stacks (no hash probes), stack by
 * stack through the child hash (merging later batches), or by copying another tree's nodes.
 */
import { ROOT_NODE } from './nodeIds';
import { flattenStacks } from '../parsers/collapsed/collapsedParts';
import type { FlatStackSamples, StackFrame, StackSamples, WeightedStack } from './stackSamples';
import type { StackTree } from './stackTree';

/** Frame ids of `samples` → frame ids of `tree` (interning new frames). */
function remapSampleFrames(
  tree: StackTree,
  samples: { frames: readonly StackFrame[] },
): Int32Array {
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

/** `minWeight`: see buildSorted. */
export interface BuildOptions {
  minWeight?: number;
}

/** A sample set for buildSorted: records, or flat (see FlatStacks). */
export type SampleSet = StackSamples | FlatStackSamples;

function flatOf(samples: SampleSet): FlatStackSamples {
  if (!('stacks' in samples)) return samples;
  const differential = samples.stacks.some((s: WeightedStack) => s.weightB !== undefined);
  return { ...samples, ...flattenStacks(samples.stacks, differential) };
}

/**
 * Builds an empty tree from whole sample sets without any hash lookup: the stacks are ordered
 * (as frame-id sequences) while the tree is appended (see appendSorted), so each node is made
 * once, with no random-access hash probe per frame (on the benchmark's 1.7 M nodes the probes
 * miss the cache: a sort then a pass was ~1.6x faster than inserting through the hash). The
 * child hash is built later, only if something needs it.
 * With `minWeight` a plain tree keeps only what can be seen: a group of stacks lighter than it
 * adds no node, and its weight counts as its parent's own, so every total stays exact (a large
 * profile's first view, drawn while the whole tree is built: see renderer/workers/flameStream.ts).
 */
export function buildSorted(
  tree: StackTree,
  sets: { samples: SampleSet; series: 'A' | 'B'; useWeightB: boolean }[],
  options: BuildOptions = {},
): void {
  const flats = sets.map((set) => flatOf(set.samples));
  let stackCount = 0;
  let idCount = 0;
  for (const flat of flats) {
    stackCount += flat.weights.length;
    idCount += flat.ids.length;
  }
  // Every set's stacks in the tree's frame ids, end to end: one flat list for appendSorted (a
  // single set whose frame table maps 1:1 is used as it is).
  const single = flats.length === 1 ? flats[0] : undefined;
  const remaps = flats.map((flat) => remapSampleFrames(tree, flat));
  let ids: Int32Array;
  let offsets: Int32Array;
  if (single && isIdentity(remaps[0]) && validIds(single.ids, single.frames.length)) {
    ids = single.ids;
    offsets = single.offsets;
  } else {
    ids = new Int32Array(idCount);
    offsets = new Int32Array(stackCount + 1);
    let at = 0;
    let k = 0;
    for (const [n, flat] of flats.entries()) {
      const remap = remaps[n] ?? new Int32Array(0);
      for (let s = 0; s < flat.weights.length; s++) {
        offsets[k++] = at;
        const to = flat.offsets[s + 1] as number;
        for (let i = flat.offsets[s] as number; i < to; i++) {
          const id = flat.ids[i] as number;
          ids[at++] = id >= 0 && id < remap.length ? (remap[id] as number) : 0;
        }
      }
    }
    offsets[k] = at;
  }
  // Pruned only in a plain tree of one set: a diff's nodes are drawn by two series' shares.
  const minWeight = options.minWeight ?? 0;
  const prune =
    minWeight > 0 && !tree.isDiff && single ? { minWeight, weights: single.weights } : undefined;
  // A pruned tree is a small fraction of its frames (the bench's: 15 000 nodes of 1.7 M).
  tree.reserveNodes(prune ? Math.min(ids.length, 4096) : ids.length);
  // Which set list k came from: the sets' stacks are numbered one after another.
  const firstOf = new Int32Array(flats.length + 1);
  for (let n = 0; n < flats.length; n++) {
    firstOf[n + 1] = (firstOf[n] as number) + (flats[n]?.weights.length ?? 0);
  }
  let set = 0;
  appendSorted(tree, ids, offsets, prune, (index, node) => {
    if (index < (firstOf[set] as number) || index >= (firstOf[set + 1] as number)) {
      set = 0;
      while (index >= (firstOf[set + 1] as number)) set++;
    }
    const owner = sets[set];
    const flat = flats[set];
    if (!owner || !flat) return;
    const k = index - (firstOf[set] as number);
    const weight = flat.weights[k] ?? 0;
    const b = flat.weightsB?.[k];
    const weightB = b === undefined || Number.isNaN(b) ? undefined : b;
    if (owner.series === 'A' || !tree.isDiff) {
      tree.addSelf(node, weight, owner.useWeightB ? weightB : undefined);
    } else tree.addSelf(node, 0, weight);
  });
}

function isIdentity(remap: Int32Array | undefined): boolean {
  if (!remap) return false;
  for (let i = 0; i < remap.length; i++) if (remap[i] !== i) return false;
  return true;
}

function validIds(ids: Int32Array, frames: number): boolean {
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i] as number;
    if (id < 0 || id >= frames) return false;
  }
  return true;
}

/**
 * Appends the trie of the lists (stack k: frame ids `ids[offsets[k], offsets[k + 1])`) under
 * the root, in the order a sort of the lists would give (pre-order, each node's children by
 * frame id), and calls `finish` with each list's index and the node where it ends. A multikey
 * quicksort that builds as it partitions: a group of lists sharing their first `d` frames (node
 * `parent`) is split three ways on frame `d`; the equal part becomes one child and goes on at
 * `d + 1`; a group of one list is a chain of new nodes. No comparator calls and no rescans of
 * shared prefixes: on the bench's 100 000 stacks this replaced a sort whose comparator was called
 * ~1.7 M times. Explicit work stack (no recursion), so a hostile file cannot overflow the call
 * stack.
 */
function appendSorted(
  tree: StackTree,
  ids: Int32Array,
  offsets: Int32Array,
  prune: { minWeight: number; weights: Float64Array } | undefined,
  finish: (index: number, node: number) => void,
): void {
  const count = offsets.length - 1;
  // The lists' indexes, put in order as the groups are partitioned.
  const order = new Int32Array(Math.max(0, count));
  for (let i = 0; i < order.length; i++) order[i] = i;
  // keys[i]: frame `depth` of list order[i] (-1: it has no more), read once per group and
  // depth, then partitioned beside `order`.
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
    if (prune && hi > lo && groupWeight(order, lo, hi, prune.weights) < prune.minWeight) {
      // Every node this group would add is lighter than the least weight kept: its lists end at
      // `parent`, whose total stays whole (their weight counts as its own).
      for (let i = lo; i < hi; i++) finish(order[i] as number, parent);
      continue;
    }
    if (frame >= 0) parent = tree.appendNode(parent, frame);
    if (hi - lo === 1) {
      const index = order[lo] as number;
      const to = offsets[index + 1] as number;
      let node = parent;
      for (let i = (offsets[index] as number) + d; i < to; i++) {
        node = tree.appendNode(node, ids[i] as number);
      }
      finish(index, node);
      continue;
    }
    if (hi <= lo) continue;
    if (keyed === 0) {
      for (let i = lo; i < hi; i++) {
        const list = order[i] as number;
        const at = (offsets[list] as number) + d;
        keys[i] = at < (offsets[list + 1] as number) ? (ids[at] as number) : -1;
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

function groupWeight(order: Int32Array, lo: number, hi: number, weights: Float64Array): number {
  let sum = 0;
  for (let i = lo; i < hi; i++) sum += weights[order[i] as number] as number;
  return sum;
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
