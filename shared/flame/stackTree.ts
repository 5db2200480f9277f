/**
 * The weighted call tree of a profile: identical stack prefixes merged, one node per distinct
 * path. Model of speedscope's `lib/profile.ts` (CallTreeNode, getInvertedProfileForCallersOf,
 * getProfileForCalleesOf), stored compactly: a profile of 100 000 distinct stacks of depth 8–40 makes
 * about a million nodes, so nodes live in parallel typed arrays (struct of arrays, ~48 bytes a
 * node) instead of a million objects, children are found through an open-addressing hash of
 * (parent, frame) while building, and kept as sorted index ranges (CSR) for reading.
 *
 * Invariants the rest relies on:
 * - node 0 is the synthetic root (frame -1, depth 0); a child's id is always greater than its
 *   parent's, so a pass over ids in ascending order visits parents before children;
 * - frames are interned by (name, file, line) in a `FrameTable` that derived trees (focus,
 *   sandwich) share with their source: frame ids mean the same thing in all of them;
 * - the read-side arrays (`arrays()`) are rebuilt lazily after a mutation (`mergeSamples`).
 *
 * A diff tree carries two series: A = before, B = after (as `weight`/`weightB` of differential
 * input: `stack c1 c2`, c1 before). Its primary `self`/`total`, which the layout uses for widths,
 * are the mean of the two shares, `(A / ΣA + B / ΣB) / 2`: the root is 1, code that vanished and
 * code that appeared both stay visible, and the colour shows the change (B share − A share).
 */

import { ChildHash } from './childHash';
import { buildSorted, copyInto, insertSamples, type SampleSet } from './stackTreeBuild';
import { FrameTable } from './frameTable';
import { buildTreeArrays, type TreeArrays } from './stackTreeArrays';
import { NO_NODE, ROOT_NODE } from './nodeIds';
import type { ChildOrder, StackTreeData } from './stackTreeData';
import type { StackFrame, StackSamples } from './stackSamples';
import type { Sandwich } from './stackTreeSandwich';
import type { SearchResult } from './stackTreeSearch';
import type { FunctionRow, TopFunctionsOptions } from './topFunctions';

export { FrameTable, NO_NODE, ROOT_NODE };
export type { ChildOrder, FunctionRow, Sandwich, SearchResult, TopFunctionsOptions, TreeArrays };

export interface StackTreeOptions {
  childOrder?: ChildOrder;
  /** fromSamples: only nodes at least this heavy (see buildSorted). */
  minWeight?: number;
}

export interface NodeWeights {
  self: number;
  total: number;
  /** Raw weights of series A (the only series outside a diff: then equal to self/total). */
  selfA: number;
  totalA: number;
  /** Diff trees only: raw weights of series B (after). */
  selfB?: number;
  totalB?: number;
}

const INITIAL_CAPACITY = 1024;

function grow<T extends Int32Array | Float64Array>(array: T, capacity: number): T {
  const next = new (array.constructor as new (n: number) => T)(capacity);
  next.set(array);
  return next;
}

/** What a derived tree (a sandwich) measures its shares against, instead of its own totals. */
export interface TreeBases {
  /** What 100 % means for the primary weights (tooltips, tables, search share). */
  percent?: number;
  /** Diff trees: what the shares of series A and B are relative to. */
  a?: number;
  b?: number;
}

export class StackTree {
  readonly frames: FrameTable;
  readonly isDiff: boolean;
  readonly childOrder: ChildOrder;

  private count = 1;
  private capacity = INITIAL_CAPACITY;
  private frameArr = new Int32Array(INITIAL_CAPACITY);
  private parentArr = new Int32Array(INITIAL_CAPACITY);
  private depthArr = new Int32Array(INITIAL_CAPACITY);
  private selfA = new Float64Array(INITIAL_CAPACITY);
  private selfB: Float64Array<ArrayBuffer> | null;
  private deepest = 0;
  private hash = new ChildHash(INITIAL_CAPACITY * 2);
  /** False after a sorted build: `child` rebuilds the hash on first use. */
  private hashValid = true;

  private bases: TreeBases;
  private version = 0;
  private builtVersion = -1;
  private built: TreeArrays | null = null;
  private totalA = new Float64Array(0);
  private totalB: Float64Array<ArrayBuffer> | null = null;

  private constructor(
    frames: FrameTable,
    isDiff: boolean,
    options: StackTreeOptions,
    bases: TreeBases,
  ) {
    this.frames = frames;
    this.isDiff = isDiff;
    this.childOrder = options.childOrder ?? 'weight';
    this.selfB = isDiff ? new Float64Array(INITIAL_CAPACITY) : null;
    this.bases = bases;
    this.frameArr[0] = -1;
    this.parentArr[0] = -1;
  }

  // ---------------------------------------------------------------- construction

