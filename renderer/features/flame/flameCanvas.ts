/**
 * Draws a flame graph on a <canvas> with Canvas2D: no React, no DOM besides the canvas (model:
 * speedscope's `gl/flamechart-renderer.ts` + the Canvas2D label overlay of
 * `views/flamechart-pan-zoom-view.tsx`). The owner forwards sizes and input; this class keeps the
 * layout of the current (tree, zoom, width), and draws on the next animation frame, only when
 * something changed.
 *
 * Drawing is batched: rects are bucketed by colour and each bucket is filled with one fillStyle,
 * in device pixels (snapped, so 1-px gaps between neighbours stay crisp at any devicePixelRatio).
 * Labels are drawn only where at least a few characters fit, ellipsised, in a monospace font whose
 * advance is measured once. Colours: a calm palette hashed by package (first path segment of the
 * file) with a lightness step hashed by function name; search matches lit, the rest dimmed; diff
 * trees red (grew) / blue (shrank) by the change of their share of samples.
 */
import {
  hitTestLayout,
  indexOfNode,
  layoutFlame,
  rowRange,
  type FlameLayout,
} from '../../../shared/flame/layout';
import { ROOT_NODE, type SearchResult, type StackTree } from '../../../shared/flame/stackTree';

export type Orientation = 'flame' | 'icicle';

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

export interface NodeBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Hues of the calm palette (no pure red or blue: those mean "grew" and "shrank" in a diff). */
const HUES = [205, 168, 140, 95, 48, 28, 330, 285, 255, 185, 70, 12];
const SHADES = 3;
const NEUTRAL = 'hsl(220, 8%, 30%)';
const NEUTRAL_DIM = 'hsl(220, 6%, 19%)';
const MATCH = 'hsl(42, 75%, 62%)';
const DIFF_STEPS = 7;

const TEXT = '#e3e6eb';
const TEXT_DIM = '#7c828d';
const TEXT_ON_MATCH = '#17191d';
const TEXT_LOCATION = 'rgba(227, 230, 235, 0.55)';
const BACKGROUND = '#111317';
const SELECTED = '#61afef';
const HOVERED = 'rgba(235, 238, 243, 0.85)';
const HIGHLIGHT = '#e5c07b';

