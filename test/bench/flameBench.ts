/**
 * Flame graph: our pipeline (collapsed text → StackTree → layout → Canvas2D) against speedscope
 * 1.25.0 (the npm package's built app) on the same generated py-spy-like profile, in the same
 * Chromium, in the same run. No thresholds: read the ratios.
 *
 * (a) ours: the page has the file's text; time from handing it to the collapsed parser
 *     (shared/parsers/collapsed) to the end of <FlameGraph>'s first canvas draw (tree, layout,
 *     draw included; the top-functions table is filled after that first frame). Also from
 *     navigation (fetch included), the same measure as (b).
 * (b) speedscope: `index.html#profileURL=…&title=bench&view=left-heavy` (Left Heavy = merged
 *     stacks, heaviest first: the same picture as ours), navigation → first drawn frame; once
 *     more in its default Time Order view.
 * (a')+(b') the file picked instead of downloaded, in each viewer's own file input (ours:
 *     `flame.html?pick=1`, read by the parse worker as the app's Paste dialog does; speedscope:
 *     its Browse input, `#view=left-heavy`): navigation → first drawn frame, the file set as soon
 *     as the page has loaded. No download: the network stack's pace leaves the measure.
 * (c) 25 zoom-ins (click / speedscope double-click) and zoom-outs (Esc / speedscope `0`) on
 *     frames picked in our layout, and a search typed one key at a time.
 * Standalone:
 *   npx tsx -e "import('./test/bench/flameBench.ts').then(async m=>console.log((await m.benchFlame()).lines.join('\n')))"
 *
 * Knobs: BENCH_FLAME_STACKS (100000), BENCH_FLAME_SAMPLES (1000000), BENCH_FLAME_RUNS (3: loads
 * of each viewer, median reported), BENCH_FLAME_TIME_ORDER=0 skips the extra speedscope load in
 * its default Time Order view.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchChromium } from '../lab/chromium';
import { type Browser, type CDPSession, type Page } from '@playwright/test';
import {
  buildFlameHarness,
  removeDir,
  startStaticServer,
  type StaticServer,
} from '../e2e/harness/flameHarnessServer';
import type { Breakdown, ShowTiming, Target } from '../e2e/harness/flameHarnessApi';
import { cpuMeter, describeCpu } from './cpu';
import { generateCollapsed } from './flameBenchData';
import { repoRoot } from './rendererBuild';
import { BenchError, bytesExact, mb, table, type BenchResult } from './report';

const VIEWPORT = { width: 1440, height: 900 };
/** speedscope picks the folded importer by this suffix first (no sniffing of 90 MB as JSON/perf). */
const FILE = 'bench.collapsedstack.txt';
const SPEEDSCOPE_DIR = join(repoRoot, 'node_modules', 'speedscope', 'dist', 'release');
const SPEEDSCOPE_ROW = 20; // speedscope's Sizes.FRAME_HEIGHT; its row 0 is the time ruler
const LOAD_TIMEOUT_MS = 300_000;

