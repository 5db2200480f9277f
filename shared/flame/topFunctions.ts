/** The "top functions" table of a tree: self and total weight per frame or per function. */
import { ROOT_NODE } from './nodeIds';
import { functionKey } from './stackSamples';
import type { StackTree } from './stackTree';

export interface FunctionRow {
  /** A frame of the group (the heaviest by self weight when grouping by function). */
  frameId: number;
  name: string;
  file?: string;
  line?: number;
  /** Primary weights; total counts each sample once even under recursion. */
  self: number;
  total: number;
  /** Fractions of the tree's percent base. */
  selfShare: number;
  totalShare: number;
  /** Diff trees: raw per-series weights. */
  selfA?: number;
  totalA?: number;
  selfB?: number;
  totalB?: number;
}

export interface TopFunctionsOptions {
  /** 'frame': one row per (name, file, line); 'function': lines merged, one row per (name, file). */
  by?: 'frame' | 'function';
  sortBy?: 'self' | 'total';
  limit?: number;
}

/** Self and total weight per frame or function, for a table. */
export function topFunctions(tree: StackTree, options: TopFunctionsOptions = {}): FunctionRow[] {
  const a = tree.arrays();
  const series = tree.seriesArrays();
  const by = options.by ?? 'frame';
  const frameCount = tree.frames.size;
  // Group id per frame.
  const group = new Int32Array(frameCount);
  let groups = frameCount;
  if (by === 'function') {
    const ids = new Map<string, number>();
    for (let f = 0; f < frameCount; f++) {
      const key = functionKey(tree.frames.frame(f));
      let g = ids.get(key);
      if (g === undefined) {
        g = ids.size;
        ids.set(key, g);
      }
      group[f] = g;
    }
    groups = ids.size;
  } else {
    for (let f = 0; f < frameCount; f++) group[f] = f;
  }
  const diff = series.selfB !== null && series.totalB !== null;
  const self = new Float64Array(groups);
  const total = new Float64Array(groups);
  const selfA = diff ? new Float64Array(groups) : null;
  const totalA = diff ? new Float64Array(groups) : null;
  const selfB = diff ? new Float64Array(groups) : null;
  const totalB = diff ? new Float64Array(groups) : null;
  const seen = new Uint8Array(groups);
  const representative = new Int32Array(groups).fill(-1);
  const repSelf = new Float64Array(groups).fill(-1);
  const onStack = new Int32Array(groups);

  // Iterative depth-first walk: a group's total is added only at its outermost occurrence.
  const stackNode = new Int32Array(tree.maxDepth + 2);
  const stackNext = new Int32Array(tree.maxDepth + 2);
  let sp = 0;
  stackNode[0] = ROOT_NODE;
  stackNext[0] = 0;
  while (sp >= 0) {
    const n = stackNode[sp] ?? 0;
    const i = stackNext[sp] ?? 0;
    if (i < (a.childCount[n] ?? 0)) {
      stackNext[sp] = i + 1;
      const c = a.childList[(a.childStart[n] ?? 0) + i] ?? 0;
      const frame = a.frame[c] ?? 0;
      const g = group[frame] ?? 0;
      const s = a.self[c] ?? 0;
      self[g] = (self[g] ?? 0) + s;
      if (s > (repSelf[g] ?? 0)) {
        repSelf[g] = s;
        representative[g] = frame;
      } else if (representative[g] === -1) {
        representative[g] = frame;
      }
      seen[g] = 1;
      if (selfA && selfB && series.selfB) {
        selfA[g] = (selfA[g] ?? 0) + (series.selfA[c] ?? 0);
        selfB[g] = (selfB[g] ?? 0) + (series.selfB[c] ?? 0);
      }
      if ((onStack[g] ?? 0) === 0) {
        total[g] = (total[g] ?? 0) + (a.total[c] ?? 0);
        if (totalA && totalB && series.totalB) {
          totalA[g] = (totalA[g] ?? 0) + (series.totalA[c] ?? 0);
          totalB[g] = (totalB[g] ?? 0) + (series.totalB[c] ?? 0);
        }
      }
      onStack[g] = (onStack[g] ?? 0) + 1;
      sp++;
      stackNode[sp] = c;
      stackNext[sp] = 0;
    } else {
      if (n !== ROOT_NODE) {
        const g = group[a.frame[n] ?? 0] ?? 0;
        onStack[g] = (onStack[g] ?? 0) - 1;
      }
      sp--;
    }
  }

  const base = tree.percentBase;
  const rows: FunctionRow[] = [];
  for (let g = 0; g < groups; g++) {
    if (seen[g] !== 1) continue;
    const frameId = representative[g] ?? 0;
    const frame = tree.frames.frame(frameId);
    const row: FunctionRow = {
      frameId,
      name: frame.name,
      self: self[g] ?? 0,
      total: total[g] ?? 0,
      selfShare: base > 0 ? (self[g] ?? 0) / base : 0,
      totalShare: base > 0 ? (total[g] ?? 0) / base : 0,
    };
    if (frame.file !== undefined) row.file = frame.file;
    if (by === 'frame' && frame.line !== undefined) row.line = frame.line;
    if (selfA && totalA && selfB && totalB) {
      row.selfA = selfA[g] ?? 0;
      row.totalA = totalA[g] ?? 0;
      row.selfB = selfB[g] ?? 0;
      row.totalB = totalB[g] ?? 0;
    }
    rows.push(row);
  }
  const key = options.sortBy === 'total' ? 'total' : 'self';
  const other = key === 'total' ? 'self' : 'total';
  rows.sort((x, y) => y[key] - x[key] || y[other] - x[other] || (x.name < y.name ? -1 : 1));
  return options.limit !== undefined ? rows.slice(0, options.limit) : rows;
}
