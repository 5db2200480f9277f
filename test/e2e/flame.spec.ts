/**
 * The flame graph component alone in Chromium: a harness page (test/e2e/harness/) built by Vite
 * on the fly renders <FlameGraph>; the assertions are on what is drawn and shown (tooltip text,
 * search share, zoom path), at positions computed from the known profile's proportions.
 * Screenshots land in test-results/flame-*.png.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { generateCollapsed } from '../bench/flameBenchData';
import { PARALLEL_MIN_BYTES } from '../../shared/parsers/collapsed';
import type { FlameWorkerLoadResult, ShowInput } from './harness/flameHarnessApi';
import {
  buildFlameHarness,
  removeDir,
  startStaticServer,
  type StaticServer,
} from './harness/flameHarnessServer';

const ROW = 18;
const KNOWN = [
  'main (app.py:10);handle (app/views.py:20);query (app/db.py:30) 60',
  'main (app.py:10);handle (app/views.py:20);render (app/tpl.py:40) 20',
  'main (app.py:10);idle (app.py:50) 15',
  'other (worker.py:5) 5',
].join('\n');

let dir = '';
let server: StaticServer;

test.beforeAll(async () => {
  dir = await buildFlameHarness();
  server = await startStaticServer({ '/': dir });
});
test.afterAll(async () => {
  await server?.close();
  if (dir) removeDir(dir);
});

async function open(page: Page): Promise<() => void> {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()}`);
  });
  await page.goto(`${server.url}/flame.html`);
  await page.waitForFunction(() => window.flameHarness !== undefined);
  return () => expect(errors, 'errors logged by the page').toEqual([]);
}

async function show(page: Page, input: ShowInput) {
  return page.evaluate((i) => window.flameHarness?.show(i), input);
}

/** Centre of the rect at `depth` spanning [from, to) of the graph's width (icicle, unscrolled). */
async function at(page: Page, depth: number, from: number, to: number) {
  const box = await page.getByRole('img', { name: 'Flame graph' }).boundingBox();
  if (!box) throw new Error('no flame graph canvas');
  return {
    x: box.x + ((from + to) / 2) * box.width,
    y: box.y + depth * ROW + ROW / 2,
  };
}

test('search takes plain text and regexes and says which matched, or that nothing did', async ({
  page,
}) => {
  const checkErrors = await open(page);
  await show(page, { text: KNOWN, title: 'known' });
  const box = page.getByLabel('Search frames');
  const said = page.getByRole('status');
  const shot = (name: string) =>
    page
      .locator('.flame-toolbar')
      .screenshot({ path: test.info().outputPath(`flame-search-${name}.png`) });

  await box.fill('render');
  await expect(said).toHaveText('text · 20.0 % of samples');
  await shot('text');
  // Typed bare, not between slashes: no frame holds the text, so it is read as a regex.
  await box.fill('que.*|rend');
  await expect(said).toHaveText('regex · 80.0 % of samples');
  await shot('regex');
  await box.fill('/^idle/');
  await expect(said).toHaveText('regex · 15.0 % of samples');
  await box.fill('read.*');
  await expect(said).toHaveText('text or regex · no match');
  await shot('no-match');
  await box.fill('/handle(/');
  await expect(said).toHaveText('invalid regex → text · no match');
  await expect(said).toHaveAttribute('title', /Unterminated group/);
  await shot('invalid');
  checkErrors();
});

