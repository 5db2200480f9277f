// The TID joins the tools: from a row of the thread table to that thread's Python stack (G, gdb
// py-bt, the thread marked in its group) and to tracing that thread alone (T, strace -p TID).
// And a capture in a background tab goes on parsing while another tab is in front.
import { expect, test, type Locator } from '@playwright/test';
import { startSeed000, type Seed000 } from '../lab/seed000';
import { startLabSshd, type LabSshd } from '../lab/sshd';
import { activePanel, connected, pickSeed, startCapture } from './captureSteps';
import { WebApp, watchForFatalErrors } from './webApp';

let lab: LabSshd;
let seed: Seed000;
let app: WebApp;

test.beforeAll(async () => {
  [lab, seed] = await Promise.all([startLabSshd(), startSeed000()]);
  app = await WebApp.start();
});
// Terminals outlive their page: the next test's page must not take this one's over.
test.afterEach(async () => {
  await app?.closeTerminals();
});
test.afterAll(async () => {
  await app?.stop();
  await seed?.stop();
  await lab?.stop();
});

test('from a thread row: G opens its stack with the thread marked, T traces that thread alone', async ({
  page,
}) => {
  test.setTimeout(180_000);
  const checkErrors = watchForFatalErrors(page);
  await connected(page, app, lab);
  await startCapture(page, 'Threads of a process (top -H)', pickSeed(seed));
  const threadsTab = page.getByRole('tab', { name: /threads · / });
  // Every byte of the capture is kept on disk, and the tab says where.
  const logMark = activePanel(page).locator('.log-mark');
  await expect(logMark).toHaveText('logged');
  expect(await logMark.getAttribute('title')).toMatch(/captures\/\d{4}-\d\d-\d\d\/\d{6}-.*\.cast$/);
  const table = activePanel(page).getByRole('table', { name: 'Thread table' });
  // A thread of the pool, not the main thread (whose row carries the process total).
  const row = table.locator(`tbody tr[data-tid]:not([data-tid="${seed.pid}"])`).first();
  await expect(row).toBeVisible({ timeout: 30_000 });
  const tid = Number(await row.getAttribute('data-tid'));
  expect(tid).toBeGreaterThan(0);

  // G: gdb py-bt of the process (the dialog comes preset), this thread marked in its group.
  // The table re-sorts on every frame: pick the row by its TID, not by its place.
  const picked = table.locator(`tbody tr[data-tid="${tid}"]`);
  await picked.click();
  await expect(picked).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('g');
  let dialog = page.getByRole('dialog', { name: 'New capture' });
  await expect(dialog.getByLabel('Capture')).toHaveValue('gdb-pybt');
  await expect(dialog.getByLabel('PID')).toHaveValue(String(seed.pid));
  await expect(dialog.getByLabel('Preflight')).toContainText('✓');
  await dialog.getByRole('button', { name: 'Start capture' }).click();
  const stacks = activePanel(page).getByRole('region', { name: 'Python stacks' });
  const focused = stacks.locator('.stack-group.focused');
  await expect(focused).toHaveCount(1, { timeout: 60_000 });
  await expect(focused.locator('.threads')).toContainText(String(tid));
  await page.screenshot({ path: test.info().outputPath('thread-to-stack.png') });

  // T: strace -p TID, from the same row.
  await threadsTab.click();
  await table.locator(`tbody tr[data-tid="${tid}"]`).click();
  await page.keyboard.press('t');
  dialog = page.getByRole('dialog', { name: 'New capture' });
  await expect(dialog.getByLabel('Capture')).toHaveValue('strace');
  await expect(dialog.getByLabel('PID')).toHaveValue(String(tid));
  // No -f (one thread alone); the trace goes through the batching relay (`-o '|…'`).
  const preview = dialog.locator('.command-preview');
  await expect(preview).toContainText(`strace -tt -T -s 64 -p ${tid} -o '|`);
  await expect(dialog.getByLabel('All threads (-f)')).not.toBeChecked();
  await expect(dialog.getByLabel('Preflight')).toContainText('✓');
  await page.screenshot({ path: test.info().outputPath('strace-dialog.png') });
  await dialog.getByRole('button', { name: 'Start capture' }).click();
  const syscalls = activePanel(page).getByRole('region', { name: 'Syscalls' });
  await syscalls.getByRole('tab', { name: 'threads' }).click();
  const traced = syscalls.getByRole('table', { name: 'Threads' }).locator('tbody tr');
  await expect(traced.first()).toBeVisible({ timeout: 30_000 });
  // Only that thread: without -f, strace -p TID attaches to that one thread (with -f it would
  // attach to every thread of the process).
  const tids = await traced.locator('td:first-child').allTextContents();
  expect(new Set(tids)).toEqual(new Set([String(tid)]));
  await page.screenshot({ path: test.info().outputPath('thread-to-strace.png') });
  checkErrors();
});

test('a capture in a background tab goes on parsing while another tab is in front', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const checkErrors = watchForFatalErrors(page);
  await connected(page, app, lab);
  await startCapture(page, 'Syscalls live (strace)', pickSeed(seed));
  const straceTab = page.getByRole('tab', { name: /strace/ });
  // The view's count of system calls read so far ("12,345 calls"); the service makes them all along.
  const callsIn = (scope: Locator) => async () =>
    Number(
      /([\d,]+) calls/
        .exec((await scope.locator('.strace-view .facts').textContent()) ?? '')?.[1]
        ?.replaceAll(',', '') ?? 0,
    );
  const shown = callsIn(activePanel(page));
  await expect.poll(shown, { timeout: 30_000 }).toBeGreaterThan(0);

  // The shell tab in front: the capture's tab is hidden, its terminal and view out of sight.
  await page.getByRole('tab', { name: /shell/ }).click();
  await expect(straceTab).toHaveAttribute('aria-selected', 'false');
  const hiddenCalls = callsIn(page.locator('.tab-view[hidden]'));
  const before = await hiddenCalls();
  expect(before).toBeGreaterThan(0);
  await expect.poll(hiddenCalls, { timeout: 20_000 }).toBeGreaterThan(before + 50);
  const whileHidden = await hiddenCalls();

  // Back in front, the view shows at once what was parsed meanwhile: nothing waited for it.
  await straceTab.click();
  expect(await shown()).toBeGreaterThanOrEqual(whileHidden);
  checkErrors();
});
