/**
 * Draws a flame graph on a <canvas> with Canvas2D: no React, no DOM besides the canvas (model:
 * speedscope's `gl/flamechart-renderer.ts` + the Canvas2D label overlay of
 * `views/flamechart-pan-zoom-view.tsx`). The owner forwards sizes and input; this class keeps the
 * layout of the current (tree, zoom, width), and draws on the next animation frame, only when
 * something changed.
 *
 * The pieces: colours in `flameColors.ts`, row geometry and hit-testing in `flameHitTest.ts`,
 * the steps of a draw in `flameDraw.ts`, labels in `flameLabels.ts`. This class keeps the state,
 * the sizes and the scheduling.
 */
import { layoutFlame, type FlameLayout } from '../../../shared/flame/layout';
import { ROOT_NODE, type SearchResult, type StackTree } from '../../../shared/flame/stackTree';
import { treeColours, type TreeColours } from './flameColors';
import {
  assignBuckets,
  clearBackground,
  createDrawPass,
  drawOutlines,
  drawScrollIndicator,
  fillBars,
  selectVisibleRows,
} from './flameDraw';
import {
  boxOfNode,
  nodeAt,
  rowTop,
  visibleRectsOf,
  type NodeBox,
  type Orientation,
  type RowGeometry,
} from './flameHitTest';
import { applyLabelFont, drawLabels, type LabelFont } from './flameLabels';

export { packageOf } from './flameColors';
export type { NodeBox, Orientation } from './flameHitTest';
export { formatCount } from './flameLabels';

export interface FlameCanvasOptions {
  /** Row height in CSS pixels (default 18). */
  rowHeight?: number;
  /** Rects narrower than this many CSS pixels are not drawn (default 0.5). */
  minWidth?: number;
  /** First depth drawn: 1 hides the synthetic root (the sandwich panes do). Default 0. */
  firstDepth?: number;
  /** Font size of labels in CSS pixels (default 11). */
  fontSize?: number;
}

export interface FlameDrawInfo {
  /** Time spent in drawNow (layout included), ms. */
  ms: number;
  /** Time spent computing the layout during this draw (0 when it was cached), ms. */
  layoutMs: number;
  rects: number;
  labels: number;
}

export class FlameCanvas {
  private readonly ctx: CanvasRenderingContext2D;
  private readonly minWidth: number;
  private readonly fontSize: number;
  /** Orientation, row height, first depth, scroll offset and height: where rows go. */
  private readonly rows: RowGeometry;

  private tree: StackTree | null = null;
  private colours: TreeColours | null = null;
  private coloursKey = '';
  private zoom = ROOT_NODE;
  private search: SearchResult | null = null;
  private selected = -1;
  private hovered = -1;
  private highlightFrame = -1;
  private cssWidth = 0;
  private dpr = 1;

  private layout: FlameLayout | null = null;
  private layoutKey = '';
  private layoutTree: StackTree | null = null;
  private readonly labelFont: LabelFont = { font: '', charWidth: 7 };
  private rafId = 0;
  private disposed = false;
  private readonly pass = createDrawPass();

  /** Called after every draw (the benchmark and tests listen to the `flamedraw` event too). */
  onDraw: ((info: FlameDrawInfo) => void) | null = null;

  constructor(
    private readonly canvas: HTMLCanvasElement,
    options: FlameCanvasOptions = {},
  ) {
    const ctx = canvas.getContext('2d', { alpha: false });
    if (!ctx) throw new Error('Canvas2D is not available');
    this.ctx = ctx;
    this.minWidth = options.minWidth ?? 0.5;
    this.fontSize = options.fontSize ?? 11;
    this.rows = {
      orientation: 'icicle',
      rowHeight: options.rowHeight ?? 18,
      firstDepth: options.firstDepth ?? 0,
      offset: 0,
      cssHeight: 0,
    };
  }

  // ------------------------------------------------------------------ state in

  setTree(tree: StackTree | null): void {
    if (tree === this.tree) return;
    this.tree = tree;
    this.colours = null;
    this.invalidate();
  }

  setZoom(node: number): void {
    if (node === this.zoom) return;
    this.zoom = node;
    this.invalidate();
  }

  setOrientation(orientation: Orientation): void {
    if (orientation === this.rows.orientation) return;
    this.rows.orientation = orientation;
    this.invalidate();
  }

  setSearch(search: SearchResult | null): void {
    if (search === this.search) return;
    this.search = search;
    this.invalidate();
  }

  setSelected(node: number): void {
    if (node === this.selected) return;
    this.selected = node;
    this.invalidate();
  }

  setHovered(node: number): void {
    if (node === this.hovered) return;
    this.hovered = node;
    this.invalidate();
  }

  /** Outlines every rect of one frame (the function of the sandwich, a table row's function). */
  setHighlightFrame(frameId: number): void {
    if (frameId === this.highlightFrame) return;
    this.highlightFrame = frameId;
    this.invalidate();
  }

  /** Scrolls by CSS pixels, away from the root's edge when positive. */
  scrollBy(delta: number): void {
    this.setOffset(this.rows.offset + delta);
  }

  private setOffset(offset: number): void {
    const max = Math.max(0, this.contentHeight() - this.rows.cssHeight);
    const next = Math.min(max, Math.max(0, offset));
    if (next === this.rows.offset) return;
    this.rows.offset = next;
    this.invalidate();
  }

