/** What the flame graph harness page (flameHarness.tsx) puts on `window.flameHarness`. */

export interface ShowInput {
  /** Collapsed stacks (py-spy raw). */
  text: string;
  /** Differential: collapsed text of "before"; `text` is "after". */
  beforeText?: string;
  title?: string;
}

export interface ShowTiming {
  /** parseCollapsed on the text(s), ms. */
  parseMs: number;
  /** From handing the parsed samples to <FlameGraph> to the end of its first canvas draw, ms. */
  renderMs: number;
  /** parse + render: text in hand → first frame drawn, ms. */
  totalMs: number;
  /** Of the first draw: the draw call itself (layout included), ms. */
  drawMs: number;
  layoutMs: number;
  rects: number;
  labels: number;
  stacks: number;
  frames: number;
}

export interface Breakdown {
  parseMs: number;
  treeMs: number;
  nodes: number;
  layoutMs: number;
  rects: number;
  drawMs: number;
}

export interface Target {
  /** Page coordinates of the centre of a rect, and its depth (0 = the "all" root). */
  x: number;
  y: number;
  depth: number;
  /** Position as a fraction of the graph's width, for mapping to another viewer. */
  fraction: number;
  label: string;
}

export interface FlameHarnessApi {
  show(input: ShowInput): Promise<ShowTiming>;
  /** The pipeline step by step outside React, on a detached canvas of the same size. */
  breakdown(text: string): Breakdown;
  /** Rects of the unzoomed main graph at depths 1..maxDepth at least `minWidth` px wide. */
  targets(count: number, seed: number, minWidth: number, maxDepth: number): Target[];
  /** A deterministic, generated profile (the benchmark's generator, smaller). */
  generate(stacks: number, samples: number, seed: number): string;
}

/** Set by `flame.html?load=<url>`: performance.now() marks since navigation start. */
export interface FlameLoadResult {
  fetchedAt: number;
  timing: ShowTiming;
  drawnAt: number;
}

/**
 * Set by `flame.html?load=<url>&via=worker` and `flame.html?pick=1` (the app's path: parse and
 * tree in the worker).
 */
export interface FlameWorkerLoadResult {
  /** When the response's headers came (its body is read by the worker), or the file was picked. */
  fetchedAt: number;
  /** The first frame drawn: the preview's, when the worker made one. */
  drawnAt: number;
  /** When the whole tree was drawn (interactive): drawnAt when there was no preview. */
  wholeDrawnAt: number;
  /** A preview (a large profile's visible nodes) was drawn first. */
  preview: boolean;
  /** With a preview: its canvas had the same pixels as the whole tree's first draw. */
  samePicture: boolean | undefined;
  /** The samples in the first tree drawn: all of the file's, or it was a partial tree. */
  samples: number;
  /** The whole tree's nodes and distinct stacks, the threads that parsed its text, and that text. */
  nodes: number;
  stacks: number;
  threads: number;
  chars: number;
  lines: number;
  /** Every thread read its bytes with the WebAssembly scanner (undefined: no bytes read). */
  scanned: boolean | undefined;
}

declare global {
  interface Window {
    flameHarness?: FlameHarnessApi;
    flameLoadResult?: FlameLoadResult;
    flameWorkerLoadResult?: FlameWorkerLoadResult;
    flameLoadError?: string;
  }
}