test('hover, search, zoom, keyboard, sandwich and export on a known profile', async ({ page }) => {
  const checkErrors = await open(page);
  const timing = await show(page, { text: KNOWN, title: 'known' });
  expect(timing?.rects).toBe(7); // all, main, other, handle, idle, query, render

  const graph = page.getByRole('region', { name: 'Flame graph: known' });
  const tooltip = page.getByRole('tooltip');
  const crumbs = page.getByRole('navigation', { name: 'Zoom path' });

  // Hover query (depth 3, the first 60 % of the width).
  let p = await at(page, 3, 0, 0.6);
  await page.mouse.move(p.x, p.y);
  await expect(tooltip).toContainText('query');
  await expect(tooltip).toContainText('app/db.py:30');
  await expect(tooltip).toContainText('total 60 samples (60.0 %)');
  await expect(tooltip).toContainText('self 60 (60.0 %)');
  // other: the last 5 % of depth 1.
  p = await at(page, 1, 0.95, 1);
  await page.mouse.move(p.x, p.y);
  await expect(tooltip).toContainText('other');
  await expect(tooltip).toContainText('(5.0 %)');

  // Search from the keyboard.
  await graph.focus();
  await page.keyboard.press('/');
  await expect(page.getByLabel('Search frames')).toBeFocused();
  await page.keyboard.type('render');
  await expect(page.getByRole('status')).toHaveText('text · 20.0 % of samples');
  await page.getByLabel('Search frames').fill('app.py');
  await expect(page.getByRole('status')).toHaveText('text · 95.0 % of samples');
  await page.keyboard.press('Escape');
  await expect(page.getByLabel('Search frames')).toHaveValue('');
  await expect(graph).toBeFocused();

  // Click handle (depth 2, first 80 %) → zoom: the path shows it, query now spans 75 %.
  p = await at(page, 2, 0, 0.8);
  await page.mouse.move(p.x, p.y);
  await page.mouse.click(p.x, p.y);
  await expect(crumbs.locator('[aria-current="true"]')).toHaveText('handle');
  await expect(page.locator('.flame-status')).toContainText('zoom: handle 80.0 %');
  p = await at(page, 3, 0, 0.75);
  await page.mouse.move(p.x, p.y - 1);
  await expect(tooltip).toContainText('query');
  await expect(tooltip).toContainText('75.0 % of the zoomed frame');
  p = await at(page, 3, 0.75, 1);
  await page.mouse.move(p.x, p.y);
  await expect(tooltip).toContainText('render');
  await page.getByRole('button', { name: 'Reset zoom' }).click();
  await expect(crumbs.locator('[aria-current="true"]')).toHaveText('all');

  // Keyboard: select the root, go to its heaviest child, Enter zooms, Esc zooms out.
  await graph.focus();
  await page.keyboard.press('Escape'); // not zoomed, no search: clears the selection
  await page.keyboard.press('ArrowDown'); // selects the root
  await page.keyboard.press('ArrowDown'); // main
  await page.keyboard.press('ArrowRight'); // other
  await page.keyboard.press('ArrowLeft'); // main
  await page.keyboard.press('ArrowDown'); // handle
  await page.keyboard.press('Enter');
  await expect(crumbs.locator('[aria-current="true"]')).toHaveText('handle');
  await page.keyboard.press('Escape');
  await expect(crumbs.locator('[aria-current="true"]')).toHaveText('all');

  // Flame orientation puts the root at the bottom.
  await page.getByRole('button', { name: 'Flame', exact: true }).click();
  const box = await page.getByRole('img', { name: 'Flame graph' }).boundingBox();
  if (!box) throw new Error('no canvas');
  await page.mouse.move(box.x + box.width * 0.3, box.y + box.height - ROW * 3 - ROW / 2);
  await expect(tooltip).toContainText('query');
  await page.getByRole('button', { name: 'Icicle' }).click();

  // Top functions table → sandwich of query: callers above, callees below.
  const table = page.getByRole('complementary', { name: 'Top functions' });
  await expect(table.locator('tbody tr').first()).toContainText('60.0 %');
  await expect(table.locator('tbody tr').first()).toContainText('query');
  await table.locator('tbody tr').first().click();
  await expect(page.getByText('Callers of query')).toBeVisible();
  await expect(page.getByRole('img', { name: 'Callers flame graph' })).toBeVisible();
  await expect(page.getByRole('img', { name: 'Callees flame graph' })).toBeVisible();
  // The callers pane is drawn root-less, focal function at its bottom row: query, then handle.
  const callers = await page.getByRole('img', { name: 'Callers flame graph' }).boundingBox();
  if (!callers) throw new Error('no callers canvas');
  await page.mouse.move(callers.x + callers.width / 2, callers.y + callers.height - ROW * 1.5);
  await expect(tooltip).toContainText('handle');
  await expect(tooltip).toContainText('(60.0 %)');
  await page.getByRole('button', { name: 'Sandwich' }).click();
  await expect(page.getByRole('img', { name: 'Flame graph' })).toBeVisible();

  // Export the collapsed stacks.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export .txt' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe('known.txt');
  const path = await download.path();
  const exported = readFileSync(path, 'utf8').trim().split('\n').sort();
  expect(exported).toEqual(KNOWN.split('\n').sort());
  const [json] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export .speedscope.json' }).click(),
  ]);
  expect(json.suggestedFilename()).toBe('known.speedscope.json');
  const file = JSON.parse(readFileSync(await json.path(), 'utf8')) as {
    profiles: { weights: number[] }[];
  };
  expect(file.profiles[0]?.weights.reduce((a, b) => a + b, 0)).toBe(100);

  // The functions table widens from the keyboard (long names); the graph redraws to the new width.
  const side = page.getByRole('complementary', { name: 'Top functions' });
  const canvas = page.getByRole('img', { name: 'Flame graph' });
  const widths = async () => ({
    side: (await side.boundingBox())?.width ?? 0,
    canvas: (await canvas.boundingBox())?.width ?? 0,
    drawn: await canvas.evaluate((c) => (c as HTMLCanvasElement).width),
  });
  const before = await widths();
  await page.getByRole('separator', { name: 'Resize flame graph and functions table' }).focus();
  for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowLeft');
  await expect.poll(async () => (await widths()).side).toBeGreaterThan(before.side + 50);
  const after = await widths();
  expect(after.canvas).toBeLessThan(before.canvas - 50);
  await expect.poll(async () => (await widths()).drawn).toBeLessThan(before.drawn);
  // And with the mouse: drag the handle 120 px to the right.
  const handleBox = await page
    .getByRole('separator', { name: 'Resize flame graph and functions table' })
    .boundingBox();
  if (!handleBox) throw new Error('no handle');
  const y = handleBox.y + handleBox.height / 2;
  await page.mouse.move(handleBox.x + handleBox.width / 2, y);
  await page.mouse.down();
  await page.mouse.move(handleBox.x + 60, y, { steps: 4 });
  await page.mouse.move(handleBox.x + 120, y, { steps: 4 });
  await page.mouse.up();
  await expect.poll(async () => (await widths()).side).toBeLessThan(after.side - 80);
  checkErrors();
});

