/**
 * The steps of one draw of the flame canvas: clear, pick the visible rows, colour each rect,
 * fill the bars batched by colour, outline highlighted / hovered / selected rects, and the scroll
 * indicator. Labels are drawn by `flameLabels.ts` between the bars and the outlines.
 *
 * Bars are bucketed by colour and each bucket is filled with one fillStyle, in device pixels
 * (snapped, so 1-px gaps between neighbours stay crisp at any devicePixelRatio). The per-rect
 * buffers live in a `DrawPass` the canvas keeps between frames and grows only when needed.
 */
import { indexOfNode, rowRange, type FlameLayout } from '../../../shared/flame/layout';
import { ROOT_NODE, type StackTree, type TreeArrays } from '../../../shared/flame/stackTree';
import {
  B_MATCH,
  B_NEUTRAL,
  BACKGROUND,
  BUCKETS,
  COLOURS,
  dimmed,
  HIGHLIGHT,
  HOVERED,
  NEUTRAL,
  SCROLL_INDICATOR,
  SELECTED,
  type TreeColours,
} from './flameColors';
import { depthAt, rowTop, type RowGeometry } from './flameHitTest';

/** The visible rects of the current draw and their buffers, reused from frame to frame. */
export interface DrawPass {
  dpr: number;
  /** Layout index of the first visible rect. */
  start: number;
  /** Number of visible rects (layout indexes start … start + count - 1). */
  count: number;
  /** Height of a row and the gap below it, device pixels. */
  rowPx: number;
  gapY: number;
  /** Colour bucket of each visible rect. */
  bucketOf: Uint16Array;
  /** Visible rects sorted by bucket (indexes relative to `start`). */
  order: Int32Array;
  bucketCount: Int32Array;
}

export function createDrawPass(): DrawPass {
  return {
    dpr: 1,
    start: 0,
    count: 0,
    rowPx: 0,
    gapY: 1,
    bucketOf: new Uint16Array(0),
    order: new Int32Array(0),
    bucketCount: new Int32Array(BUCKETS),
  };
}

/** Fills the whole canvas with the background (device pixels, identity transform). */
export function clearBackground(
  ctx: CanvasRenderingContext2D,
  width: number,
  height: number,
): void {
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.fillStyle = BACKGROUND;
  ctx.fillRect(0, 0, width, height);
}

/** Sets the pass to the rects of the rows in view, growing its buffers when needed. */
export function selectVisibleRows(
  pass: DrawPass,
  layout: FlameLayout,
  rows: RowGeometry,
  dpr: number,
): void {
  const icicle = rows.orientation === 'icicle';
  const firstRow = Math.max(depthAt(rows, icicle ? 0 : rows.cssHeight - 1), layout.firstDepth);
  const lastRow = Math.min(depthAt(rows, icicle ? rows.cssHeight - 1 : 0), layout.maxDepth);
  const [start] = rowRange(layout, firstRow);
  const [, end] = rowRange(layout, lastRow);
  const count = Math.max(0, end - start);
  if (pass.bucketOf.length < count) {
    pass.bucketOf = new Uint16Array(count * 2);
    pass.order = new Int32Array(count * 2);
  }
  pass.dpr = dpr;
  pass.start = start;
  pass.count = count;
  pass.rowPx = Math.round(rows.rowHeight * dpr);
  pass.gapY = Math.max(1, Math.round(dpr));
}

/**
 * The colour bucket of each visible rect: palette or diff colour, lit when it matches the
 * search and dimmed when it does not, dimmed too above the zoomed node.
 */
export function assignBuckets(
  pass: DrawPass,
  layout: FlameLayout,
  a: TreeArrays,
  colours: TreeColours,
  matches: Uint8Array | null,
  zoomDepth: number,
): void {
  const { start, count, bucketOf, bucketCount } = pass;
  bucketCount.fill(0);
  for (let k = 0; k < count; k++) {
    const i = start + k;
    const node = layout.node[i] ?? 0;
    const frame = a.frame[node] ?? -1;
    let bucket: number;
    if (node === ROOT_NODE) bucket = B_NEUTRAL;
    else if (colours.nodeDiffBucket) bucket = colours.nodeDiffBucket[node] ?? B_NEUTRAL;
    else bucket = colours.frameBucket[frame] ?? B_NEUTRAL;
    const isAncestor = (layout.depth[i] ?? 0) < zoomDepth;
    if (matches) {
      if (frame >= 0 && matches[frame] === 1) bucket = B_MATCH;
      else bucket = dimmed(bucket);
    } else if (isAncestor) {
      bucket = dimmed(bucket);
    }
    bucketOf[k] = bucket;
    bucketCount[bucket] = (bucketCount[bucket] ?? 0) + 1;
  }
}

