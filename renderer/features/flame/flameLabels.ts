/**
 * Labels of the flame graph: drawn only where at least a few characters fit, ellipsised, in a
 * monospace font whose advance is measured once per size; the file:line follows the name when
 * it fits too.
 */
import type { FlameLayout } from '../../../shared/flame/layout';
import { ROOT_NODE, type StackTree } from '../../../shared/flame/stackTree';
import { B_MATCH, isDim, TEXT, TEXT_DIM, TEXT_LOCATION, TEXT_ON_MATCH } from './flameColors';
import type { DrawPass } from './flameDraw';
import { rowTop, type RowGeometry } from './flameHitTest';

/** 1234567 → "1.23 M"; diff trees have shares, not counts. */
export function formatCount(value: number, share = false): string {
  if (share) return `${(value * 100).toFixed(1)} %`;
  if (value >= 1e6) return `${(value / 1e6).toFixed(2)} M`;
  if (value >= 1e4) return `${(value / 1e3).toFixed(1)} k`;
  return Number.isInteger(value) ? String(value) : value.toFixed(2);
}

export interface LabelFont {
  /** CSS font shorthand, '' until measured. */
  font: string;
  /** Advance of one character, device pixels. */
  charWidth: number;
}

/** Sets the label font on `ctx`, measuring it first when it was reset (resize). */
export function applyLabelFont(
  ctx: CanvasRenderingContext2D,
  canvas: HTMLCanvasElement,
  labelFont: LabelFont,
  fontPx: number,
): void {
  if (labelFont.font === '') {
    const family = getComputedStyle(canvas).fontFamily || 'monospace';
    labelFont.font = `${fontPx}px ${family}`;
    ctx.font = labelFont.font;
    labelFont.charWidth = ctx.measureText('MMMMMMMMMM').width / 10;
  }
  ctx.font = labelFont.font;
  ctx.textBaseline = 'middle';
}

/** The name shown for `node`: the root of a non-diff tree shows the sample count. */
function labelName(tree: StackTree, node: number, name: string, rootTotal: number): string {
  if (node === ROOT_NODE && !tree.isDiff) return `all (${formatCount(rootTotal)})`;
  return name;
}

/** `name` cut to `fits` characters with an ellipsis. */
function truncated(name: string, fits: number): string {
  return `${name.slice(0, Math.max(1, fits - 1))}…`;
}

function locationOf(file: string | undefined, line: number | undefined): string {
  if (!file) return '';
  return line ? `${file}:${line}` : file;
}

/** Draws the labels of the pass's rects that are wide enough; returns how many. */
export function drawLabels(
  ctx: CanvasRenderingContext2D,
  tree: StackTree,
  layout: FlameLayout,
  rows: RowGeometry,
  pass: DrawPass,
  charW: number,
): number {
  const dpr = pass.dpr;
  const pad = Math.round(4 * dpr);
  const minLabel = pad * 2 + charW * 3;
  const rootTotal = tree.arrays().total[0] ?? 0;
  const { start, count, bucketOf, rowPx, gapY } = pass;
  let labels = 0;
  for (let k = 0; k < count; k++) {
    const i = start + k;
    const widthPx = (layout.width[i] ?? 0) * dpr;
    if (widthPx < minLabel) continue;
    const node = layout.node[i] ?? 0;
    const bucket = bucketOf[k] ?? 0;
    const fits = Math.floor((widthPx - pad * 2) / charW);
    const frame = tree.frameInfo(node);
    const name = labelName(tree, node, frame.name, rootTotal);
    const x = Math.round((layout.x[i] ?? 0) * dpr) + pad;
    const y = Math.round(rowTop(rows, layout.depth[i] ?? 0) * dpr) + (rowPx - gapY) / 2 + 0.5;
    const dim = isDim(bucket);
    ctx.fillStyle = bucket === B_MATCH ? TEXT_ON_MATCH : dim ? TEXT_DIM : TEXT;
    if (name.length > fits) {
      ctx.fillText(truncated(name, fits), x, y);
    } else {
      ctx.fillText(name, x, y);
      const location = locationOf(frame.file, frame.line);
      if (location && name.length + 1 + location.length <= fits && bucket !== B_MATCH) {
        ctx.fillStyle = dim ? TEXT_DIM : TEXT_LOCATION;
        ctx.fillText(location, x + (name.length + 1) * charW, y);
      }
    }
    labels++;
  }
  return labels;
}
