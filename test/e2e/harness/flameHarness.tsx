/// <reference types="vite/client" />
/**
 * A page with nothing but <FlameGraph>, for the e2e spec and the benchmark (built by Vite on the
 * fly, see flameHarnessServer.ts). `window.flameHarness.show(...)` parses collapsed text and
 * renders it; `flame.html?load=<url>&title=<t>` fetches a file and shows it on its own (the
 * benchmark's "from navigation" figure, the same measure as speedscope's `#profileURL=`);
 * `flame.html?pick=1` shows a file input whose file goes to the parse worker as the app's Paste
 * dialog sends it (the same measure as speedscope's own file input).
 */
import '../../../renderer/styles.css';
import { flushSync } from 'react-dom';
import { createRoot } from 'react-dom/client';
import { parseCollapsed } from '../../../shared/parsers/collapsed';
import { layoutFlame } from '../../../shared/flame/layout';
import type { StackSamples } from '../../../shared/flame/stackSamples';
import { StackTree } from '../../../shared/flame/stackTree';
import { FlameCanvas, type FlameDrawInfo } from '../../../renderer/features/flame/flameCanvas';
import { FlameGraph } from '../../../renderer/features/flame/FlameGraph';
import { useAppStore } from '../../../renderer/state/store';
import { parseStreams } from '../../../renderer/captures/parseStreams';
import { generateCollapsed, seededRandom } from '../../bench/flameBenchData';
import type {
  FlameHarnessApi,
  FlameWorkerLoadResult,
  ShowInput,
  ShowTiming,
  Target,
} from './flameHarnessApi';

const ROW_HEIGHT = 18; // FlameCanvas's default

const container = document.getElementById('root');
if (!container) throw new Error('no #root');
const root = createRoot(container);
let generation = 0;
let lastSamples: StackSamples | null = null;

function mainCanvas(): HTMLCanvasElement | null {
  return document.querySelector<HTMLCanvasElement>('canvas[aria-label="Flame graph"]');
}

/** Resolves with the first `flamedraw` of the main graph after now. */
function nextMainDraw(): Promise<{ info: FlameDrawInfo; at: number }> {
  return new Promise((resolve) => {
    const onDraw = (event: Event) => {
      const target = event.target as HTMLElement | null;
      if (target?.getAttribute('aria-label') !== 'Flame graph') return;
      document.removeEventListener('flamedraw', onDraw, true);
      resolve({ info: (event as CustomEvent<FlameDrawInfo>).detail, at: performance.now() });
    };
    document.addEventListener('flamedraw', onDraw, true);
  });
}

async function show(input: ShowInput): Promise<ShowTiming> {
  const started = performance.now();
  const after = parseCollapsed(input.text).samples;
  const before = input.beforeText !== undefined ? parseCollapsed(input.beforeText).samples : null;
  const parsed = performance.now();
  lastSamples = after;
  const drawn = nextMainDraw();
  generation++;
  // Unmount first so the timing below always covers a fresh component (tree, layout, draw).
  flushSync(() => root.render(null));
  const handedOver = performance.now();
  // The app builds the tree in its parse worker; here it is built in the page, and timed with
  // the layout and the draw (the whole pipeline's cost, wherever it runs).
  const tree = before ? StackTree.diff(before, after) : StackTree.fromSamples(after);
  root.render(<FlameGraph key={generation} tree={tree} title={input.title} />);
  const { info, at } = await drawn;
  return {
    parseMs: parsed - started,
    renderMs: at - handedOver,
    totalMs: at - started - (handedOver - parsed),
    drawMs: info.ms,
    layoutMs: info.layoutMs,
    rects: info.rects,
    labels: info.labels,
    stacks: after.stacks.length,
    frames: after.frames.length,
  };
}

/**
 * The app's own path for a profile: the parse worker reads the bytes (`read` starts it: a
 * download's stream, or a picked file), parses them and builds the tree; the tree's arrays are
 * transferred back and drawn. The UI thread only receives the tree and draws.
 */
async function showViaWorker(
  read: (streamId: string) => Promise<number>,
  title: string,
): Promise<Omit<FlameWorkerLoadResult, 'fetchedAt'>> {
  const streamId = `harness-${++generation}`;
  const firstDraw = nextMainDraw();
  let samples = 0;
  let previewed = false;
  let whole: Pick<
    FlameWorkerLoadResult,
    'nodes' | 'stacks' | 'threads' | 'chars' | 'lines' | 'scanned'
  > = { nodes: 0, stacks: 0, threads: 0, chars: 0, lines: 0, scanned: undefined };
  let wholeDrawn: Promise<{ at: number }> | undefined;
  const wholeShown = new Promise<void>((resolve) => {
    // As the app's RecordView: a large profile's preview first (if the worker makes one), then
    // the whole tree in the same component.
    const unsubscribe = useAppStore.subscribe((state) => {
      const parsed = state.models[streamId];
      const flame = parsed?.parser === 'collapsed' ? parsed.model : null;
      if (!flame) return;
      const tree = flame.tree;
      if (!tree) {
        if (flame.preview && !previewed) {
          previewed = true;
          samples = flame.preview.totalWeight; // the bench checks the first tree drawn is whole
          root.render(<FlameGraph key={streamId} tree={flame.preview} title={title} preview />);
        }
        return;
      }
      unsubscribe();
      if (!previewed) samples = tree.totalWeight;
      whole = {
        nodes: tree.nodeCount,
        stacks: flame.stacks,
        threads: flame.progress.threads ?? 1,
        chars: flame.progress.chars,
        lines: flame.progress.lines,
        scanned: flame.progress.scanned,
      };
      wholeDrawn = nextMainDraw();
      root.render(<FlameGraph key={streamId} tree={tree} title={title} />);
      resolve();
    });
  });
  await read(streamId);
  const { at } = await firstDraw;
  // The pixels of the first frame: a preview's are compared with the whole tree's below.
  const firstPixels = mainCanvas()?.toDataURL() ?? '';
  await wholeShown;
  const wholeAt = (await wholeDrawn)?.at ?? at;
  const samePicture = previewed ? mainCanvas()?.toDataURL() === firstPixels : undefined;
  return { drawnAt: at, wholeDrawnAt: wholeAt, preview: previewed, samePicture, samples, ...whole };
}