/** Counting sort of the visible rects by colour, then one fillStyle per colour. */
export function fillBars(
  ctx: CanvasRenderingContext2D,
  pass: DrawPass,
  layout: FlameLayout,
  rows: RowGeometry,
): void {
  const { dpr, start, count, bucketOf, bucketCount, order, rowPx, gapY } = pass;
  const bucketStart = new Int32Array(BUCKETS + 1);
  for (let b = 0; b < BUCKETS; b++)
    bucketStart[b + 1] = (bucketStart[b] ?? 0) + (bucketCount[b] ?? 0);
  const fillAt = bucketStart.slice(0, BUCKETS);
  for (let k = 0; k < count; k++) {
    const b = bucketOf[k] ?? 0;
    const at = fillAt[b] ?? 0;
    order[at] = k;
    fillAt[b] = at + 1;
  }
  for (let b = 0; b < BUCKETS; b++) {
    const from = bucketStart[b] ?? 0;
    const to = bucketStart[b + 1] ?? 0;
    if (from === to) continue;
    ctx.fillStyle = COLOURS[b] ?? NEUTRAL;
    for (let j = from; j < to; j++) {
      const i = start + (order[j] ?? 0);
      const x0 = Math.round((layout.x[i] ?? 0) * dpr);
      const x1 = Math.round(((layout.x[i] ?? 0) + (layout.width[i] ?? 0)) * dpr);
      const w = x1 - x0;
      const y = Math.round(rowTop(rows, layout.depth[i] ?? 0) * dpr);
      ctx.fillRect(x0, y, w > 3 * dpr ? w - gapY : Math.max(1, w), rowPx - gapY);
    }
  }
}

/** Strokes the inside of rect `i` of the layout. */
function outlineRect(
  ctx: CanvasRenderingContext2D,
  pass: DrawPass,
  layout: FlameLayout,
  rows: RowGeometry,
  i: number,
  colour: string,
  lineWidth: number,
): void {
  const { dpr, rowPx, gapY } = pass;
  const x0 = Math.round((layout.x[i] ?? 0) * dpr);
  const x1 = Math.round(((layout.x[i] ?? 0) + (layout.width[i] ?? 0)) * dpr);
  const y = Math.round(rowTop(rows, layout.depth[i] ?? 0) * dpr);
  const lw = Math.max(1, Math.round(lineWidth * dpr));
  ctx.strokeStyle = colour;
  ctx.lineWidth = lw;
  ctx.strokeRect(
    x0 + lw / 2,
    y + lw / 2,
    Math.max(1, x1 - x0 - gapY - lw),
    Math.max(1, rowPx - gapY - lw),
  );
}

/** Outlines one node's rect, if it has one. */
function outlineNode(
  ctx: CanvasRenderingContext2D,
  pass: DrawPass,
  layout: FlameLayout,
  rows: RowGeometry,
  tree: StackTree,
  node: number,
  colour: string,
  lineWidth: number,
): void {
  if (node < 0 || node >= tree.arrays().count) return;
  const i = indexOfNode(layout, node, tree.depthOf(node));
  if (i >= 0) outlineRect(ctx, pass, layout, rows, i, colour, lineWidth);
}

/** Outlines: every visible rect of the highlighted function, then hover, then selection. */
export function drawOutlines(
  ctx: CanvasRenderingContext2D,
  pass: DrawPass,
  layout: FlameLayout,
  rows: RowGeometry,
  tree: StackTree,
  highlightFrame: number,
  hovered: number,
  selected: number,
): void {
  if (highlightFrame >= 0) {
    const a = tree.arrays();
    for (let k = 0; k < pass.count; k++) {
      const i = pass.start + k;
      if (a.frame[layout.node[i] ?? 0] === highlightFrame) {
        outlineRect(ctx, pass, layout, rows, i, HIGHLIGHT, 1);
      }
    }
  }
  outlineNode(ctx, pass, layout, rows, tree, hovered, HOVERED, 1);
  outlineNode(ctx, pass, layout, rows, tree, selected, SELECTED, 2);
}

/** A thin scroll indicator when the rows (`content` CSS pixels high) do not all fit. */
export function drawScrollIndicator(
  ctx: CanvasRenderingContext2D,
  rows: RowGeometry,
  content: number,
  cssWidth: number,
  dpr: number,
): void {
  const cssHeight = rows.cssHeight;
  if (content <= cssHeight || cssHeight <= 0) return;
  const barH = Math.max(16, (cssHeight / content) * cssHeight);
  const travel = cssHeight - barH;
  const fraction = rows.offset / (content - cssHeight);
  const top = rows.orientation === 'icicle' ? fraction * travel : travel - fraction * travel;
  ctx.fillStyle = SCROLL_INDICATOR;
  ctx.fillRect(
    Math.round((cssWidth - 4) * dpr),
    Math.round(top * dpr),
    Math.round(3 * dpr),
    Math.round(barH * dpr),
  );
}