  /** Size of the canvas in CSS pixels; draws at once so a resize never shows a blank frame. */
  resize(width: number, height: number, dpr: number): void {
    const w = Math.max(0, Math.floor(width));
    const h = Math.max(0, Math.floor(height));
    if (w === this.cssWidth && h === this.rows.cssHeight && dpr === this.dpr) return;
    this.cssWidth = w;
    this.rows.cssHeight = h;
    this.dpr = dpr;
    this.canvas.width = Math.round(w * dpr);
    this.canvas.height = Math.round(h * dpr);
    this.labelFont.font = '';
    this.drawNow();
  }

  // ------------------------------------------------------------------ geometry

  private ensureLayout(): FlameLayout | null {
    const tree = this.tree;
    if (!tree || this.cssWidth <= 0) return null;
    const key = `${tree.revision}:${this.zoom}:${this.cssWidth}`;
    if (this.layout && this.layoutKey === key) return this.layout;
    this.layout = layoutFlame(tree, {
      root: this.zoom < tree.nodeCount ? this.zoom : ROOT_NODE,
      width: this.cssWidth,
      minWidth: this.minWidth,
      fromDepth: this.rows.firstDepth,
    });
    this.layoutKey = key;
    this.layoutTree = tree;
    return this.layout;
  }

  private currentLayout(): FlameLayout | null {
    if (this.layout && this.layoutTree !== this.tree) this.layout = null;
    return this.ensureLayout();
  }

  /** Height of all rows of the current layout, CSS pixels. */
  contentHeight(): number {
    const layout = this.currentLayout();
    if (!layout) return 0;
    return (layout.maxDepth - this.rows.firstDepth + 1) * this.rows.rowHeight;
  }

  /** The node under a point of the canvas (CSS pixels), or -1. */
  hitTest(x: number, y: number): number {
    const layout = this.currentLayout();
    if (!layout) return -1;
    return nodeAt(layout, this.rows, x, y);
  }

  /** Where `node` is drawn (CSS pixels, canvas coordinates), or null when it has no rect. */
  nodeBox(node: number): NodeBox | null {
    const layout = this.currentLayout();
    const tree = this.tree;
    if (!layout || !tree) return null;
    return boxOfNode(layout, tree, this.rows, node);
  }

  /** Scrolls the least needed for `node`'s row to be in view. */
  reveal(node: number): void {
    const tree = this.tree;
    if (!tree || node < 0 || node >= tree.nodeCount) return;
    const { rowHeight, cssHeight, offset } = this.rows;
    const top = rowTop(this.rows, tree.depthOf(node));
    const sign = this.rows.orientation === 'icicle' ? 1 : -1;
    if (top < 0) this.setOffset(offset + sign * top);
    else if (top + rowHeight > cssHeight) {
      this.setOffset(offset + sign * (top + rowHeight - cssHeight));
    }
  }

  /** Visible rects (for tests and the benchmark): node, box, label as drawn. */
  visibleRects(): { node: number; box: NodeBox }[] {
    const layout = this.currentLayout();
    if (!layout) return [];
    return visibleRectsOf(layout, this.rows);
  }

  // ------------------------------------------------------------------ drawing

  /** Draws on the next animation frame (once, however many changes come before it). */
  invalidate(): void {
    if (this.rafId !== 0 || this.disposed) return;
    this.rafId = requestAnimationFrame(() => {
      this.rafId = 0;
      this.drawNow();
    });
  }

  drawNow(): FlameDrawInfo {
    const started = performance.now();
    const info: FlameDrawInfo = { ms: 0, layoutMs: 0, rects: 0, labels: 0 };
    const { ctx, dpr, rows, pass } = this;
    clearBackground(ctx, this.canvas.width, this.canvas.height);
    const tree = this.tree;
    const hadLayout = this.layout !== null && this.layoutTree === tree;
    const layout = this.currentLayout();
    info.layoutMs = hadLayout && this.layout === layout ? 0 : performance.now() - started;
    if (!tree || !layout || layout.count === 0) return this.finish(info, started);
    // Keep the scroll offset valid when the content shrank (zoom, new tree).
    rows.offset = Math.min(rows.offset, Math.max(0, this.contentHeight() - rows.cssHeight));
    const colours = this.treeColours(tree);
    const matches =
      this.search && this.search.query.trim() !== '' ? this.search.frameMatches : null;

    selectVisibleRows(pass, layout, rows, dpr);
    assignBuckets(pass, layout, tree.arrays(), colours, matches, tree.depthOf(layout.root));
    fillBars(ctx, pass, layout, rows);
    info.rects = pass.count;

    applyLabelFont(ctx, this.canvas, this.labelFont, Math.round(this.fontSize * dpr));
    info.labels = drawLabels(ctx, tree, layout, rows, pass, this.labelFont.charWidth);

    drawOutlines(ctx, pass, layout, rows, tree, this.highlightFrame, this.hovered, this.selected);
    drawScrollIndicator(ctx, rows, this.contentHeight(), this.cssWidth, dpr);
    return this.finish(info, started);
  }

  /** The colour buckets of `tree`, recomputed when its revision or frames changed. */
  private treeColours(tree: StackTree): TreeColours {
    const key = `${tree.revision}:${tree.frames.size}`;
    if (!this.colours || this.coloursKey !== key) {
      this.colours = treeColours(tree);
      this.coloursKey = key;
    }
    return this.colours;
  }

  private finish(info: FlameDrawInfo, started: number): FlameDrawInfo {
    info.ms = performance.now() - started;
    this.onDraw?.(info);
    this.canvas.dispatchEvent(new CustomEvent<FlameDrawInfo>('flamedraw', { detail: info }));
    return info;
  }

  dispose(): void {
    this.disposed = true;
    if (this.rafId !== 0) cancelAnimationFrame(this.rafId);
    this.rafId = 0;
    this.onDraw = null;
  }
}
