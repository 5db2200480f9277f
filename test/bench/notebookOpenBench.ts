/**
 * Opening a big investigation offline: 50 snapshots and a 100 MB recording, against the floor of
 * the same steps on an investigation of one snapshot, in the same app, browser and run. The
 * snapshots are the sample investigation's (seed 000: threads, gdb stacks, strace, recorded by the
 * app from the lab), copied to 50; the recording is the sample's strace terminal repeated to
 * 100 MB. Each step is timed from the click to what the user waits for, in Chromium (browser
 * mode), median of ROUNDS fresh page loads:
 *   - open: the investigation clicked in the library → its timeline drawn, every item listed;
 *   - first view: the first snapshot clicked → its thread table drawn, rebuilt from its raw text;
 *   - recording: the recording clicked → the player's first frame drawn (loading goes on), and
 *     → fully loaded.
 * Standalone:
 *   npx tsx -e "import('./test/bench/notebookOpenBench.ts').then(async m=>console.log((await m.benchNotebookOpen()).lines.join('\n')))"
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, type Page } from '@playwright/test';
import { createWorkbench, SAMPLE_ARCHIVE } from '../../electron/node/workbench';
import { NotebookStore } from '../../electron/node/notebook/notebookStore';
import { startWebServer } from '../../electron/server/webServer';
import type { NewItem, NotebookItem } from '../../shared/contract/index';
import { launchChromium } from '../lab/chromium';
import { writeBigRecording } from './notebookOpenData';
import { ensureRendererBuilt, rendererDir, repoRoot } from './rendererBuild';
import { BenchError, mb, ratio, table, type BenchResult } from './report';

const OWNER = 'bench';
const SNAPSHOTS = 50;
const RECORDING_BYTES = 100 * 1e6;
const ROUNDS = 5;
const FLOOR_TITLE = 'Floor: one snapshot';
const BIG_TITLE = 'Big: 50 snapshots and 100 MB';

const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1] ?? NaN;

/** An item as a new one: the store gives it an id of its own. */
function asNew(item: NotebookItem, title: string): NewItem | null {
  if (item.type !== 'snapshot') return null;
  const { id: _id, ...rest } = item;
  return { ...rest, title };
}

/** The sample imported twice: one copy kept small (the floor), one grown to 50 snapshots + 100 MB. */
async function seed(dataDir: string, scratch: string) {
  const store = new NotebookStore(dataDir);
  const archive = readFileSync(join(repoRoot, 'build', SAMPLE_ARCHIVE));
  const small = await store.importArchive(archive);
  const big = await store.importArchive(archive);
  const { items } = await store.open(small.id, OWNER);
  await store.rename(small.id, FLOOR_TITLE, OWNER);
  const threads = items.find((i) => i.type === 'snapshot' && i.capture.kind === 'top');
  if (!threads) throw new BenchError('the sample has no threads snapshot', []);
  for (const item of items)
    if (item.id !== threads.id) await store.removeItem(small.id, item.id, OWNER);
  await store.close(small.id, OWNER);

  const open = await store.open(big.id, OWNER);
  await store.rename(big.id, BIG_TITLE, OWNER);
  const snapshots = open.items.filter((i) => i.type === 'snapshot');
  for (let n = snapshots.length; n < SNAPSHOTS; n++) {
    const source = snapshots[n % snapshots.length];
    const copy = source && asNew(source, `${source.title} #${n}`);
    if (copy) await store.addItem(big.id, copy, OWNER);
  }
  const path = join(scratch, 'big.cast');
  const bytes = await writeBigRecording(store, big.id, open.items, path, RECORDING_BYTES);
  await store.keepRecording(
    big.id,
    {
      terminalId: 't_benchflood1',
      path,
      title: 'strace flood',
      host: 'lab (bench)',
      startedAt: new Date(Date.now() - 3_600_000).toISOString(),
    },
    OWNER,
  );
  await store.close(big.id, OWNER);
  const totalItems = (await store.list()).find((s) => s.id === big.id)?.items ?? 0;
  return { bytes, totalItems };
}

interface Round {
  open: number;
  firstView: number;
  recordingFrame: number;
  recordingLoaded: number;
}