function breakdown(text: string) {
  const t0 = performance.now();
  const samples = parseCollapsed(text).samples;
  const t1 = performance.now();
  const tree = StackTree.fromSamples(samples);
  tree.arrays();
  const t2 = performance.now();
  const reference = mainCanvas();
  const width = reference?.clientWidth || 1000;
  const height = reference?.clientHeight || 700;
  const layout = layoutFlame(tree, { width, minWidth: 0.5 });
  const t3 = performance.now();
  const canvas = document.createElement('canvas');
  canvas.style.fontFamily = 'monospace';
  document.body.appendChild(canvas);
  const flame = new FlameCanvas(canvas);
  flame.setTree(tree);
  flame.resize(width, height, window.devicePixelRatio || 1); // first draw: lays out, loads fonts
  const info = flame.drawNow(); // layout cached: the drawing alone
  flame.dispose();
  canvas.remove();
  return {
    parseMs: t1 - t0,
    treeMs: t2 - t1,
    nodes: tree.nodeCount,
    layoutMs: t3 - t2,
    rects: layout.count,
    drawMs: info.ms,
  };
}

function targets(count: number, seed: number, minWidth: number, maxDepth: number): Target[] {
  const canvas = mainCanvas();
  if (!canvas || !lastSamples) return [];
  const box = canvas.getBoundingClientRect();
  // Same samples → same tree, node ids and layout as the component's (the build is deterministic).
  const tree = StackTree.fromSamples(lastSamples);
  const layout = layoutFlame(tree, { width: Math.floor(box.width), minWidth: 0.5 });
  const candidates: Target[] = [];
  for (let i = 0; i < layout.count; i++) {
    const depth = layout.depth[i] ?? 0;
    const width = layout.width[i] ?? 0;
    if (depth < 1 || depth > maxDepth || width < minWidth) continue;
    const x = (layout.x[i] ?? 0) + width / 2;
    candidates.push({
      x: box.left + x,
      y: box.top + depth * ROW_HEIGHT + ROW_HEIGHT / 2,
      depth,
      fraction: x / box.width,
      label: tree.label(layout.node[i] ?? 0),
    });
  }
  const random = seededRandom(seed);
  const picked: Target[] = [];
  for (let k = 0; k < count && candidates.length > 0; k++) {
    picked.push(candidates[Math.floor(random() * candidates.length)] as Target);
  }
  return picked;
}

const api: FlameHarnessApi = {
  show,
  breakdown,
  targets,
  generate: (stacks, samples, seed) => generateCollapsed({ stacks, samples, seed }).text,
};
window.flameHarness = api;

const params = new URLSearchParams(location.search);
const url = params.get('load');
if (url && params.get('via') === 'worker') {
  parseStreams.start(); // as the app's main.tsx does
  void (async () => {
    try {
      // The download's stream goes to the worker as it arrives, as a picked file's does.
      const response = await fetch(url);
      const fetchedAt = performance.now(); // headers only: the body is read by the worker
      if (!response.ok || !response.body) throw new Error(`${url}: HTTP ${response.status}`);
      const body = response.body;
      const shown = await showViaWorker(
        (streamId) => parseStreams.parseByteStream(streamId, 'collapsed', body, { ungated: true }),
        params.get('title') ?? url,
      );
      window.flameWorkerLoadResult = { fetchedAt, ...shown };
    } catch (err) {
      window.flameLoadError = err instanceof Error ? err.message : String(err);
    }
  })();
} else if (params.get('pick') === '1') {
  // `threads=N`: read a large file in N parts, whatever the cores (the tests of the parts path).
  const threads = Number(params.get('threads') ?? NaN);
  const threadsParam = Number.isInteger(threads) ? threads : undefined;
  parseStreams.start();
  const input = document.createElement('input');
  input.type = 'file';
  input.id = 'pick';
  document.body.prepend(input);
  input.addEventListener('change', () => {
    const file = input.files?.item(0);
    if (!file) return;
    const pickedAt = performance.now();
    input.remove(); // the graph gets the whole page, as it does in the app
    showViaWorker(
      (streamId) =>
        parseStreams.parseBlob(streamId, 'collapsed', file, { ungated: true }, threadsParam),
      params.get('title') ?? file.name,
    ).then(
      (shown) => (window.flameWorkerLoadResult = { fetchedAt: pickedAt, ...shown }),
      (err: unknown) => (window.flameLoadError = err instanceof Error ? err.message : String(err)),
    );
  });
} else if (url) {
  void (async () => {
    try {
      const response = await fetch(url);
      const text = await response.text();
      const fetchedAt = performance.now();
      const timing = await show({ text, title: params.get('title') ?? url });
      window.flameLoadResult = { fetchedAt, timing, drawnAt: performance.now() };
    } catch (err) {
      window.flameLoadError = err instanceof Error ? err.message : String(err);
    }
  })();
}
