/**
 * Row geometry of the flame canvas and the queries on it: where a depth's row is, which node is
 * under a point, where a node is drawn, which rects are visible. All in CSS pixels, canvas
 * coordinates.
 */
import { hitTestLayout, indexOfNode, type FlameLayout } from '../../../shared/flame/layout';
import type { StackTree } from '../../../shared/flame/stackTree';

export type Orientation = 'flame' | 'icicle';

export interface NodeBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** What places rows on the canvas; the canvas owns one and updates it in place. */
export interface RowGeometry {
  orientation: Orientation;
  rowHeight: number;
  /** First depth drawn. */
  firstDepth: number;
  /** Rows scrolled away from the root's edge, in CSS pixels. */
  offset: number;
  cssHeight: number;
}

/** Top of the row of `depth` in canvas CSS pixels. */
export function rowTop(rows: RowGeometry, depth: number): number {
  const r = depth - rows.firstDepth;
  if (rows.orientation === 'icicle') return r * rows.rowHeight - rows.offset;
  return rows.cssHeight - (r + 1) * rows.rowHeight + rows.offset;
}

/** The depth whose row holds canvas y (CSS pixels). */
export function depthAt(rows: RowGeometry, y: number): number {
  const r =
    rows.orientation === 'icicle'
      ? Math.floor((y + rows.offset) / rows.rowHeight)
      : Math.floor((rows.cssHeight + rows.offset - y) / rows.rowHeight);
  return r + rows.firstDepth;
}

/** The node under a point of the canvas (CSS pixels), or -1. */
export function nodeAt(layout: FlameLayout, rows: RowGeometry, x: number, y: number): number {
  if (y < 0 || y >= rows.cssHeight) return -1;
  const i = hitTestLayout(layout, x, depthAt(rows, y));
  return i < 0 ? -1 : (layout.node[i] ?? -1);
}

/** Where `node` is drawn, or null when it has no rect. */
export function boxOfNode(
  layout: FlameLayout,
  tree: StackTree,
  rows: RowGeometry,
  node: number,
): NodeBox | null {
  if (node < 0 || node >= tree.nodeCount) return null;
  const depth = tree.depthOf(node);
  const i = indexOfNode(layout, node, depth);
  if (i < 0) return null;
  return {
    x: layout.x[i] ?? 0,
    y: rowTop(rows, depth),
    width: layout.width[i] ?? 0,
    height: rows.rowHeight,
  };
}

/** The rects whose row is at least partly in view. */
export function visibleRectsOf(
  layout: FlameLayout,
  rows: RowGeometry,
): { node: number; box: NodeBox }[] {
  const out: { node: number; box: NodeBox }[] = [];
  for (let i = 0; i < layout.count; i++) {
    const depth = layout.depth[i] ?? 0;
    const y = rowTop(rows, depth);
    if (y + rows.rowHeight <= 0 || y >= rows.cssHeight) continue;
    out.push({
      node: layout.node[i] ?? 0,
      box: { x: layout.x[i] ?? 0, y, width: layout.width[i] ?? 0, height: rows.rowHeight },
    });
  }
  return out;
}
