import type { StackFrame } from './stackSamples';
import type { StackTree } from './stackTree';

/** Order of siblings: heaviest first (speedscope's "left heavy"), or by frame text (flamegraph.pl). */
export type ChildOrder = 'weight' | 'name';

/**
 * A StackTree as plain data, to build a tree in a worker and hand it to the UI thread: every array
 * is a typed array whose buffer can be transferred (moved, not copied) with postMessage. The
 * read-side arrays travel too, so the receiver does not redo the costly part (sorting siblings).
 */
export interface StackTreeData {
  readonly frames: StackFrame[];
  readonly isDiff: boolean;
  readonly childOrder: ChildOrder;
  readonly bases: { percent?: number; a?: number; b?: number };
  readonly count: number;
  readonly deepest: number;
  readonly frame: Int32Array<ArrayBuffer>;
  readonly parent: Int32Array<ArrayBuffer>;
  readonly depth: Int32Array<ArrayBuffer>;
  readonly selfA: Float64Array<ArrayBuffer>;
  readonly selfB: Float64Array<ArrayBuffer> | null;
  readonly totalA: Float64Array<ArrayBuffer>;
  readonly totalB: Float64Array<ArrayBuffer> | null;
  /** Primary weights: `selfA`/`totalA` for a plain tree, the mean of the two shares for a diff. */
  readonly self: Float64Array<ArrayBuffer>;
  readonly total: Float64Array<ArrayBuffer>;
  readonly childStart: Int32Array<ArrayBuffer>;
  readonly childCount: Int32Array<ArrayBuffer>;
  readonly childList: Int32Array<ArrayBuffer>;
}

/** The buffers of `data`, for postMessage's transfer list. */
export function stackTreeBuffers(data: StackTreeData): ArrayBuffer[] {
  const arrays = [
    data.frame,
    data.parent,
    data.depth,
    data.selfA,
    data.selfB,
    data.totalA,
    data.totalB,
    data.self,
    data.total,
    data.childStart,
    data.childCount,
    data.childList,
  ];
  const buffers = new Set<ArrayBuffer>();
  for (const array of arrays) if (array) buffers.add(array.buffer as ArrayBuffer);
  return [...buffers];
}

/** True when `value` has the shape of StackTreeData (it crossed a thread boundary). */
export function isStackTreeData(value: unknown): value is StackTreeData {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Partial<Record<keyof StackTreeData, unknown>>;
  return (
    Array.isArray(v.frames) &&
    typeof v.count === 'number' &&
    v.frame instanceof Int32Array &&
    v.parent instanceof Int32Array &&
    v.depth instanceof Int32Array &&
    v.selfA instanceof Float64Array &&
    v.totalA instanceof Float64Array &&
    v.self instanceof Float64Array &&
    v.total instanceof Float64Array &&
    v.childStart instanceof Int32Array &&
    v.childCount instanceof Int32Array &&
    v.childList instanceof Int32Array &&
    v.frame.length >= v.count &&
    v.parent.length >= v.count &&
    v.childList.length >= v.count - 1
  );
}

/**
 * A tree as plain data for another thread. The arrays are copies, so the tree stays usable and
 * the copies' buffers can be transferred.
 */
export function treeToData(tree: StackTree): StackTreeData {
  const built = tree.arrays();
  const series = tree.seriesArrays();
  const plain = !series.selfB;
  return {
    frames: tree.frames.frames.map((f) => ({ ...f })),
    isDiff: tree.isDiff,
    childOrder: tree.childOrder,
    bases: tree.treeBases,
    count: tree.nodeCount,
    deepest: tree.maxDepth,
    frame: built.frame.slice(),
    parent: built.parent.slice(),
    depth: built.depth.slice(),
    selfA: series.selfA.slice(),
    selfB: series.selfB ? series.selfB.slice() : null,
    totalA: series.totalA.slice(),
    totalB: series.totalB ? series.totalB.slice() : null,
    // A plain tree's primary weights are series A: the receiver shares those arrays.
    self: plain ? new Float64Array(0) : built.self.slice(),
    total: plain ? new Float64Array(0) : built.total.slice(),
    childStart: built.childStart.slice(),
    childCount: built.childCount.slice(),
    childList: built.childList.slice(),
  };
}
