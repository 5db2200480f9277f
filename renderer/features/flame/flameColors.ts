/**
 * Colours of the flame graph: a calm palette hashed by package (first path segment of the file)
 * with a lightness step hashed by function name; search matches lit, the rest dimmed; diff trees
 * red (grew) / blue (shrank) by the change of their share of samples. Every colour is a bucket
 * index into `COLOURS`, so the painter can fill all rects of one colour with one fillStyle.
 */
import type { StackTree } from '../../../shared/flame/stackTree';

/** Hues of the calm palette (no pure red or blue: those mean "grew" and "shrank" in a diff). */
const HUES = [205, 168, 140, 95, 48, 28, 330, 285, 255, 185, 70, 12];
const SHADES = 3;
export const NEUTRAL = 'hsl(220, 8%, 30%)';
const NEUTRAL_DIM = 'hsl(220, 6%, 19%)';
const MATCH = 'hsl(42, 75%, 62%)';
const DIFF_STEPS = 7;

export const TEXT = '#e3e6eb';
export const TEXT_DIM = '#7c828d';
export const TEXT_ON_MATCH = '#17191d';
export const TEXT_LOCATION = 'rgba(227, 230, 235, 0.55)';
export const BACKGROUND = '#111317';
export const SELECTED = '#61afef';
export const HOVERED = 'rgba(235, 238, 243, 0.85)';
export const HIGHLIGHT = '#e5c07b';
export const SCROLL_INDICATOR = 'rgba(139, 145, 156, 0.45)';

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
export const B_NEUTRAL = PALETTE_SIZE * 2;
const B_NEUTRAL_DIM = B_NEUTRAL + 1;
export const B_MATCH = B_NEUTRAL + 2;
const B_DIFF = B_NEUTRAL + 3; // 2 * DIFF_STEPS + 1 buckets, the middle one = no change
export const BUCKETS = B_DIFF + DIFF_STEPS * 2 + 1;

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
/** The fill colour of each bucket. */
export const COLOURS = bucketColours();

export interface TreeColours {
  /** Palette bucket per frame id (B_NEUTRAL for frames without a file). */
  frameBucket: Uint16Array;
  /** Diff trees: bucket per node by its change of share. */
  nodeDiffBucket: Uint16Array | null;
}

/** The colour buckets of a tree's frames (and, for a diff, of its nodes). */
export function treeColours(tree: StackTree): TreeColours {
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

/** The dimmed variant of a bucket (search non-matches, ancestors of the zoomed node). */
export function dimmed(bucket: number): number {
  if (bucket < PALETTE_SIZE) return bucket + PALETTE_SIZE;
  if (bucket === B_NEUTRAL) return B_NEUTRAL_DIM;
  if (bucket >= B_DIFF) return B_NEUTRAL_DIM;
  return bucket;
}

export function isDim(bucket: number): boolean {
  return (bucket >= PALETTE_SIZE && bucket < PALETTE_SIZE * 2) || bucket === B_NEUTRAL_DIM;
}