test('a realistic profile, a diff and a sandwich, as screenshots', async ({ page }, info) => {
  const checkErrors = await open(page);
  const text = await page.evaluate(() => window.flameHarness?.generate(4000, 300_000, 7) ?? '');
  await show(page, { text, title: 'py-spy record -p 4242 (generated)' });
  const targets = await page.evaluate(() => window.flameHarness?.targets(40, 3, 120, 9) ?? []);
  const target = targets.find((t) => t.depth >= 4) ?? targets[0];
  if (!target) throw new Error('no target');
  await page.getByLabel('Search frames').fill('sql');
  await expect(page.getByRole('status')).toContainText(' · ');
  await page.mouse.move(target.x, target.y);
  await expect(page.getByRole('tooltip')).toContainText('samples');
  const shot = join(info.project.outputDir, 'flame-graph.png');
  await page.screenshot({ path: shot });

  // Zoomed in on the target, search cleared.
  await page.getByLabel('Search frames').fill('');
  await page.mouse.click(target.x, target.y);
  await expect(
    page.getByRole('navigation', { name: 'Zoom path' }).locator('[aria-current="true"]'),
  ).toHaveText(target.label.replace(/ \(.*$/, ''));
  await page.mouse.move(5, 5);
  await page.screenshot({ path: join(info.project.outputDir, 'flame-zoomed.png') });

  // Sandwich of the heaviest self function.
  await page
    .getByRole('complementary', { name: 'Top functions' })
    .locator('tbody tr')
    .first()
    .click();
  await expect(page.getByText(/^Callers of/)).toBeVisible();
  await page.screenshot({ path: join(info.project.outputDir, 'flame-sandwich.png') });

  // Before/after: the same profile, where the database got slower and the templates faster.
  const after = text
    .split('\n')
    .map((line) => {
      const space = line.lastIndexOf(' ');
      const weight = Number(line.slice(space + 1));
      const factor = line.includes('sqlalchemy/') ? 3 : line.includes('jinja2/') ? 0.2 : 1;
      return space > 0 ? `${line.slice(0, space)} ${Math.round(weight * factor)}` : line;
    })
    .join('\n');
  await show(page, { text: after, beforeText: text, title: 'after vs before' });
  await expect(page.locator('.flame-status')).toContainText('red grew');
  await page.mouse.move(target.x, target.y);
  await expect(page.getByRole('tooltip')).toContainText('change:');
  await page.screenshot({ path: join(info.project.outputDir, 'flame-diff.png') });
  checkErrors();
});

test('a large picked file is parsed by several threads into the tree one thread makes', async ({
  page,
}) => {
  // ~22 MB: over the size from which a file is cut into parts (by default one per core but one,
  // at most 4; here 3 whatever the cores, so that the parts path runs on any machine).
  const data = generateCollapsed({ stacks: 25_000, samples: 250_000, seed: 5 });
  expect(Buffer.byteLength(data.text)).toBeGreaterThan(PARALLEL_MIN_BYTES);
  const work = mkdtempSync(join(tmpdir(), 'flame-parts-'));
  const file = join(work, 'big.collapsedstack.txt');
  writeFileSync(file, data.text);
  try {
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${server.url}/flame.html?pick=1&threads=3&title=big`);
    await page.setInputFiles('#pick', file);
    await page.waitForFunction(() => window.flameWorkerLoadResult ?? window.flameLoadError, null, {
      timeout: 60_000,
    });
    const picked = (await page.evaluate(
      () => window.flameWorkerLoadResult,
    )) as FlameWorkerLoadResult;
    // The same text parsed on the page's thread, by one parser.
    const one = await page.evaluate((text) => window.flameHarness?.breakdown(text), data.text);
    expect(picked.samples).toBe(data.samples);
    expect(picked.nodes).toBe(one?.nodes);
    expect(picked.stacks).toBe(data.lines);
    // What the reading said it read: every part counted once.
    expect(picked.lines).toBe(data.lines);
    expect(picked.chars).toBe(data.text.length);
    // Every thread read its bytes with the WebAssembly scanner (the page's policy allows it).
    expect(picked.scanned).toBe(true);
    expect(picked.threads).toBe(3);
    // A profile this large is drawn first from its preview (its visible nodes), then whole.
    expect(picked.preview).toBe(true);
    expect(picked.wholeDrawnAt).toBeGreaterThanOrEqual(picked.drawnAt);
    expect(picked.samePicture).toBe(true);
    await expect(page.locator('.flame-status')).toContainText('250');
    expect(errors).toEqual([]);
  } finally {
    removeDir(work);
  }
});
