import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { generateCollapsed } from '../bench/flameBenchData';
import { formatCount } from '../../renderer/features/flame/flameCanvas';
import { localFixture } from '../unit/fixturePath';
import { WebApp, watchForFatalErrors } from './webApp';

/**
 * Flame graphs without a host: a profile pasted, another opened from a file, compared before and
 * after; and a 50 MB recording opened from a file, read and built in the worker.
 * Profiles: two real `py-spy record --format raw` runs on seed 000 (test/fixtures/collapsed),
 * the second with `--idle`, so idle waits appear in the "after" profile.
 */
let app: WebApp;
let dir: string;

test.beforeAll(async () => {
  app = await WebApp.start();
  dir = mkdtempSync(join(tmpdir(), 'wb-compare-'));
});
// Terminals outlive their page: the next test's page must not take this one's over.
test.afterEach(async () => {
  await app?.closeTerminals();
});
test.afterAll(async () => {
  await app?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const BEFORE = readFileSync(localFixture('collapsed', 'raw-seed000.txt'), 'utf8');
const AFTER_FILE = localFixture('collapsed', 'raw-idle-seed000.txt');
const total = (text: string) =>
  text
    .split('\n')
    .filter(Boolean)
    .reduce((sum, line) => sum + Number(line.slice(line.lastIndexOf(' ') + 1)), 0);

async function openPasteDialog(page: Page) {
  await page.getByRole('button', { name: 'Paste output…' }).click();
  return page.getByRole('dialog', { name: 'Paste output' });
}

test('two profiles compared before and after: the diff names what grew, swap and stop', async ({
  page,
}) => {
  const checkErrors = watchForFatalErrors(page);
  await page.goto(app.server.url);

  let dialog = await openPasteDialog(page);
  await dialog.getByLabel('Pasted output').fill(BEFORE);
  await expect(dialog).toContainText('Looks like collapsed stacks');
  await dialog.getByRole('button', { name: 'Analyse' }).click();
  const beforeTotal = total(BEFORE);
  await expect(
    page.getByRole('region', { name: /Flame graph/ }).locator('.flame-status'),
  ).toContainText(`${formatCount(beforeTotal)} samples`);

  dialog = await openPasteDialog(page);
  await dialog.getByLabel('Open a file').setInputFiles(AFTER_FILE);
  await expect(dialog).toContainText('raw-idle-seed000.txt');
  await dialog.getByRole('button', { name: 'Analyse' }).click();
  const afterTotal = total(readFileSync(AFTER_FILE, 'utf8'));
  const flame = page.getByRole('region', { name: /Flame graph: raw-idle-seed000/ });
  await expect(flame.locator('.flame-status')).toContainText(`${formatCount(afterTotal)} samples`);

  // Compare the opened file (after) with the pasted profile (before: it was opened first).
  const compare = flame.getByLabel('Compare with');
  await expect(compare.locator('option')).toHaveCount(2);
  await compare.selectOption({ index: 1 });
  const diff = page.getByRole('region', { name: 'Flame graph: before-after diff' });
  await expect(diff.locator('.flame-compare-pair')).toContainText(/before.*#1.*after.*raw-idle/);
  await expect(diff.locator('.flame-status')).toContainText(
    `before ${formatCount(beforeTotal)} · after ${formatCount(afterTotal)} samples`,
  );
  // The event loop's idle wait (`_run_once`) exists only in the --idle recording: it appeared.
  const appeared = diff
    .getByRole('table')
    .locator('tbody tr')
    .filter({ hasText: '_run_once' })
    .first();
  await expect(appeared).toContainText(/^0\.0 %\s*[1-9][\d.]* %\s*\+/);
  await page.screenshot({ path: test.info().outputPath('compare-diff.png') });

  await diff.getByRole('button', { name: 'Swap' }).click();
  await expect(diff.locator('.flame-status')).toContainText(
    `before ${formatCount(afterTotal)} · after ${formatCount(beforeTotal)} samples`,
  );
  await expect(appeared).toContainText(/^[1-9][\d.]* %\s*0\.0 %\s*−/);

  await diff.getByRole('button', { name: 'Stop comparing' }).click();
  await expect(flame.locator('.flame-status')).toContainText(`${formatCount(afterTotal)} samples`);
  checkErrors();
});

test('a 50 MB recording opened from a file: progress while it is read, then its flame graph', async ({
  page,
}) => {
  const checkErrors = watchForFatalErrors(page);
  const data = generateCollapsed({ stacks: 60_000, samples: 600_000, seed: 7 });
  const file = join(dir, 'big-record.txt');
  writeFileSync(file, data.text);
  const megabytes = Buffer.byteLength(data.text) / 1e6;
  expect(megabytes).toBeGreaterThan(50);

  await page.goto(app.server.url);
  // Long tasks on the UI thread while the file is read and its tree built (in the worker), and
  // every progress text shown meanwhile (it may be on screen for a fraction of a second).
  await page.evaluate(() => {
    const w = window as unknown as { longest: number; progress: string[] };
    w.longest = 0;
    w.progress = [];
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) w.longest = Math.max(w.longest, entry.duration);
    }).observe({ type: 'longtask', buffered: false });
    new MutationObserver(() => {
      const text = document.querySelector(
        '[aria-label="Reading stacks"], [aria-label="Building the flame graph"], section.flame[aria-busy="true"] .flame-status',
      )?.textContent;
      if (text && w.progress[w.progress.length - 1] !== text) w.progress.push(text);
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
  const dialog = await openPasteDialog(page);
  await dialog.getByLabel('Open a file').setInputFiles(file);
  await expect(dialog).toContainText(`${megabytes.toFixed(1)} MB`);
  await dialog.getByRole('button', { name: 'Analyse' }).click();
  const flame = page.getByRole('region', { name: /Flame graph: big-record/ });
  await expect(flame.locator('.flame-status')).toContainText(
    `${formatCount(data.samples)} samples`,
    { timeout: 120_000 },
  );
  // Drawn first from its preview (inert), then whole: the graph answers while the table is
  // filled, search highlights a frame of the file.
  await expect(flame).toHaveAttribute('aria-busy', 'false');
  // The graph took the focus the dialog left: its keys work without a click.
  await page.keyboard.press('/');
  await expect(flame.getByLabel('Search frames')).toBeFocused();
  await flame.getByLabel('Search frames').fill('handle');
  await expect(
    flame.getByRole('status').filter({ hasText: /text · [\d.]+ % of samples/ }),
  ).toBeVisible();
  const seen = await page.evaluate(() => {
    const w = window as unknown as { longest: number; progress: string[] };
    return { longest: w.longest, progress: w.progress };
  });
  expect(seen.progress.length).toBeGreaterThan(0);
  expect(seen.progress.join('\n')).toMatch(/Reading stacks: \d+\.\d MB, [\d,]+ lines/);
  // Then, once all of it was read (by every thread), while the tree is built:
  expect(seen.progress).toContain(
    `Building the flame graph: ${megabytes.toFixed(1)} MB, ${data.lines.toLocaleString('en-US')} lines read…`,
  );
  // Then the preview, every sample in it, until the whole tree came.
  expect(seen.progress.join('\n')).toMatch(
    new RegExp(`${formatCount(data.samples)} samples · building the whole tree`),
  );
  console.log(
    `50 MB recording: ${megabytes.toFixed(1)} MB, ${data.samples} samples; progress shown ${seen.progress.length}×, last "${seen.progress.at(-1)}"; longest UI-thread task ${seen.longest.toFixed(0)} ms`,
  );
  await page.screenshot({ path: test.info().outputPath('big-record.png') });
  checkErrors();
});
