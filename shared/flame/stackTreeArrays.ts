/**
 * The read side of a `StackTree`: totals summed up from the self weights, a diff tree's mean
 * shares, and the children of every node as sorted index ranges (CSR).
 */
import type { ChildOrder } from './stackTreeData';
import type { FrameTable } from './frameTable';

/** The read-side arrays of a tree: valid until the next mutation. Index = node id. */
export interface TreeArrays {
  readonly count: number;
  readonly frame: Int32Array;
  readonly parent: Int32Array;
  readonly depth: Int32Array;
  /** Primary weights (raw weights, or mean shares in a diff tree): what the layout uses. */
  readonly self: Float64Array;
  readonly total: Float64Array;
  /** Children of n: childList[childStart[n] .. childStart[n] + childCount[n]), sorted. */
  readonly childStart: Int32Array;
  readonly childCount: Int32Array;
  readonly childList: Int32Array;
}

/** A tree's node arrays (valid up to `count`) and what its read side depends on. */
export interface TreeArraysInput {
  count: number;
  frame: Int32Array;
  parent: Int32Array;
  depth: Int32Array;
  selfA: Float64Array;
  selfB: Float64Array | null;
  /** Diff trees: what the shares of series A and B are relative to (default: their totals). */
  bases: { a?: number; b?: number };
  childOrder: ChildOrder;
  /** For sorting children by label. */
  frames: FrameTable;
}

export interface BuiltTreeArrays {
  arrays: TreeArrays;
  /** Raw totals per node of series A and (diff trees) B. */
  totalA: Float64Array<ArrayBuffer>;
  totalB: Float64Array<ArrayBuffer> | null;
}

/** Computes the read-side arrays of a tree from its node arrays. */
export function buildTreeArrays(input: TreeArraysInput): BuiltTreeArrays {
  const count = input.count;
  const parent = input.parent.subarray(0, count);
  const frame = input.frame.subarray(0, count);
  const depth = input.depth.subarray(0, count);

  const totalA = input.selfA.slice(0, count);
  for (let n = count - 1; n > 0; n--) {
    const p = parent[n] ?? 0;
    totalA[p] = (totalA[p] ?? 0) + (totalA[n] ?? 0);
  }
  let self: Float64Array = input.selfA.subarray(0, count);
  let total: Float64Array = totalA;
  let totalB: Float64Array<ArrayBuffer> | null = null;
  if (input.selfB) {
    totalB = input.selfB.slice(0, count);
    for (let n = count - 1; n > 0; n--) {
      const p = parent[n] ?? 0;
      totalB[p] = (totalB[p] ?? 0) + (totalB[n] ?? 0);
    }
    const baseA = input.bases.a ?? totalA[0] ?? 0;
    const baseB = input.bases.b ?? totalB[0] ?? 0;
    const ka = baseA > 0 ? 0.5 / baseA : 0;
    const kb = baseB > 0 ? 0.5 / baseB : 0;
    self = new Float64Array(count);
    total = new Float64Array(count);
    const selfB = input.selfB;
    const selfA = input.selfA;
    for (let n = 0; n < count; n++) {
      self[n] = (selfA[n] ?? 0) * ka + (selfB[n] ?? 0) * kb;
      total[n] = (totalA[n] ?? 0) * ka + (totalB[n] ?? 0) * kb;
    }
  }

  const childCount = new Int32Array(count);
  for (let n = 1; n < count; n++) {
    const p = parent[n] ?? 0;
    childCount[p] = (childCount[p] ?? 0) + 1;
  }
  const childStart = new Int32Array(count);
  let at = 0;
  for (let n = 0; n < count; n++) {
    childStart[n] = at;
    at += childCount[n] ?? 0;
  }
  const childList = new Int32Array(Math.max(0, count - 1));
  const fill = childStart.slice();
  for (let n = 1; n < count; n++) {
    const p = parent[n] ?? 0;
    const at = fill[p] ?? 0;
    childList[at] = n;
    fill[p] = at + 1;
  }
  const labels = input.frames;
  const byName = (a: number, b: number): number => {
    const la = labels.label(frame[a] ?? 0);
    const lb = labels.label(frame[b] ?? 0);
    return la < lb ? -1 : la > lb ? 1 : 0;
  };
  const compare =
    input.childOrder === 'name'
      ? byName
      : (a: number, b: number): number => (total[b] ?? 0) - (total[a] ?? 0) || byName(a, b);
  for (let n = 0; n < count; n++) {
    const k = childCount[n] ?? 0;
    if (k > 1) {
      const s = childStart[n] ?? 0;
      childList.subarray(s, s + k).sort(compare);
    }
  }
  return {
    arrays: { count, frame, parent, depth, self, total, childStart, childCount, childList },
    totalA,
    totalB,
  };
}