  /** A tree of `samples`; a diff tree (A = weight, B = weightB) if any stack has `weightB`. */
  static fromSamples(samples: SampleSet, options: StackTreeOptions = {}): StackTree {
    const isDiff =
      'stacks' in samples
        ? samples.stacks.some((s) => s.weightB !== undefined)
        : (samples.weightsB?.some((b) => !Number.isNaN(b)) ?? false);
    const tree = new StackTree(new FrameTable(), isDiff, options, {});
    buildSorted(tree, [{ samples, series: 'A', useWeightB: true }], options);
    return tree;
  }

  /** A tree from `treeToData` output, ready to read without recomputing anything. */
  static fromData(data: StackTreeData): StackTree {
    const frames = new FrameTable();
    for (const frame of data.frames) frames.intern(frame);
    const tree = new StackTree(frames, data.isDiff, { childOrder: data.childOrder }, data.bases);
    const count = Math.max(1, data.count);
    tree.count = count;
    tree.capacity = count;
    tree.deepest = data.deepest;
    tree.frameArr = data.frame;
    tree.parentArr = data.parent;
    tree.depthArr = data.depth;
    tree.selfA = data.selfA;
    tree.selfB = data.selfB;
    tree.hashValid = false;
    tree.totalA = data.totalA;
    tree.totalB = data.totalB;
    const plain = !data.selfB;
    tree.built = {
      count,
      frame: data.frame,
      parent: data.parent,
      depth: data.depth,
      self: plain ? data.selfA : data.self,
      total: plain ? data.totalA : data.total,
      childStart: data.childStart,
      childCount: data.childCount,
      childList: data.childList,
    };
    tree.builtVersion = tree.version;
    return tree;
  }

  /** An empty tree (e.g. before the first py-spy dump arrived). */
  static empty(options: StackTreeOptions = {}): StackTree {
    return new StackTree(new FrameTable(), false, options, {});
  }

  /** Before/after comparison: series A = `before`, B = `after`, each normalized by its total. */
  static diff(before: SampleSet, after: SampleSet, options: StackTreeOptions = {}): StackTree {
    const tree = new StackTree(new FrameTable(), true, options, {});
    buildSorted(tree, [
      { samples: before, series: 'A', useWeightB: false },
      { samples: after, series: 'B', useWeightB: false },
    ]);
    return tree;
  }

  /** The same comparison from two trees already built (their A series). */
  static diffTrees(before: StackTree, after: StackTree, options: StackTreeOptions = {}): StackTree {
    const tree = new StackTree(new FrameTable(), true, options, {});
    copyInto(tree, before, 'A');
    copyInto(tree, after, 'B');
    return tree;
  }

  /**
   * Adds samples to the tree (py-spy dumps arrive aggregated, window after window). `series` says
   * which series of a diff tree the weights go to; differential input (weightB) fills both.
   * Frames are matched by (name, file, line), so each batch may have its own frame table.
   */
  mergeSamples(samples: StackSamples, series: 'A' | 'B' = 'A'): void {
    if (this.count === 1) buildSorted(this, [{ samples, series, useWeightB: true }]);
    else insertSamples(this, samples, series, true);
  }

  /** Room for `more` nodes without growing the node arrays (building). */
  reserveNodes(more: number): void {
    this.reserve(more);
  }

  /**
   * A new child of `parent` with `frame`, without looking for an existing one: only for building
   * from sorted stacks (see `buildSorted`). The child hash is rebuilt when next needed.
   */
  appendNode(parent: number, frame: number): number {
    this.hashValid = false;
    return this.newNode(parent, frame);
  }

  /** The child of `parent` with `frame`, created if missing. */
  private child(parent: number, frame: number): number {
    if (!this.hashValid) this.rebuildHash();
    const slot = this.hash.slotOf(parent, frame);
    const found = this.hash.nodeAt(slot);
    if (found !== NO_NODE) return found;
    if (this.hash.isFullFor(this.count + 1)) {
      this.hash.grow();
      return this.child(parent, frame);
    }
    const id = this.newNode(parent, frame);
    this.hash.set(slot, parent, frame, id);
    return id;
  }

  /** A new node, not entered in the hash (the caller does, or invalidates the hash). */
  private newNode(parent: number, frame: number): number {
    if (this.count === this.capacity) this.reserve(this.capacity);
    const id = this.count++;
    this.frameArr[id] = frame;
    this.parentArr[id] = parent;
    const depth = (this.depthArr[parent] ?? 0) + 1;
    this.depthArr[id] = depth;
    if (depth > this.deepest) this.deepest = depth;
    return id;
  }

  /** (Re)enters every node in a hash table sized for them. */
  private rebuildHash(): void {
    this.hash = ChildHash.of(this.parentArr, this.frameArr, this.count);
    this.hashValid = true;
  }

  /** Room for `more` nodes without growing the node arrays. */
  private reserve(more: number): void {
    const capacity = this.count + more;
    if (capacity <= this.capacity) return;
    this.frameArr = grow(this.frameArr, capacity);
    this.parentArr = grow(this.parentArr, capacity);
    this.depthArr = grow(this.depthArr, capacity);
    this.selfA = grow(this.selfA, capacity);
    if (this.selfB) this.selfB = grow(this.selfB, capacity);
    this.capacity = capacity;
  }

