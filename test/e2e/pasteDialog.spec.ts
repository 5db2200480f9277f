import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { formatCount } from '../../renderer/features/flame/flameCanvas';
import { outputBytes, parseCast } from '../../shared/captureLog/asciicast';
import { parseTopText } from '../../shared/parsers/top/index';
import { localFixture, sharedFixture } from '../unit/fixturePath';
import { WebApp, watchForFatalErrors } from './webApp';
import { SCANNER_UNAVAILABLE } from '../../renderer/workers/collapsedScanner';

/**
 * **Paste output…** without a host: py-spy top as text (plain `\n`, `\r\n`) and as the screen a
 * terminal recorded (`script`), py-spy dump --json, and two files picked one after the other.
 * Every input is a real tool's output (test/fixtures/pyspy, test/fixtures/shared).
 */
let app: WebApp;
let dir: string;

test.beforeAll(async () => {
  app = await WebApp.start();
  dir = mkdtempSync(join(tmpdir(), 'wb-paste-'));
});
// Terminals outlive their page: the next test's page must not take this one's over.
test.afterEach(async () => {
  await app?.closeTerminals();
});
test.afterAll(async () => {
  await app?.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** seed 000's py-spy top screen as its author pasted it (`\n`, 150-column header), then a dump. */
const PYSPY_TOP_PASTE = readFileSync(sharedFixture('seed000-pyspy-top-and-dump.txt'), 'utf8');

async function openPasteDialog(page: Page): Promise<Locator> {
  await page.getByRole('button', { name: 'Paste output…' }).click();
  return page.getByRole('dialog', { name: 'Paste output' });
}

async function paste(page: Page, text: string, looksLike: string): Promise<void> {
  const dialog = await openPasteDialog(page);
  await dialog.getByLabel('Pasted output').fill(text);
  await expect(dialog).toContainText(`Looks like ${looksLike}`);
  await dialog.getByRole('button', { name: 'Analyse' }).click();
}

/** Writes `text` to a file in the test's folder and opens it in the dialog. */
async function openFile(page: Page, path: string, looksLike: string): Promise<void> {
  const dialog = await openPasteDialog(page);
  await dialog.getByLabel('Open a file').setInputFiles(path);
  await expect(dialog).toContainText(`Looks like ${looksLike}`);
  await dialog.getByRole('button', { name: 'Analyse' }).click();
}

/** Samples in collapsed stacks: the sum of each line's count. */
const total = (text: string) =>
  text
    .split('\n')
    .filter(Boolean)
    .reduce((sum, line) => sum + Number(line.slice(line.lastIndexOf(' ') + 1)), 0);

function saved(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

/** The py-spy top view of the active tab, with the seed 000 paste's figures and first row. */
async function expectSeed000PySpyTop(page: Page): Promise<void> {
  const view = page.locator('.tab-view:not([hidden])').getByRole('region', { name: 'py-spy top' });
  await expect(view).toContainText('1009 samples');
  await expect(view).toContainText('23 threads');
  await expect(view).toContainText('GIL 100 %');
  const first = view.getByRole('table', { name: 'Functions by own time' }).locator('tbody tr');
  await expect(first.first()).toContainText('255.6');
  await expect(first.first()).toContainText('_worker');
  await expect(first.first()).toContainText('concurrent/futures/thread.py');
  await expect(first).toHaveCount(7);
}

test('py-spy top pasted with \\n line ends and opened with \\r\\n: the screen is parsed', async ({
  page,
}) => {
  const checkErrors = watchForFatalErrors(page);
  await page.goto(app.server.url);
  await paste(page, PYSPY_TOP_PASTE, 'py-spy top');
  await expectSeed000PySpyTop(page);
  await page.screenshot({ path: test.info().outputPath('pasted-pyspy-top.png') });

  const crlf = saved('pyspy-top-crlf.txt', PYSPY_TOP_PASTE.replace(/\n/g, '\r\n'));
  await openFile(page, crlf, 'py-spy top');
  await expectSeed000PySpyTop(page);
  checkErrors();
});

test('py-spy top as a terminal recorded it (script, escape sequences): its last screen', async ({
  page,
}) => {
  const checkErrors = watchForFatalErrors(page);
  await page.goto(app.server.url);
  await openFile(page, localFixture('pyspy', 'top-seed000.typescript'), 'py-spy top');
  const view = page.locator('.tab-view:not([hidden])').getByRole('region', { name: 'py-spy top' });
  await expect(view).toContainText('100 samples');
  await expect(view).toContainText('21 threads');
  await expect(view).toContainText('2.47s behind in sampling');
  const rows = view.getByRole('table', { name: 'Functions by own time' }).locator('tbody tr');
  await expect(rows).toHaveCount(15);
  await expect(rows.first()).toContainText('715.6');
  await expect(rows.first()).toContainText('summarize');
  checkErrors();
});

test('py-spy dump --json pasted and opened: recognised, its threads shown', async ({ page }) => {
  const checkErrors = watchForFatalErrors(page);
  await page.goto(app.server.url);
  await paste(
    page,
    readFileSync(localFixture('pyspy', 'dump-json-locals-odd-threads.json'), 'utf8'),
    'py-spy dump --json',
  );
  let stacks = page
    .locator('.tab-view:not([hidden])')
    .getByRole('region', { name: 'Python stacks' });
  await expect(stacks).toContainText('worker 3 (GIL, active)');

  await openFile(
    page,
    localFixture('pyspy', 'dump-json-periodic-seed000.json'),
    'py-spy dump --json',
  );
  stacks = page.locator('.tab-view:not([hidden])').getByRole('region', { name: 'Python stacks' });
  await expect(stacks).toContainText('summarize');
  await expect(stacks).toContainText('dump 2 of 2');
  checkErrors();
});

test('files picked one after another, the same one again after it was saved anew: each is read', async ({
  page,
}) => {
  const checkErrors = watchForFatalErrors(page);
  // The workers' WebAssembly (the collapsed-stacks scanner) must compile under the app's policy.
  const warnings: string[] = [];
  page.on('console', (message) => {
    if (message.text().includes(SCANNER_UNAVAILABLE)) warnings.push(message.text());
  });
  await page.goto(app.server.url);
  const profile = saved(
    'profile.txt',
    readFileSync(localFixture('collapsed', 'raw-seed000.txt'), 'utf8'),
  );
  const dialog = await openPasteDialog(page);
  const input = dialog.getByLabel('Open a file');
  await input.setInputFiles(profile);
  await expect(dialog).toContainText('Looks like collapsed stacks');
  await input.setInputFiles(localFixture('pyspy', 'dump-seed000.txt'));
  await expect(dialog).toContainText('dump-seed000.txt');
  await expect(dialog).toContainText('Looks like py-spy dump');
  await input.setInputFiles(profile);
  await expect(dialog).toContainText('profile.txt');
  // The profile recorded again (with --idle) over the same file, and the same file picked again.
  const again = readFileSync(localFixture('collapsed', 'raw-idle-seed000.txt'), 'utf8');
  writeFileSync(profile, again);
  await input.setInputFiles(profile);
  await expect(dialog).toContainText('profile.txt');
  await expect(dialog).toContainText('Looks like collapsed stacks');
  await dialog.screenshot({ path: test.info().outputPath('paste-dialog-file.png') });
  await dialog.getByRole('button', { name: 'Analyse' }).click();
  const flame = page.getByRole('region', { name: /Flame graph: profile/ });
  await expect(flame.locator('.flame-status')).toContainText(
    `${formatCount(total(again))} samples`,
  );
  await expect(page.getByRole('alert')).toHaveCount(0);
  expect(warnings).toEqual([]);
  checkErrors();
});

/** The recorded output of a cast, decoded as asciinema does (asciicast.ts, not the replay code). */
function recordedText(path: string): string {
  return Buffer.from(outputBytes(parseCast(readFileSync(path, 'utf8')).events)).toString('utf8');
}

test('recordings opened: the capture log of a top capture, and asciinema rec -c "top -b"', async ({
  page,
}) => {
  const checkErrors = watchForFatalErrors(page);
  await page.goto(app.server.url);
  for (const name of ['app-capture-top.cast', 'asciinema-top-b.cast']) {
    const path = localFixture('cast', name);
    const frames = parseTopText(recordedText(path)).frames;
    const last = frames.at(-1);
    expect(last?.rows.length, name).toBeGreaterThan(3);
    await openFile(page, path, 'top, recorded: its output is replayed');
    const view = page
      .locator('.tab-view:not([hidden])')
      .getByRole('region', { name: 'Host tasks' });
    await expect(view.getByRole('table', { name: 'Thread table' })).toBeVisible();
    await expect(view).toContainText(`${last?.rows.length} threads`);
    await page.screenshot({ path: test.info().outputPath(`${name}.png`) });
  }
  checkErrors();
});

test('recordings of shells: the tool typed at the prompt is recognised and its screen parsed', async ({
  page,
}) => {
  const checkErrors = watchForFatalErrors(page);
  await page.goto(app.server.url);
  // The app's own capture log of a shell tab where `LC_ALL=C top -d 0.5` was typed.
  await openFile(page, localFixture('cast', 'app-shell-top.cast'), 'top, recorded');
  const tasks = page.locator('.tab-view:not([hidden])').getByRole('region', { name: 'Host tasks' });
  await expect(
    tasks.getByRole('table', { name: 'Thread table' }).locator('tbody tr'),
  ).not.toHaveCount(0);
  await expect(tasks).toContainText(/[1-9]\d* threads/);
  await expect(tasks).not.toContainText('ready-42');
  await page.screenshot({ path: test.info().outputPath('app-shell-top.png') });

  // asciinema recording a bash where `py-spy top --pid N` was typed, then Ctrl-C and exit.
  await openFile(
    page,
    localFixture('cast', 'asciinema-shell-pyspy-top.cast'),
    'py-spy top, recorded',
  );
  const view = page.locator('.tab-view:not([hidden])').getByRole('region', { name: 'py-spy top' });
  await expect(view).toContainText('400 samples');
  const rows = view.getByRole('table', { name: 'Functions by own time' }).locator('tbody tr');
  await expect(rows.first()).toContainText('spin');
  await expect(rows.first()).toContainText('spin.py');
  await page.screenshot({ path: test.info().outputPath('asciinema-shell-pyspy-top.png') });
  checkErrors();
});
