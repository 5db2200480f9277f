/**
 * Tree → rectangles for one viewport (speedscope's `lib/flamechart.ts` layers, but only what is
 * visible). Orientation-agnostic: a rect has a depth, the drawer decides whether depth 0 is at
 * the bottom (flame) or the top (icicle).
 *
 * The zoomed node spans the whole width; its ancestors are drawn full width below it (so one can
 * click back out); its descendants get `total / zoomTotal × width` pixels. A rect narrower than
 * `minWidth` is skipped, and so is everything under it: its pixels stay part of its parent's bar.
 * Only the nodes that get a rect are expanded, so the work is bounded by what is drawn, not by the
 * tree's size. With heaviest-first children the first too-narrow child ends its row of siblings.
 */
import { pathOf } from './stackTreePaths';
import { ROOT_NODE, type StackTree } from './stackTree';

export interface LayoutOptions {
  /** The zoomed node (default: the root). */
  root?: number;
  /** Width of the view in CSS pixels. */
  width: number;
  /** Narrower rects are skipped (default 0.5 px). */
  minWidth?: number;
  /** First depth to emit (inclusive, default 0): rows above the viewport need no rects. */
  fromDepth?: number;
  /** Last depth to emit (exclusive, default unbounded). */
  toDepth?: number;
}

export interface FlameRect {
  nodeId: number;
  x: number;
  width: number;
  depth: number;
}

/** Rects in rows of increasing depth, left to right within a row (struct of arrays). */
export interface FlameLayout {
  root: number;
  viewWidth: number;
  minWidth: number;
  count: number;
  node: Int32Array;
  x: Float64Array;
  width: Float64Array;
  depth: Int32Array;
  /** Depth of the first row (= fromDepth). */
  firstDepth: number;
  /** Rects of depth firstDepth + r are [rowStart[r], rowStart[r + 1]). */
  rowStart: Int32Array;
  /** Deepest depth that has a rect, or firstDepth - 1 when there is none. */
  maxDepth: number;
}

class Rows {
  node: Int32Array;
  x: Float64Array;
  width: Float64Array;
  length = 0;
  constructor(capacity: number) {
    this.node = new Int32Array(capacity);
    this.x = new Float64Array(capacity);
    this.width = new Float64Array(capacity);
  }
  push(node: number, x: number, width: number): void {
    if (this.length === this.node.length) {
      const capacity = this.node.length * 2;
      const node = new Int32Array(capacity);
      node.set(this.node);
      const xs = new Float64Array(capacity);
      xs.set(this.x);
      const ws = new Float64Array(capacity);
      ws.set(this.width);
      this.node = node;
      this.x = xs;
      this.width = ws;
    }
    this.node[this.length] = node;
    this.x[this.length] = x;
    this.width[this.length] = width;
    this.length++;
  }
}

export function layoutFlame(tree: StackTree, options: LayoutOptions): FlameLayout {
  const a = tree.arrays();
  const root = options.root !== undefined && options.root < a.count ? options.root : ROOT_NODE;
  const viewWidth = Math.max(0, options.width);
  const minWidth = options.minWidth ?? 0.5;
  const fromDepth = Math.max(0, options.fromDepth ?? 0);
  const toDepth = options.toDepth ?? Number.POSITIVE_INFINITY;
  const heaviestFirst = tree.childOrder === 'weight';

  const out = new Rows(1024);
  const depths: number[] = [];
  const rowStart: number[] = [];
  const emitRow = (depth: number): void => {
    while (rowStart.length <= depth - fromDepth) rowStart.push(out.length);
  };
  const emit = (node: number, x: number, width: number, depth: number): void => {
    emitRow(depth);
    out.push(node, x, width);
    depths.push(depth);
  };

  const rootTotal = a.total[root] ?? 0;
  if (viewWidth > 0 && rootTotal > 0) {
    // Ancestors of the zoomed node, full width.
    const rootDepth = a.depth[root] ?? 0;
    const path = pathOf(tree, root);
    path.unshift(ROOT_NODE);
    for (let d = fromDepth; d < Math.min(rootDepth, toDepth); d++) {
      emit(path[d] ?? ROOT_NODE, 0, viewWidth, d);
    }

    const scale = viewWidth / rootTotal;
    let row = new Rows(256);
    let next = new Rows(256);
    row.push(root, 0, viewWidth);
    for (let depth = rootDepth; row.length > 0 && depth < toDepth; depth++) {
      if (depth >= fromDepth) {
        for (let i = 0; i < row.length; i++) {
          emit(row.node[i] ?? 0, row.x[i] ?? 0, row.width[i] ?? 0, depth);
        }
      }
      next.length = 0;
      if (depth + 1 >= toDepth) break;
      for (let i = 0; i < row.length; i++) {
        const n = row.node[i] ?? 0;
        const start = a.childStart[n] ?? 0;
        const end = start + (a.childCount[n] ?? 0);
        let x = row.x[i] ?? 0;
        for (let c = start; c < end; c++) {
          const child = a.childList[c] ?? 0;
          const width = (a.total[child] ?? 0) * scale;
          if (width >= minWidth) {
            next.push(child, x, width);
          } else if (heaviestFirst) {
            break;
          }
          x += width;
        }
      }
      const swap = row;
      row = next;
      next = swap;
    }
  }
  const rows = rowStart.length;
  rowStart.push(out.length);
  return {
    root,
    viewWidth,
    minWidth,
    count: out.length,
    node: out.node.subarray(0, out.length),
    x: out.x.subarray(0, out.length),
    width: out.width.subarray(0, out.length),
    depth: Int32Array.from(depths),
    firstDepth: fromDepth,
    rowStart: Int32Array.from(rowStart),
    maxDepth: fromDepth + rows - 1,
  };
}

/** [start, end) of the rects of one depth. */
export function rowRange(layout: FlameLayout, depth: number): [number, number] {
  const r = depth - layout.firstDepth;
  if (r < 0 || r + 1 >= layout.rowStart.length) return [0, 0];
  return [layout.rowStart[r] ?? 0, layout.rowStart[r + 1] ?? 0];
}

export function rectsAtDepth(layout: FlameLayout, depth: number): FlameRect[] {
  const [start, end] = rowRange(layout, depth);
  const rects: FlameRect[] = [];
  for (let i = start; i < end; i++) rects.push(rectAt(layout, i));
  return rects;
}

export function rectAt(layout: FlameLayout, index: number): FlameRect {
  return {
    nodeId: layout.node[index] ?? 0,
    x: layout.x[index] ?? 0,
    width: layout.width[index] ?? 0,
    depth: layout.depth[index] ?? 0,
  };
}

/** Index of the rect under (x, depth), or -1. Rows are sorted by x: binary search. */
export function hitTestLayout(layout: FlameLayout, x: number, depth: number): number {
  const [start, end] = rowRange(layout, depth);
  let lo = start;
  let hi = end - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const left = layout.x[mid] ?? 0;
    if (x < left) hi = mid - 1;
    else if (x >= left + (layout.width[mid] ?? 0)) lo = mid + 1;
    else return mid;
  }
  return -1;
}

/** Index of the rect of `node`, or -1 when it is not in the layout. */
export function indexOfNode(layout: FlameLayout, node: number, depth: number): number {
  const [start, end] = rowRange(layout, depth);
  for (let i = start; i < end; i++) if (layout.node[i] === node) return i;
  return -1;
}