const num = (name: string, fallback: number): number => {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number`);
  return Math.round(value);
};

/**
 * Injected before any page script runs, in both apps alike:
 * - every requestAnimationFrame callback is timed; callbacks of one frame (same timestamp) are
 *   summed into one record {start, end, work};
 * - the first fillText on a canvas in the document marks "first frame drawn": both viewers draw
 *   rectangles first and labels last in one synchronous pass (speedscope: CanvasContext's frame
 *   callback → FlamechartPanZoomView.renderRects (WebGL) then renderOverlays (Canvas2D text);
 *   ours: FlameCanvas.drawNow), so the end of the callback that drew the first label (a
 *   microtask queued from it runs right after it returns) is the end of the first drawn frame.
 *   speedscope draws nothing on a canvas before the profile is imported (it shows a DOM loading
 *   message), so this cannot fire early; its `console.time('import')` is read as a cross-check.
 * - the last input event's timestamp, for input → frame latency.
 */
const INSTRUMENT = `
(() => {
  const w = window;
  w.__frames = [];
  w.__firstLabel = null;
  w.__firstLabelEnd = null;
  w.__lastInput = 0;
  const raf = window.requestAnimationFrame.bind(window);
  let current = null;
  window.requestAnimationFrame = (callback) => raf((ts) => {
    const start = performance.now();
    try {
      callback(ts);
    } finally {
      const end = performance.now();
      if (!current || current.ts !== ts) {
        current = { ts, start, end, work: 0 };
        w.__frames.push(current);
      }
      current.work += end - start;
      current.end = end;
    }
  });
  const proto = CanvasRenderingContext2D.prototype;
  const fillText = proto.fillText;
  proto.fillText = function (...args) {
    if (w.__firstLabel === null && this.canvas.isConnected && this.canvas.width > 1) {
      w.__firstLabel = performance.now();
      queueMicrotask(() => { w.__firstLabelEnd = performance.now(); });
    }
    return fillText.apply(this, args);
  };
  // Long tasks (over 50 ms) on the page's main thread: how long the UI could not answer input.
  w.__longTasks = [];
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.__longTasks.push([e.startTime, e.duration]);
    }).observe({ type: 'longtask', buffered: true });
  } catch {}
  for (const type of ['mousedown', 'click', 'dblclick', 'keydown']) {
    window.addEventListener(type, (event) => { w.__lastInput = event.timeStamp; }, true);
  }
  // When a file input got its file (the picked-file loads): before either app's own listener.
  w.__pickedAt = null;
  window.addEventListener('change', () => { w.__pickedAt ??= performance.now(); }, true);
})();
`;

/** Waits until no frame has run for 200 ms (max 10 s); what the frames since `mark` did. */
const SETTLE = `
new Promise((resolve) => {
  const w = window;
  const began = performance.now();
  const check = () => {
    const frames = w.__frames.slice(w.__mark);
    const last = frames[frames.length - 1];
    const quietSince = Math.max(last ? last.end : 0, w.__lastInput, began);
    if (performance.now() - quietSince < 200 && performance.now() - began < 10000) {
      setTimeout(check, 50);
      return;
    }
    let heaviest = null;
    for (const f of frames) if (!heaviest || f.work > heaviest.work) heaviest = f;
    resolve({
      frames: frames.length,
      drawMs: heaviest ? heaviest.work : 0,
      latencyMs: heaviest && w.__lastInput > 0 ? heaviest.end - w.__lastInput : NaN,
    });
  };
  setTimeout(check, 50);
})
`;

interface Interaction {
  /** The heaviest animation frame after the input (the redraw), ms of callbacks. */
  drawMs: number;
  /** Input event → end of that heaviest frame, ms (NaN when no frame ran). */
  latencyMs: number;
  /** Renderer main-thread task time during the interaction (CDP TaskDuration), ms. */
  busyMs: number;
  /** Of which JavaScript (CDP ScriptDuration), ms. */
  scriptMs: number;
  frames: number;
}

const median = (values: number[]): number => {
  const sorted = values.filter(Number.isFinite).sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const mid = sorted.length >> 1;
  return sorted.length % 2
    ? (sorted[mid] ?? NaN)
    : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
};
const p95 = (values: number[]): number => {
  const sorted = values.filter(Number.isFinite).sort((a, b) => a - b);
  return sorted.length
    ? (sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.95) - 1)] ?? NaN)
    : NaN;
};
const ms = (value: number): string =>
  Number.isFinite(value) ? `${value.toFixed(value < 10 ? 1 : 0)} ms` : '-';
const secs = (value: number): string =>
  Number.isFinite(value) ? `${(value / 1000).toFixed(2)} s` : '-';
const times = (value: number, base: number): string =>
  Number.isFinite(value) && Number.isFinite(base) && base > 0
    ? `${(value / base).toFixed(1)}x`
    : '-';

/** Renderer main-thread time so far, ms: all tasks, and JavaScript alone. */
async function mainThread(cdp: CDPSession): Promise<{ task: number; script: number }> {
  const { metrics } = await cdp.send('Performance.getMetrics');
  const value = (name: string) => (metrics.find((m) => m.name === name)?.value ?? 0) * 1000;
  return { task: value('TaskDuration'), script: value('ScriptDuration') };
}

/** Waits until the page has drawn nothing for 200 ms. */
async function settle(page: Page): Promise<void> {
  await page.evaluate('window.__mark = window.__frames.length;');
  await page.evaluate(SETTLE);
}

async function measure(
  page: Page,
  cdp: CDPSession,
  act: () => Promise<void>,
): Promise<Interaction> {
  await page.evaluate('window.__mark = window.__frames.length; window.__lastInput = 0;');
  const before = await mainThread(cdp);
  await act();
  const settled = (await page.evaluate(SETTLE)) as Omit<Interaction, 'busyMs' | 'scriptMs'>;
  const after = await mainThread(cdp);
  return { ...settled, busyMs: after.task - before.task, scriptMs: after.script - before.script };
}

async function newPage(
  browser: Browser,
): Promise<{ page: Page; cdp: CDPSession; console: string[] }> {
  const page = await browser.newPage({ viewport: VIEWPORT });
  const console: string[] = [];
  page.on('console', (message) => console.push(message.text()));
  page.on('pageerror', (error) => console.push(`pageerror: ${error.message}`));
  await page.addInitScript({ content: INSTRUMENT });
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  return { page, cdp, console };
}

/** The longest main-thread task that started before `until` (0 if none passed 50 ms), ms. */
const longestTaskBefore = (page: Page, until: number) =>
  page.evaluate(
    `Math.max(0, ...window.__longTasks.filter(([start]) => start < ${until}).map(([, d]) => d))`,
  ) as Promise<number>;

const firstLabelEnd = (page: Page, timeout = LOAD_TIMEOUT_MS) =>
  page
    .waitForFunction('window.__firstLabelEnd !== null', undefined, { timeout, polling: 100 })
    .then(() => page.evaluate('window.__firstLabelEnd') as Promise<number>);

/** Throws unless the first tree the worker path drew held all `samples` (not a part of them). */
async function expectWholeTree(
  page: Page,
  samples: number,
  path: string,
  lines: string[],
): Promise<void> {
  const drawn = (await page
    .waitForFunction('window.flameWorkerLoadResult || window.flameLoadError', undefined, {
      timeout: LOAD_TIMEOUT_MS,
    })
    .then(() => page.evaluate('window.flameWorkerLoadResult?.samples ?? NaN'))) as number;
  if (drawn !== samples)
    throw new BenchError(
      `${path}, the first tree drawn had ${drawn} samples, not ${samples}`,
      lines,
    );
}

/** (a')+(b'): the picked-file loads of both viewers, medians, and their ratio. */
function pickedReport(
  ours: { drawnAt: number; fromPick: number; longest: number }[],
  speedscope: { drawnAt: number; fromPick: number; importMs: number; longest: number }[],
  runs: number,
): string[] {
  const m = (list: { drawnAt: number; fromPick: number; longest: number }[]) => ({
    nav: median(list.map((l) => l.drawnAt)),
    pick: median(list.map((l) => l.fromPick)),
    longest: median(list.map((l) => l.longest)),
  });
  const o = m(ours);
  const ss = m(speedscope);
  return [
    '',
    `(a')+(b') the file picked in each viewer's file input instead of downloaded, median of ${runs}`,
    ...table(
      ['path', 'navigation → first frame', 'pick → first frame', 'longest UI task before'],
      [
        [
          "ours, the app's path: picked file → worker reads the file (parse, tree) → transfer → first frame",
          ms(o.nav),
          ms(o.pick),
          ms(o.longest),
        ],
        [
          `speedscope Left Heavy: its Browse input (import ${secs(median(speedscope.map((l) => l.importMs)))})`,
          ms(ss.nav),
          ms(ss.pick),
          ms(ss.longest),
        ],
      ],
    ),
    `ratio speedscope / ours, a picked file, from navigation: ${times(ss.nav, o.nav)} ` +
      `(from the pick: ${times(ss.pick, o.pick)})`,
    `runs, navigation → first frame: ours ${ours.map((l) => ms(l.drawnAt)).join(', ')}; ` +
      `speedscope ${speedscope.map((l) => ms(l.drawnAt)).join(', ')}`,
  ];
}