  /** An existing child, or NO_NODE. */
  findChild(parent: number, frame: number): number {
    if (!this.hashValid) {
      // No hash (a tree built in one go): scan the children; paths are short, this is rare.
      const a = this.arrays();
      const start = a.childStart[parent] ?? 0;
      const end = start + (a.childCount[parent] ?? 0);
      for (let i = start; i < end; i++) {
        const c = a.childList[i] ?? 0;
        if (a.frame[c] === frame) return c;
      }
      return NO_NODE;
    }
    return this.hash.find(parent, frame);
  }

  // ---------------------------------------------------------------- read side

  /** The read-side arrays, (re)built if the tree changed since the last call. */
  arrays(): TreeArrays {
    if (this.built && this.builtVersion === this.version) return this.built;
    const built = buildTreeArrays({
      count: this.count,
      frame: this.frameArr,
      parent: this.parentArr,
      depth: this.depthArr,
      selfA: this.selfA,
      selfB: this.selfB,
      bases: this.bases,
      childOrder: this.childOrder,
      frames: this.frames,
    });
    this.totalA = built.totalA;
    if (built.totalB) this.totalB = built.totalB;
    this.built = built.arrays;
    this.builtVersion = this.version;
    return this.built;
  }

  /** What derived trees measure against (a sandwich's source total, a diff's series totals). */
  get treeBases(): TreeBases {
    return { ...this.bases };
  }

  get nodeCount(): number {
    return this.count;
  }

  /** Changes whenever the tree does (mergeSamples): caches of layouts and colours key on it. */
  get revision(): number {
    return this.version;
  }

  /** Raw self and total weights per node of series A and (diff trees) B, valid until the next mutation. */
  seriesArrays(): {
    selfA: Float64Array;
    selfB: Float64Array | null;
    totalA: Float64Array;
    totalB: Float64Array | null;
  } {
    this.arrays();
    return {
      selfA: this.selfA.subarray(0, this.count),
      selfB: this.selfB ? this.selfB.subarray(0, this.count) : null,
      totalA: this.totalA,
      totalB: this.totalB,
    };
  }

  /** Depth of the deepest node (the root is depth 0). */
  get maxDepth(): number {
    return this.deepest;
  }

  /** Primary weight of the whole tree (1 for a diff tree). */
  get totalWeight(): number {
    return this.arrays().total[0] ?? 0;
  }

  /** What 100 % means in tooltips and tables: the total weight, or the source's for a sandwich. */
  get percentBase(): number {
    return this.bases.percent ?? this.totalWeight;
  }

  /** Diff trees: raw totals of the two series (A = before, B = after). */
  get seriesTotals(): { a: number; b: number } {
    this.arrays();
    return { a: this.bases.a ?? this.totalA[0] ?? 0, b: this.bases.b ?? this.totalB?.[0] ?? 0 };
  }

  frameOf(node: number): number {
    return this.frameArr[node] ?? -1;
  }

  parentOf(node: number): number {
    return node <= 0 || node >= this.count ? NO_NODE : (this.parentArr[node] ?? NO_NODE);
  }

  depthOf(node: number): number {
    return this.depthArr[node] ?? 0;
  }

  childrenOf(node: number): Int32Array {
    const a = this.arrays();
    const s = a.childStart[node] ?? 0;
    return a.childList.subarray(s, s + (a.childCount[node] ?? 0));
  }

  weights(node: number): NodeWeights {
    const a = this.arrays();
    const w: NodeWeights = {
      self: a.self[node] ?? 0,
      total: a.total[node] ?? 0,
      selfA: this.selfA[node] ?? 0,
      totalA: this.totalA[node] ?? 0,
    };
    if (this.selfB && this.totalB) {
      w.selfB = this.selfB[node] ?? 0;
      w.totalB = this.totalB[node] ?? 0;
    }
    return w;
  }

  /** Frame of a node as data ({ name: 'all' } for the root). */
  frameInfo(node: number): StackFrame {
    return node === ROOT_NODE ? { name: 'all' } : this.frames.frame(this.frameOf(node));
  }

  label(node: number): string {
    return node === ROOT_NODE ? 'all' : this.frames.label(this.frameOf(node));
  }

  // ---------------------------------------------------------------- transforms

  /** An empty tree sharing this one's frame table, kind and child order, to derive from it. */
  derive(bases: TreeBases = {}): StackTree {
    return new StackTree(this.frames, this.isDiff, { childOrder: this.childOrder }, bases);
  }

  /** The child of `parent` with `frame`, created if missing (building derived trees). */
  addChild(parent: number, frame: number): number {
    return this.child(parent, frame);
  }

  /** Adds own weight to `node`: `a` to series A, `b` to series B of a diff tree. */
  addSelf(node: number, a: number, b?: number): void {
    this.selfA[node] = (this.selfA[node] ?? 0) + a;
    if (this.selfB && b !== undefined) this.selfB[node] = (this.selfB[node] ?? 0) + b;
    this.version++;
  }
}
