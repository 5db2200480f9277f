/**
 * A large collapsed-stacks file parsed in parts, each by its own thread: the file is cut after
 * a `\n` (a byte that never occurs inside a UTF-8 character, so each part decodes on its own),
 * each part is parsed alone, and the parts are merged in file order into the first part's
 * parser. The merged samples are those of one parser reading the whole file: frames and stacks
 * in order of first appearance, repeated stacks summed (decimal weights may round differently in
 * the last bit, as any other summing order would).
 *
 * One thing crosses lines: whether the stream is differential (two counts per line), decided by
 * its first data line. Every part after the first is therefore parsed in the mode the file's head
 * decided (`modeOfHead` in collapsedParser.ts); a file whose head decides nothing is not split.
 */
import type { StackFrame, WeightedStack } from './stackSamples';

export type CollapsedMode = 'plain' | 'diff';

/** What a part's parser read, flat and transferable (no object per stack). */
export interface CollapsedPart {
  /** The part's frames in order of first appearance, and the text each was read from. */
  frames: StackFrame[];
  frameTexts: string[];
  /** Stack k: frame ids ids[offsets[k], offsets[k + 1]), root first (ids index `frames`). */
  ids: Int32Array<ArrayBuffer>;
  offsets: Int32Array<ArrayBuffer>;
  weights: Float64Array<ArrayBuffer>;
  /** Differential parts only. */
  weightsB: Float64Array<ArrayBuffer> | null;
  unparsedLines: number;
  overlongLines: number;
  internalErrors: number;
  /** Its bytes were read by the WebAssembly scanner (see collapsedBytes.ts). */
  scanned: boolean;
}

/** A parser that can take parts read by other threads (a flame-graph stream reading a file). */
export interface CollapsedPartsTarget {
  /** How far the thread reading part `index` (1 = the second part) has read: for progress. */
  reading(index: number, chars: number, lines: number): void;
  /** Merges the next part, `index`, read by another thread: `chars` and `lines` of text. */
  absorb(index: number, part: CollapsedPart, chars: number, lines: number): void;
}

/** Files smaller than this are read by one thread: starting another costs more than it saves. */
export const PARALLEL_MIN_BYTES = 16 * 1024 * 1024;
/** How far past a nominal cut a line end is looked for (the parser's longest line). */
export const CUT_SEARCH_BYTES = 64 * 1024;

/** The buffers of a part, to transfer instead of copying. */
export function partBuffers(part: CollapsedPart): ArrayBuffer[] {
  const buffers = [part.ids.buffer, part.offsets.buffer, part.weights.buffer];
  if (part.weightsB) buffers.push(part.weightsB.buffer);
  return buffers;
}

/** Stacks as flat arrays (see CollapsedPart; NaN: a stack without a second count). */
export function flattenStacks(
  stacks: readonly WeightedStack[],
  differential: boolean,
): Pick<CollapsedPart, 'ids' | 'offsets' | 'weights' | 'weightsB'> {
  let total = 0;
  for (const s of stacks) total += s.frameIds.length;
  const ids = new Int32Array(total);
  const offsets = new Int32Array(stacks.length + 1);
  const weights = new Float64Array(stacks.length);
  const weightsB = differential ? new Float64Array(stacks.length) : null;
  let at = 0;
  for (let k = 0; k < stacks.length; k++) {
    const s = stacks[k] as WeightedStack;
    offsets[k] = at;
    ids.set(s.frameIds, at);
    at += s.frameIds.length;
    weights[k] = s.weight;
    if (weightsB) weightsB[k] = s.weightB ?? Number.NaN;
  }
  offsets[stacks.length] = at;
  return { ids, offsets, weights, weightsB };
}

/**
 * Where to cut a file of `size` bytes into `parts` parts: the nominal cut points, each to be
 * moved to just after the next `\n` (see lineStartAfter). Empty when the file is too small to
 * be worth it.
 */
export function nominalCuts(size: number, parts: number): number[] {
  if (!(size >= PARALLEL_MIN_BYTES) || !(parts >= 2)) return [];
  const cuts: number[] = [];
  for (let k = 1; k < parts; k++) cuts.push(Math.floor((size * k) / parts));
  return cuts;
}

/** The index just after the first `\n` in `bytes`, or -1 when there is none. */
export function lineStartAfter(bytes: Uint8Array): number {
  const at = bytes.indexOf(10);
  return at < 0 ? -1 : at + 1;
}

/**
 * The parts' byte ranges from the cuts found (each an absolute offset just after a `\n`, or -1
 * when none was found near its nominal point): increasing, non-empty, covering [0, size).
 */
export function partRanges(size: number, cuts: readonly number[]): [number, number][] {
  const ranges: [number, number][] = [];
  let from = 0;
  for (const cut of cuts) {
    if (cut <= from || cut >= size) continue; // no line end near it, or one a part already spans
    ranges.push([from, cut]);
    from = cut;
  }
  ranges.push([from, size]);
  return ranges;
}