/**
 * Navigates to `url`, sets `path` on the file input `selector` as soon as the page has loaded,
 * and waits for the first drawn frame: navigation → frame, and the pick → frame.
 */
async function loadPicked(
  browser: Browser,
  url: string,
  selector: string,
  path: string,
): Promise<{ drawnAt: number; fromPick: number; longest: number; page: Page; log: string[] }> {
  const { page, console: log } = await newPage(browser);
  await page.goto(url);
  await page.setInputFiles(selector, path);
  const drawnAt = await firstLabelEnd(page);
  const pickedAt = (await page.evaluate('window.__pickedAt ?? NaN')) as number;
  return {
    drawnAt,
    fromPick: drawnAt - pickedAt,
    longest: await longestTaskBefore(page, drawnAt),
    page,
    log,
  };
}

function interactionRows(name: string, list: Interaction[]): string[] {
  return [
    name,
    String(list.length),
    ms(median(list.map((i) => i.drawMs))),
    ms(p95(list.map((i) => i.drawMs))),
    ms(median(list.map((i) => i.latencyMs))),
    ms(p95(list.map((i) => i.latencyMs))),
    ms(median(list.map((i) => i.busyMs))),
    ms(median(list.map((i) => i.scriptMs))),
  ];
}

export async function benchFlame(): Promise<BenchResult> {
  const lines: string[] = [];
  const stacks = num('BENCH_FLAME_STACKS', 100_000);
  const samples = num('BENCH_FLAME_SAMPLES', 1_000_000);
  const runs = num('BENCH_FLAME_RUNS', 3);
  const timeOrder = process.env.BENCH_FLAME_TIME_ORDER !== '0';
  const progress = (text: string) => process.stderr.write(`  [flame] ${text}\n`);
  const work = mkdtempSync(join(tmpdir(), 'flame-bench-'));
  let harnessDir = '';
  let server: StaticServer | undefined;
  let browser: Browser | undefined;
  const cpu = cpuMeter(cpus().length);
  try {
    // ---------------------------------------------------------------- the file
    let started = performance.now();
    const data = generateCollapsed({ stacks, samples, seed: 42 });
    writeFileSync(join(work, FILE), data.text);
    const bytes = Buffer.byteLength(data.text);
    lines.push(
      `input: generated collapsed stacks (seed 42), ${bytesExact(data.lines)} distinct stacks, ` +
        `${bytesExact(data.samples)} samples, ${bytesExact(data.distinctFrames)} distinct frames, ` +
        `depth 8-${data.maxDepth}, ${mb(bytes)} MB (${((performance.now() - started) / 1000).toFixed(1)} s to generate)`,
    );
    progress(`generated ${mb(bytes)} MB`);

    started = performance.now();
    harnessDir = await buildFlameHarness();
    lines.push(
      `harness: test/e2e/harness/flame.html built with Vite in ${((performance.now() - started) / 1000).toFixed(1)} s; ` +
        `Chromium ${VIEWPORT.width}x${VIEWPORT.height}, devicePixelRatio 1`,
    );
    server = await startStaticServer({
      '/': harnessDir,
      '/speedscope/': SPEEDSCOPE_DIR,
      [`/${FILE}`]: join(work, FILE),
    });
    const fileUrl = `${server.url}/${FILE}`;
    browser = await launchChromium();
    const chromiumVersion = browser.version();

    // ---------------------------------------------------------------- (a) ours
    const shows: ShowTiming[] = [];
    const navs: { drawnAt: number; fetchedAt: number; longest: number }[] = [];
    const workerNavs: { drawnAt: number; longest: number }[] = [];
    const pickedLoads: { drawnAt: number; fromPick: number; longest: number }[] = [];
    const pickedWhole: { nav: number; pick: number; preview: boolean }[] = [];
    let ours: { page: Page; cdp: CDPSession; console: string[] } | undefined;
    let breakdown: Breakdown | undefined;
    for (let run = 0; run < runs; run++) {
      // From navigation, the same measure as speedscope's.
      const nav = await newPage(browser);
      await nav.page.goto(
        `${server.url}/flame.html?load=${encodeURIComponent(`/${FILE}`)}&title=bench`,
      );
      const drawnAt = await firstLabelEnd(nav.page);
      const fetchedAt = (await nav.page
        .waitForFunction('window.flameLoadResult || window.flameLoadError', undefined, {
          timeout: LOAD_TIMEOUT_MS,
        })
        .then(() => nav.page.evaluate('window.flameLoadResult?.fetchedAt ?? NaN'))) as number;
      navs.push({ drawnAt, fetchedAt, longest: await longestTaskBefore(nav.page, drawnAt) });
      await nav.page.close();

      // The app's path: the download's stream read by the parse worker, parsed and built there.
      const viaWorker = await newPage(browser);
      await viaWorker.page.goto(
        `${server.url}/flame.html?load=${encodeURIComponent(`/${FILE}`)}&via=worker&title=bench`,
      );
      const workerDrawnAt = await firstLabelEnd(viaWorker.page);
      // The worker reads the download as it arrives; a stall could draw a partial tree first.
      await expectWholeTree(viaWorker.page, samples, 'via the worker', lines);
      workerNavs.push({
        drawnAt: workerDrawnAt,
        longest: await longestTaskBefore(viaWorker.page, workerDrawnAt),
      });
      await viaWorker.page.close();

      // The app's path for a file on disk: picked, read by the parse worker from the file.
      const picked = await loadPicked(
        browser,
        `${server.url}/flame.html?pick=1&title=bench`,
        '#pick',
        join(work, FILE),
      );
      await expectWholeTree(picked.page, samples, 'a picked file', lines);
      pickedLoads.push(picked);
      // A large profile's first frame is its preview (the visible nodes, the same pixels): when
      // its whole tree (zoom, search, the functions table) was drawn as well.
      const whole = (await picked.page.evaluate(
        '[window.flameWorkerLoadResult?.wholeDrawnAt ?? NaN, window.__pickedAt ?? NaN, window.flameWorkerLoadResult?.preview === true, window.flameWorkerLoadResult?.samePicture]',
      )) as [number, number, boolean, boolean | undefined];
      pickedWhole.push({ nav: whole[0], pick: whole[0] - whole[1], preview: whole[2] });
      if (whole[2] && whole[3] !== true) {
        throw new BenchError("a picked file: the preview was not the whole tree's picture", lines);
      }
      await picked.page.close();

      // Text already in the page: handed to our code → first frame.
      const page = await newPage(browser);
      await page.page.goto(`${server.url}/flame.html`);
      await page.page.waitForFunction('window.flameHarness !== undefined');
      await page.page.evaluate(
        `fetch(${JSON.stringify(fileUrl)}).then((r) => r.text()).then((t) => { window.__text = t; })`,
      );
      const timing = (await page.page.evaluate(
        'window.flameHarness.show({ text: window.__text, title: "bench" })',
      )) as ShowTiming;
      shows.push(timing);
      if (run === runs - 1) {
        breakdown = (await page.page.evaluate(
          'window.flameHarness.breakdown(window.__text)',
        )) as Breakdown;
        ours = page;
      } else {
        await page.page.close();
      }
      progress(
        `ours run ${run + 1}: ${ms(timing.totalMs)} (from navigation ${ms(drawnAt)}, via the ` +
          `worker ${ms(workerDrawnAt)}, a picked file ${ms(picked.drawnAt)})`,
      );
    }

    // ---------------------------------------------------------------- (b) speedscope
    const speedscopeUrl = (view: string | null) =>
      `${server?.url}/speedscope/index.html#profileURL=${encodeURIComponent(fileUrl)}&title=bench` +
      (view ? `&view=${view}` : '');
    const ssLoads: { drawnAt: number; importMs: number; longest: number }[] = [];
    const ssPickedLoads: {
      drawnAt: number;
      fromPick: number;
      importMs: number;
      longest: number;
    }[] = [];
    let ss: { page: Page; cdp: CDPSession; console: string[] } | undefined;
    const importMs = (log: string[]) =>
      Number(/import: ([\d.]+) ms/.exec(log.find((l) => l.startsWith('import:')) ?? '')?.[1]);
    for (let run = 0; run < runs; run++) {
      const page = await newPage(browser);
      await page.page.goto(speedscopeUrl('left-heavy'));
      const drawnAt = await firstLabelEnd(page.page);
      ssLoads.push({
        drawnAt,
        importMs: importMs(page.console),
        longest: await longestTaskBefore(page.page, drawnAt),
      });
      const ssPicked = await loadPicked(
        browser,
        `${server?.url}/speedscope/index.html#title=bench&view=left-heavy`,
        '#file',
        join(work, FILE),
      );
      ssPickedLoads.push({ ...ssPicked, importMs: importMs(ssPicked.log) });
      await ssPicked.page.close();
      progress(
        `speedscope left-heavy run ${run + 1}: ${ms(drawnAt)}, a picked file ${ms(ssPicked.drawnAt)}`,
      );
      if (run === runs - 1) ss = page;
      else await page.page.close();
    }
    let ssTimeOrder: { drawnAt: number; importMs: number } | undefined;
    if (timeOrder) {
      const page = await newPage(browser);
      await page.page.goto(speedscopeUrl(null));
      const drawnAt = await firstLabelEnd(page.page);
      ssTimeOrder = { drawnAt, importMs: importMs(page.console) };
      progress(`speedscope time order: ${ms(drawnAt)}`);
      await page.page.close();
    }

    const oursShow = median(shows.map((s) => s.totalMs));
    const oursNav = median(navs.map((n) => n.drawnAt));
    const oursFetch = median(navs.map((n) => n.fetchedAt));
    const ssNav = median(ssLoads.map((l) => l.drawnAt));
    const oursWorkerNav = median(workerNavs.map((n) => n.drawnAt));
    lines.push('');
    lines.push(
      `(a)+(b) time to the first drawn flame graph, median of ${runs} (each run a fresh page)`,
    );
    lines.push(
      ...table(
        ['path', 'time', 'vs ours (text in hand)'],
        [
          ['ours: text in hand → parse → tree → layout → first frame', ms(oursShow), '1.0x'],
          [
            `ours: navigation → fetch (${ms(oursFetch)}) → … → first frame`,
            ms(oursNav),
            times(oursNav, oursShow),
          ],
          [
            `ours, the app's path: navigation → fetch → worker (parse, tree) → transfer → first frame`,
            ms(oursWorkerNav),
            times(oursWorkerNav, oursShow),
          ],
          [
            `speedscope Left Heavy: navigation → first frame (import ${secs(median(ssLoads.map((l) => l.importMs)))})`,
            ms(ssNav),
            times(ssNav, oursShow),
          ],
          ...(ssTimeOrder
            ? [
                [
                  `speedscope Time Order (its default view), 1 run (import ${secs(ssTimeOrder.importMs)})`,
                  ms(ssTimeOrder.drawnAt),
                  times(ssTimeOrder.drawnAt, oursShow),
                ],
              ]
            : []),
        ],
      ),
    );
    lines.push(
      `ratio speedscope / ours, both from navigation (same fetch, same first-label signal): ${times(ssNav, oursNav)}`,
    );
    lines.push(
      `ratio speedscope / ours via the worker, from navigation: ${times(ssNav, oursWorkerNav)}`,
    );
    lines.push(...pickedReport(pickedLoads, ssPickedLoads, runs));
    lines.push(
      `ours, a picked file: the first frame ${pickedWhole.every((w) => w.preview) ? 'was the preview (its visible nodes, the same pixels as the whole tree) in every load' : `was a preview in ${pickedWhole.filter((w) => w.preview).length} of ${pickedWhole.length} loads`}; ` +
        `the whole tree (zoom, search, the functions table) drawn ${ms(median(pickedWhole.map((w) => w.nav)))} from navigation, ${ms(median(pickedWhole.map((w) => w.pick)))} from the pick: ` +
        `speedscope / ours to the whole tree ${times(median(ssPickedLoads.map((l) => l.drawnAt)), median(pickedWhole.map((w) => w.nav)))}`,
    );
    lines.push(
      `longest UI-thread task before the first frame (median of ${runs}; input waits this long): ` +
        `ours in the page ${ms(median(navs.map((n) => n.longest)))}, ours via the worker ` +
        `${ms(median(workerNavs.map((n) => n.longest)))}, speedscope ${ms(median(ssLoads.map((l) => l.longest)))}`,
    );
    lines.push(
      `ours, runs (text in hand): ${shows.map((s) => ms(s.totalMs)).join(', ')}; from navigation: ` +
        `${navs.map((n) => ms(n.drawnAt)).join(', ')}; speedscope: ${ssLoads.map((l) => ms(l.drawnAt)).join(', ')}`,
    );
    const last = shows[shows.length - 1];
    if (last && breakdown) {
      lines.push(
        `ours, inside the first frame (last run): parse ${ms(last.parseMs)}, React + tree + layout + draw ${ms(last.renderMs)} ` +
          `(the draw call ${ms(last.drawMs)}, of which layout ${ms(last.layoutMs)}; ${last.rects} rects, ${last.labels} labels)`,
      );
      lines.push(
        `ours, step by step outside React: parse ${ms(breakdown.parseMs)}, tree ${ms(breakdown.treeMs)} ` +
          `(${bytesExact(breakdown.nodes)} nodes), layout ${ms(breakdown.layoutMs)} (${breakdown.rects} rects), ` +
          `draw ${ms(breakdown.drawMs)}`,
      );
    }

    // ---------------------------------------------------------------- (c) interactions
    const o = ours;
    const s = ss;
    if (!o || !s) throw new Error('no page left for the interaction tests');
    const targets = (await o.page.evaluate(
      'window.flameHarness.targets(25, 7, 30, 12)',
    )) as Target[];
    progress(`zooming ${targets.length} times in each viewer`);
    // The measuring itself (CDP calls, the settle polling) with no input at all: the floor.
    const oursIdle: Interaction[] = [];
    for (let i = 0; i < 7; i++) oursIdle.push(await measure(o.page, o.cdp, async () => {}));
    const oursZoomIn: Interaction[] = [];
    const oursZoomOut: Interaction[] = [];
    for (const t of targets) {
      await o.page.mouse.move(t.x, t.y);
      await settle(o.page);
      oursZoomIn.push(await measure(o.page, o.cdp, () => o.page.mouse.click(t.x, t.y)));
      oursZoomOut.push(await measure(o.page, o.cdp, () => o.page.keyboard.press('Escape')));
    }
    const query = 'session';
    await o.page.mouse.move(2, 2);
    await o.page.keyboard.press('/');
    const oursSearch: Interaction[] = [];
    for (const ch of query) {
      oursSearch.push(await measure(o.page, o.cdp, () => o.page.keyboard.type(ch)));
    }
    const oursShare = await o.page
      .locator('.flame-match')
      .textContent({ timeout: 5_000 })
      .catch(async (err: unknown) => {
        await o.page.screenshot({ path: '/tmp/ours-fail.png' });
        return String(err).slice(0, 200);
      });

    // speedscope: the same points by position (its rows are 20 px under a 20 px ruler, full width).
    const box = (await s.page.evaluate(`(() => {
      const canvases = [...document.querySelectorAll('canvas')].filter((c) => c.className !== '');
      canvases.sort((a, b) => b.getBoundingClientRect().height - a.getBoundingClientRect().height);
      const r = canvases[0].getBoundingClientRect();
      return { x: r.left, y: r.top, width: r.width, height: r.height };
    })()`)) as { x: number; y: number; width: number; height: number };
    const ssIdle: Interaction[] = [];
    for (let i = 0; i < 7; i++) ssIdle.push(await measure(s.page, s.cdp, async () => {}));
    const ssZoomIn: Interaction[] = [];
    const ssZoomOut: Interaction[] = [];
    for (const t of targets) {
      const x = box.x + t.fraction * box.width;
      const y = box.y + t.depth * SPEEDSCOPE_ROW + SPEEDSCOPE_ROW / 2;
      await s.page.mouse.move(x, y);
      await settle(s.page);
      ssZoomIn.push(await measure(s.page, s.cdp, () => s.page.mouse.dblclick(x, y)));
      ssZoomOut.push(await measure(s.page, s.cdp, () => s.page.keyboard.press('0')));
    }
    await s.page.mouse.move(box.x + 2, box.y + 2);
    await s.page.keyboard.press('Control+f');
    const ssSearch: Interaction[] = [];
    for (const ch of query) {
      ssSearch.push(await measure(s.page, s.cdp, () => s.page.keyboard.type(ch)));
    }
    const ssZoomRedraws = ssZoomIn.filter((i) => i.drawMs > 0).length;

    lines.push('');
    lines.push(
      `(c) interactions on the same profile (${targets.length} frames at depth 1-12 at least 30 px wide in ours, ` +
        `clicked in each viewer at the same relative position; search types "${query}" a key at a time)`,
    );
    lines.push(
      ...table(
        [
          'interaction',
          'n',
          'redraw med',
          'redraw p95',
          'latency med',
          'latency p95',
          'main thread med',
          'of which JS',
        ],
        [
          interactionRows('ours: no input (measuring floor)', oursIdle),
          interactionRows('ours: click → zoom in', oursZoomIn),
          interactionRows('ours: Esc → zoom out', oursZoomOut),
          interactionRows('ours: search, per key', oursSearch),
          interactionRows('speedscope: no input (measuring floor)', ssIdle),
          interactionRows('speedscope: double-click → zoom in', ssZoomIn),
          interactionRows('speedscope: 0 → zoom out', ssZoomOut),
          interactionRows('speedscope: Ctrl+F search, per key', ssSearch),
        ],
      ),
    );
    lines.push(
      `redraw = the heaviest animation frame after the input (its requestAnimationFrame callbacks); ` +
        `latency = input event → end of that frame; main thread = the renderer's ` +
        `task time (CDP TaskDuration) over the interaction: input handling, React/Preact, style, ` +
        `layout, paint and (software) compositing; JS = its ScriptDuration part`,
    );
    lines.push(
      `ours: search shows "${oursShare ?? '?'}"; speedscope redrew after ${ssZoomRedraws} of ${ssZoomIn.length} double-clicks ` +
        `(a miss = the point fell between its frames)`,
    );
    lines.push(
      `WebGL here is SwiftShader (software, no GPU): speedscope's rectangles are rasterized by the CPU in ` +
        `Chromium's GPU process, outside the renderer main-thread figures above; Canvas2D is CPU-rasterized too`,
    );
    lines.push(
      `Chromium ${chromiumVersion}; speedscope ${SPEEDSCOPE_DIR.replace(repoRoot + '/', '')}`,
    );
    const errors = [...o.console, ...s.console].filter((l) => l.startsWith('pageerror'));
    if (errors.length) lines.push(`page errors: ${errors.slice(0, 3).join(' | ')}`);
    lines.push(describeCpu(cpu.stop()));
    return { name: 'flame graph vs speedscope', lines };
  } catch (err) {
    throw new BenchError(err instanceof Error ? err.message : String(err), lines);
  } finally {
    await browser?.close().catch(() => undefined);
    await server?.close().catch(() => undefined);
    if (harnessDir) removeDir(harnessDir);
    removeDir(work);
  }
}