/** One fresh page: open `title` from the library, its first snapshot, then its recording if any. */
async function round(page: Page, url: string, title: string, items: number): Promise<Round> {
  await page.goto(url);
  const notebook = page.getByRole('complementary', { name: 'Notebook' });
  // The page may come back with the notebook shown and the last investigation open in it.
  await page.getByRole('button', { name: 'New capture…' }).waitFor();
  if (!(await notebook.isVisible())) await page.keyboard.press('Control+Shift+J');
  const library = notebook.getByRole('button', { name: 'Investigations…' });
  if (await library.isVisible()) await library.click();
  const entry = notebook.getByRole('button', { name: title, exact: true });
  await entry.waitFor({ timeout: 30_000 });
  let t = performance.now();
  await entry.click();
  await expect(notebook.locator('.timeline-item')).toHaveCount(items, { timeout: 30_000 });
  const open = performance.now() - t;

  t = performance.now();
  await notebook
    .locator('.timeline-item.snapshot .title', { hasText: /threads/ })
    .first()
    .click();
  const panel = page.locator('.tab-view:not([hidden])');
  await panel
    .getByRole('table', { name: 'Thread table' })
    .locator('tbody tr[data-tid]')
    .nth(3)
    .waitFor({ timeout: 30_000 });
  const firstView = performance.now() - t;

  const recording = notebook.locator('.timeline-item.recording .title', {
    hasText: 'strace flood',
  });
  if ((await recording.count()) === 0)
    return { open, firstView, recordingFrame: NaN, recordingLoaded: NaN };
  t = performance.now();
  await recording.click();
  const player = panel.getByRole('region', { name: 'Recording player' });
  await expect(player.locator('.xterm-rows')).toContainText('BENCH-START', { timeout: 60_000 });
  const recordingFrame = performance.now() - t;
  await expect(player.locator('.player-status')).not.toContainText('loading', {
    timeout: 300_000,
  });
  const recordingLoaded = performance.now() - t;
  return { open, firstView, recordingFrame, recordingLoaded };
}

export async function benchNotebookOpen(): Promise<BenchResult> {
  await ensureRendererBuilt();
  const dataDir = mkdtempSync(join(tmpdir(), 'wb-bench-open-'));
  const scratch = mkdtempSync(join(tmpdir(), 'wb-bench-cast-'));
  const lines: string[] = [];
  const workbench = createWorkbench({ dataDir, trustedKnownHosts: [] });
  const server = await startWebServer({ workbench, staticDir: rendererDir });
  const browser = await launchChromium();
  try {
    const { bytes, totalItems } = await seed(dataDir, scratch);
    lines.push(
      `"${BIG_TITLE}": ${totalItems} items (${SNAPSHOTS} snapshots), a recording of ${mb(bytes)} MB; floor: 1 snapshot`,
    );
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    const floor: Round[] = [];
    const large: Round[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      process.stderr.write(`  [notebook open] round ${i + 1} of ${ROUNDS}\n`);
      floor.push(await round(page, server.url, FLOOR_TITLE, 1));
      large.push(await round(page, server.url, BIG_TITLE, totalItems));
    }
    const row = (label: string, pick: (r: Round) => number, target: string): string[] => {
      const base = median(floor.map(pick));
      const value = median(large.map(pick));
      return [
        label,
        Number.isFinite(base) ? `${base.toFixed(0)} ms` : '-',
        `${value.toFixed(0)} ms`,
        ratio(value, base),
        target,
      ];
    };
    lines.push(
      `median of ${ROUNDS} fresh page loads each, click → drawn, Chromium headless (browser mode)`,
      ...table(
        ['step', 'floor (1 snapshot)', '50 snapshots + 100 MB', 'ratio', 'target'],
        [
          row('open: timeline with every item', (r) => r.open, '< 1 000 ms'),
          row('first view: thread table rebuilt', (r) => r.firstView, '< 1 000 ms'),
          row('recording: first frame', (r) => r.recordingFrame, '< 1 000 ms'),
          row('recording: fully loaded', (r) => r.recordingLoaded, '(progress shown)'),
        ],
      ),
      `open + first view, worst round: ${Math.max(...large.map((r) => r.open + r.firstView)).toFixed(0)} ms`,
    );
    return { name: 'notebook: opening 50 snapshots and a 100 MB recording', lines };
  } catch (error) {
    if (error instanceof BenchError) throw error;
    throw new BenchError(error instanceof Error ? error.message : String(error), lines);
  } finally {
    await browser.close();
    await workbench.dispose();
    await server.close();
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(scratch, { recursive: true, force: true });
  }
}
