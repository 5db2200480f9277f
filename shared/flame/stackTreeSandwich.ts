/**
 * Trees derived from a tree, sharing its frame table: the focus on one node's subtree, and the
 * sandwich of one function (speedscope's getInvertedProfileForCallersOf / getProfileForCalleesOf).
 */
import { NO_NODE, ROOT_NODE } from './nodeIds';
import type { StackTree, TreeBases } from './stackTree';

export interface Sandwich {
  frameId: number;
  /** Inverted: root → the function → its callers → … → the outermost caller. */
  callers: StackTree;
  /** root → the function → what it calls, merged over every call site. */
  callees: StackTree;
  /** Primary weights of the function in the source tree. */
  self: number;
  total: number;
}

/** selfA/selfB of every mapped source node added to its image in `tree`. */
function addSelfFrom(tree: StackTree, source: StackTree, map: Int32Array): void {
  const { selfA, selfB } = source.seriesArrays();
  for (let n = 0; n < source.nodeCount; n++) {
    const m = map[n] ?? NO_NODE;
    if (m === NO_NODE) continue;
    tree.addSelf(m, selfA[n] ?? 0, selfB ? (selfB[n] ?? 0) : undefined);
  }
}

/** The subtree of `node` as a tree of its own: root → node's frame → … (Firefox's "focus"). */
export function focusTree(source: StackTree, node: number): StackTree {
  const tree = source.derive();
  const { frame, parent } = source.arrays();
  const count = source.nodeCount;
  const map = new Int32Array(count).fill(NO_NODE);
  map[node] = node === ROOT_NODE ? ROOT_NODE : tree.addChild(ROOT_NODE, source.frameOf(node));
  for (let n = node + 1; n < count; n++) {
    const p = map[parent[n] ?? 0] ?? NO_NODE;
    if (p !== NO_NODE) map[n] = tree.addChild(p, frame[n] ?? 0);
  }
  addSelfFrom(tree, source, map);
  return tree;
}

/**
 * Callers and callees of one function (speedscope's sandwich). Only the outermost occurrence
 * of the function on each stack counts, so recursion is not counted twice: the callees tree
 * keeps the recursion inside it, the callers tree starts at the outermost call.
 */
export function sandwichOf(source: StackTree, frameId: number): Sandwich {
  const a = source.arrays();
  const { totalA, totalB } = source.seriesArrays();
  const bases: TreeBases = { percent: source.percentBase };
  if (source.isDiff) {
    const totals = source.seriesTotals;
    bases.a = totals.a;
    bases.b = totals.b;
  }
  const callers = source.derive(bases);
  const callees = source.derive(bases);
  const count = source.nodeCount;
  const inside = new Uint8Array(count); // the function is on the path to n (n included)
  const map = new Int32Array(count).fill(NO_NODE);
  let focal = NO_NODE;
  let self = 0;
  let total = 0;
  for (let n = 1; n < count; n++) {
    const p = a.parent[n] ?? 0;
    const f = a.frame[n] ?? 0;
    if (f === frameId) self += a.self[n] ?? 0;
    if (f === frameId && (inside[p] ?? 0) === 0) {
      inside[n] = 1;
      total += a.total[n] ?? 0;
      // Callers: the function, then its callers up to the root, weighted by its total.
      let c = focal === NO_NODE ? (focal = callers.addChild(ROOT_NODE, frameId)) : focal;
      for (let up = p; up > 0; up = a.parent[up] ?? 0) {
        c = callers.addChild(c, a.frame[up] ?? 0);
      }
      callers.addSelf(c, totalA[n] ?? 0, totalB ? (totalB[n] ?? 0) : undefined);
      map[n] = callees.addChild(ROOT_NODE, frameId);
    } else {
      inside[n] = inside[p] ?? 0;
      const mp = map[p] ?? NO_NODE;
      if (mp !== NO_NODE) map[n] = callees.addChild(mp, f);
    }
  }
  addSelfFrom(callees, source, map);
  return { frameId, callers, callees, self, total };
}
