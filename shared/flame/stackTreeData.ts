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

/** A view of `a`'s own memory typed for transfer (a copy only if it lives in shared memory). */
function ownInt32(a: Int32Array): Int32Array<ArrayBuffer> {
  const b = a.buffer;
  return b instanceof ArrayBuffer ? new Int32Array(b, a.byteOffset, a.length) : a.slice();
}
function ownFloat64(a: Float64Array): Float64Array<ArrayBuffer> {
  const b = a.buffer;
  return b instanceof ArrayBuffer ? new Float64Array(b, a.byteOffset, a.length) : a.slice();
}
const copyInt32 = (a: Int32Array): Int32Array<ArrayBuffer> => a.slice();
const copyFloat64 = (a: Float64Array): Float64Array<ArrayBuffer> => a.slice();

/**
 * A tree as plain data for another thread. The arrays are copies, so the tree stays usable and
 * the copies' buffers can be transferred; with `handOver` they are the tree's own (no copy: on
 * 1.7 M nodes the copies cost 20-60 ms), and the tree must not be used once they are transferred.
 */
export function treeToData(tree: StackTree, handOver = false): StackTreeData {
  const int = handOver ? ownInt32 : copyInt32;
  const float = handOver ? ownFloat64 : copyFloat64;
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
    frame: int(built.frame),
    parent: int(built.parent),
    depth: int(built.depth),
    selfA: float(series.selfA),
    selfB: series.selfB ? float(series.selfB) : null,
    totalA: float(series.totalA),
    totalB: series.totalB ? float(series.totalB) : null,
    // A plain tree's primary weights are series A: the receiver shares those arrays.
    self: plain ? new Float64Array(0) : float(built.self),
    total: plain ? new Float64Array(0) : float(built.total),
    childStart: int(built.childStart),
    childCount: int(built.childCount),
    childList: int(built.childList),
  };
}