function hashString(text: string): number {
  let h = 0x811c9dc5 | 0;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** The colour key of a frame: its package (first path segment of the file), or none. */
export function packageOf(file: string | undefined): string {
  if (!file) return '';
  const slash = file.indexOf('/');
  const head = slash > 0 ? file.slice(0, slash) : file;
  return head.endsWith('.py') ? head.slice(0, -3) : head;
}

/**
 * Colour buckets: [0, P) palette, [P, 2P) the palette dimmed, then neutral, neutral dimmed,
 * match, then the diff scale (blue strongest … neutral … red strongest).
 */
const PALETTE_SIZE = HUES.length * SHADES;
const B_NEUTRAL = PALETTE_SIZE * 2;
const B_NEUTRAL_DIM = B_NEUTRAL + 1;
const B_MATCH = B_NEUTRAL + 2;
const B_DIFF = B_NEUTRAL + 3; // 2 * DIFF_STEPS + 1 buckets, the middle one = no change
const BUCKETS = B_DIFF + DIFF_STEPS * 2 + 1;

function bucketColours(): string[] {
  const colours: string[] = [];
  for (const dim of [false, true]) {
    for (const hue of HUES) {
      for (let shade = 0; shade < SHADES; shade++) {
        colours.push(
          dim
            ? `hsl(${hue}, 10%, ${17 + shade * 2}%)`
            : `hsl(${hue}, ${30 + shade * 3}%, ${29 + shade * 4}%)`,
        );
      }
    }
  }
  colours.push(NEUTRAL, NEUTRAL_DIM, MATCH);
  for (let i = -DIFF_STEPS; i <= DIFF_STEPS; i++) {
    const t = Math.abs(i) / DIFF_STEPS;
    if (i === 0) colours.push('hsl(220, 7%, 28%)');
    else if (i < 0) colours.push(`hsl(213, ${14 + 42 * t}%, ${28 + 10 * t}%)`);
    else colours.push(`hsl(2, ${14 + 46 * t}%, ${28 + 10 * t}%)`);
  }
  return colours;
}
const COLOURS = bucketColours();

interface TreeColours {
  /** Palette bucket per frame id (B_NEUTRAL for frames without a file). */
  frameBucket: Uint16Array;
  /** Diff trees: bucket per node by its change of share. */
  nodeDiffBucket: Uint16Array | null;
}

function treeColours(tree: StackTree): TreeColours {
  const frames = tree.frames.frames;
  const frameBucket = new Uint16Array(frames.length);
  for (let f = 0; f < frames.length; f++) {
    const frame = frames[f];
    const pkg = packageOf(frame?.file);
    if (!frame || pkg === '') {
      frameBucket[f] = B_NEUTRAL;
      continue;
    }
    const hue = hashString(pkg) % HUES.length;
    const shade = hashString(frame.name) % SHADES;
    frameBucket[f] = hue * SHADES + shade;
  }
  let nodeDiffBucket: Uint16Array | null = null;
  if (tree.isDiff) {
    const a = tree.arrays();
    const { a: totalA, b: totalB } = tree.seriesTotals;
    const series = tree.seriesArrays();
    const ka = totalA > 0 ? 1 / totalA : 0;
    const kb = totalB > 0 ? 1 / totalB : 0;
    const deltas = new Float64Array(a.count);
    let max = 0;
    for (let n = 1; n < a.count; n++) {
      const delta = (series.totalB?.[n] ?? 0) * kb - (series.totalA[n] ?? 0) * ka;
      deltas[n] = delta;
      if (Math.abs(delta) > max) max = Math.abs(delta);
    }
    nodeDiffBucket = new Uint16Array(a.count);
    // Linear in the change of share, relative to the largest change (flamegraph.pl's scale),
    // but never finer than 1 point: a profile where nothing moved more than noise stays grey.
    const scale = Math.max(max, 0.01);
    for (let n = 0; n < a.count; n++) {
      const t = (deltas[n] ?? 0) / scale;
      const step = Math.min(DIFF_STEPS, Math.round(Math.abs(t) * DIFF_STEPS));
      nodeDiffBucket[n] = B_DIFF + DIFF_STEPS + Math.sign(t) * step;
    }
  }
  return { frameBucket, nodeDiffBucket };
}

export class FlameCanvas {
  private readonly ctx: CanvasRenderingContext2D;
  private readonly rowHeight: number;
  private readonly minWidth: number;
  private readonly firstDepth: number;
  private readonly fontSize: number;

  private tree: StackTree | null = null;
  private colours: TreeColours | null = null;
  private coloursKey = '';
  private zoom = ROOT_NODE;
  private orientation: Orientation = 'icicle';
  private search: SearchResult | null = null;
  private selected = -1;
  private hovered = -1;
  private highlightFrame = -1;
  /** Rows scrolled away from the root's edge, in CSS pixels. */
  private offset = 0;
  private cssWidth = 0;
  private cssHeight = 0;
  private dpr = 1;

  private layout: FlameLayout | null = null;
  private layoutKey = '';
  private layoutTree: StackTree | null = null;
  private font = '';
  private charWidth = 7;
  private rafId = 0;
  private disposed = false;
  private bucketOf = new Uint16Array(0);
  private bucketCount = new Int32Array(BUCKETS);
  private order = new Int32Array(0);

  /** Called after every draw (the benchmark and tests listen to the `flamedraw` event too). */
  onDraw: ((info: FlameDrawInfo) => void) | null = null;

  constructor(
    private readonly canvas: HTMLCanvasElement,
    options: FlameCanvasOptions = {},
  ) {
    const ctx = canvas.getContext('2d', { alpha: false });
    if (!ctx) throw new Error('Canvas2D is not available');
    this.ctx = ctx;
    this.rowHeight = options.rowHeight ?? 18;
    this.minWidth = options.minWidth ?? 0.5;
    this.firstDepth = options.firstDepth ?? 0;
    this.fontSize = options.fontSize ?? 11;
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
    if (orientation === this.orientation) return;
    this.orientation = orientation;
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
    this.setOffset(this.offset + delta);
  }

  private setOffset(offset: number): void {
    const max = Math.max(0, this.contentHeight() - this.cssHeight);
    const next = Math.min(max, Math.max(0, offset));
    if (next === this.offset) return;
    this.offset = next;
    this.invalidate();
  }

  /** Size of the canvas in CSS pixels; draws at once so a resize never shows a blank frame. */
  resize(width: number, height: number, dpr: number): void {
    const w = Math.max(0, Math.floor(width));
    const h = Math.max(0, Math.floor(height));
    if (w === this.cssWidth && h === this.cssHeight && dpr === this.dpr) return;
    this.cssWidth = w;
    this.cssHeight = h;
    this.dpr = dpr;
    this.canvas.width = Math.round(w * dpr);
    this.canvas.height = Math.round(h * dpr);
    this.font = '';
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
      fromDepth: this.firstDepth,
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
    return (layout.maxDepth - this.firstDepth + 1) * this.rowHeight;
  }

  /** Top of the row of `depth` in canvas CSS pixels. */
  private rowTop(depth: number): number {
    const r = depth - this.firstDepth;
    if (this.orientation === 'icicle') return r * this.rowHeight - this.offset;
    return this.cssHeight - (r + 1) * this.rowHeight + this.offset;
  }

  private depthAt(y: number): number {
    const r =
      this.orientation === 'icicle'
        ? Math.floor((y + this.offset) / this.rowHeight)
        : Math.floor((this.cssHeight + this.offset - y) / this.rowHeight);
    return r + this.firstDepth;
  }

  /** The node under a point of the canvas (CSS pixels), or -1. */
  hitTest(x: number, y: number): number {
    const layout = this.currentLayout();
    if (!layout || y < 0 || y >= this.cssHeight) return -1;
    const i = hitTestLayout(layout, x, this.depthAt(y));
    return i < 0 ? -1 : (layout.node[i] ?? -1);
  }

  /** Where `node` is drawn (CSS pixels, canvas coordinates), or null when it has no rect. */
  nodeBox(node: number): NodeBox | null {
    const layout = this.currentLayout();
    const tree = this.tree;
    if (!layout || !tree || node < 0 || node >= tree.nodeCount) return null;
    const depth = tree.depthOf(node);
    const i = indexOfNode(layout, node, depth);
    if (i < 0) return null;
    return {
      x: layout.x[i] ?? 0,
      y: this.rowTop(depth),
      width: layout.width[i] ?? 0,
      height: this.rowHeight,
    };
  }

  /** Scrolls the least needed for `node`'s row to be in view. */
  reveal(node: number): void {
    const tree = this.tree;
    if (!tree || node < 0 || node >= tree.nodeCount) return;
    const top = this.rowTop(tree.depthOf(node));
    const sign = this.orientation === 'icicle' ? 1 : -1;
    if (top < 0) this.setOffset(this.offset + sign * top);
    else if (top + this.rowHeight > this.cssHeight) {
      this.setOffset(this.offset + sign * (top + this.rowHeight - this.cssHeight));
    }
  }

  /** Visible rects (for tests and the benchmark): node, box, label as drawn. */
  visibleRects(): { node: number; box: NodeBox }[] {
    const layout = this.currentLayout();
    if (!layout) return [];
    const out: { node: number; box: NodeBox }[] = [];
    for (let i = 0; i < layout.count; i++) {
      const depth = layout.depth[i] ?? 0;
      const y = this.rowTop(depth);
      if (y + this.rowHeight <= 0 || y >= this.cssHeight) continue;
      out.push({
        node: layout.node[i] ?? 0,
        box: { x: layout.x[i] ?? 0, y, width: layout.width[i] ?? 0, height: this.rowHeight },
      });
    }
    return out;
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
    const ctx = this.ctx;
    const dpr = this.dpr;
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.fillStyle = BACKGROUND;
    ctx.fillRect(0, 0, this.canvas.width, this.canvas.height);
    const tree = this.tree;
    const hadLayout = this.layout !== null && this.layoutTree === tree;
    const layout = this.currentLayout();
    info.layoutMs = hadLayout && this.layout === layout ? 0 : performance.now() - started;
    if (!tree || !layout || layout.count === 0) return this.finish(info, started);
    // Keep the scroll offset valid when the content shrank (zoom, new tree).
    this.offset = Math.min(this.offset, Math.max(0, this.contentHeight() - this.cssHeight));
    if (!this.colours || this.coloursKey !== `${tree.revision}:${tree.frames.size}`) {
      this.colours = treeColours(tree);
      this.coloursKey = `${tree.revision}:${tree.frames.size}`;
    }
    const colours = this.colours;
    const a = tree.arrays();
    const matches =
      this.search && this.search.query.trim() !== '' ? this.search.frameMatches : null;
    const zoomDepth = tree.depthOf(layout.root);

    // Visible rows only.
    const rowH = this.rowHeight;
    let firstRow = this.depthAt(this.orientation === 'icicle' ? 0 : this.cssHeight - 1);
    let lastRow = this.depthAt(this.orientation === 'icicle' ? this.cssHeight - 1 : 0);
    firstRow = Math.max(firstRow, layout.firstDepth);
    lastRow = Math.min(lastRow, layout.maxDepth);
    const [start] = rowRange(layout, firstRow);
    const [, end] = rowRange(layout, lastRow);
    const count = Math.max(0, end - start);
    if (this.bucketOf.length < count) {
      this.bucketOf = new Uint16Array(count * 2);
      this.order = new Int32Array(count * 2);
    }
    const bucketOf = this.bucketOf;
    const bucketCount = this.bucketCount;
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
    // Counting sort of the rects by colour, then one fillStyle per colour.
    const order = this.order;
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
    const rowPx = Math.round(rowH * dpr);
    const gapY = Math.max(1, Math.round(dpr));
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
        const y = Math.round(this.rowTop(layout.depth[i] ?? 0) * dpr);
        ctx.fillRect(x0, y, w > 3 * dpr ? w - gapY : Math.max(1, w), rowPx - gapY);
      }
    }
    info.rects = count;

    // Labels where a few characters fit.
    const fontPx = Math.round(this.fontSize * dpr);
    if (this.font === '') {
      const family = getComputedStyle(this.canvas).fontFamily || 'monospace';
      this.font = `${fontPx}px ${family}`;
      ctx.font = this.font;
      this.charWidth = ctx.measureText('MMMMMMMMMM').width / 10;
    }
    ctx.font = this.font;
    ctx.textBaseline = 'middle';
    const pad = Math.round(4 * dpr);
    const charW = this.charWidth;
    const minLabel = pad * 2 + charW * 3;
    let labels = 0;
    for (let k = 0; k < count; k++) {
      const i = start + k;
      const widthPx = (layout.width[i] ?? 0) * dpr;
      if (widthPx < minLabel) continue;
      const node = layout.node[i] ?? 0;
      const bucket = bucketOf[k] ?? 0;
      const fits = Math.floor((widthPx - pad * 2) / charW);
      const frame = tree.frameInfo(node);
      let name = frame.name;
      if (node === ROOT_NODE && !tree.isDiff) name = `all (${formatCount(a.total[0] ?? 0)})`;
      const x = Math.round((layout.x[i] ?? 0) * dpr) + pad;
      const y = Math.round(this.rowTop(layout.depth[i] ?? 0) * dpr) + (rowPx - gapY) / 2 + 0.5;
      const dim = isDim(bucket);
      ctx.fillStyle = bucket === B_MATCH ? TEXT_ON_MATCH : dim ? TEXT_DIM : TEXT;
      if (name.length > fits) {
        ctx.fillText(`${name.slice(0, Math.max(1, fits - 1))}…`, x, y);
      } else {
        ctx.fillText(name, x, y);
        const location = frame.file
          ? frame.line
            ? `${frame.file}:${frame.line}`
            : frame.file
          : '';
        if (location && name.length + 1 + location.length <= fits && bucket !== B_MATCH) {
          ctx.fillStyle = dim ? TEXT_DIM : TEXT_LOCATION;
          ctx.fillText(location, x + (name.length + 1) * charW, y);
        }
      }
      labels++;
    }
    info.labels = labels;

    // Outlines: the highlighted function, hover, selection.
    const outline = (i: number, colour: string, lineWidth: number): void => {
      const x0 = Math.round((layout.x[i] ?? 0) * dpr);
      const x1 = Math.round(((layout.x[i] ?? 0) + (layout.width[i] ?? 0)) * dpr);
      const y = Math.round(this.rowTop(layout.depth[i] ?? 0) * dpr);
      const lw = Math.max(1, Math.round(lineWidth * dpr));
      ctx.strokeStyle = colour;
      ctx.lineWidth = lw;
      ctx.strokeRect(
        x0 + lw / 2,
        y + lw / 2,
        Math.max(1, x1 - x0 - gapY - lw),
        Math.max(1, rowPx - gapY - lw),
      );
    };
    if (this.highlightFrame >= 0) {
      for (let k = 0; k < count; k++) {
        const i = start + k;
        if (a.frame[layout.node[i] ?? 0] === this.highlightFrame) outline(i, HIGHLIGHT, 1);
      }
    }
    for (const [node, colour, width] of [
      [this.hovered, HOVERED, 1],
      [this.selected, SELECTED, 2],
    ] as const) {
      if (node < 0 || node >= a.count) continue;
      const i = indexOfNode(layout, node, tree.depthOf(node));
      if (i >= 0) outline(i, colour, width);
    }

    // A thin scroll indicator when the rows do not all fit.
    const content = this.contentHeight();
    if (content > this.cssHeight && this.cssHeight > 0) {
      const barH = Math.max(16, (this.cssHeight / content) * this.cssHeight);
      const travel = this.cssHeight - barH;
      const fraction = this.offset / (content - this.cssHeight);
      const top = this.orientation === 'icicle' ? fraction * travel : travel - fraction * travel;
      ctx.fillStyle = 'rgba(139, 145, 156, 0.45)';
      ctx.fillRect(
        Math.round((this.cssWidth - 4) * dpr),
        Math.round(top * dpr),
        Math.round(3 * dpr),
        Math.round(barH * dpr),
      );
    }
    return this.finish(info, started);
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

function dimmed(bucket: number): number {
  if (bucket < PALETTE_SIZE) return bucket + PALETTE_SIZE;
  if (bucket === B_NEUTRAL) return B_NEUTRAL_DIM;
  if (bucket >= B_DIFF) return B_NEUTRAL_DIM;
  return bucket;
}

function isDim(bucket: number): boolean {
  return (bucket >= PALETTE_SIZE && bucket < PALETTE_SIZE * 2) || bucket === B_NEUTRAL_DIM;
}

/** 1234567 → "1.23 M"; diff trees have shares, not counts. */
export function formatCount(value: number, share = false): string {
  if (share) return `${(value * 100).toFixed(1)} %`;
  if (value >= 1e6) return `${(value / 1e6).toFixed(2)} M`;
  if (value >= 1e4) return `${(value / 1e3).toFixed(1)} k`;
  return Number.isInteger(value) ? String(value) : value.toFixed(2);
}
