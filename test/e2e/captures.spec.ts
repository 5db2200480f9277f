import { expect, test, type Locator, type Page } from '@playwright/test';
import { startNginxLab, type NginxLab } from '../lab/nginxLab';
import { startSeed000, type Seed000 } from '../lab/seed000';
import { startLabSshd, type LabSshd } from '../lab/sshd';
import { connected as connectedTo, pickSeed as pickSeedOf, startCapture } from './captureSteps';
import { ensurePySpy } from './pySpySteps';
import { WebApp, watchForFatalErrors } from './webApp';

let lab: LabSshd;
let seed: Seed000;
let nginx: NginxLab;
let app: WebApp;

test.beforeAll(async () => {
  [lab, seed, nginx] = await Promise.all([startLabSshd(), startSeed000(), startNginxLab()]);
  app = await WebApp.start();
});
// Terminals outlive their page: the next test's page must not take this one's over.
test.afterEach(async () => {
  await app?.closeTerminals();
});
test.afterAll(async () => {
  await app?.stop();
  await nginx?.stop();
  await seed?.stop();
  await lab?.stop();
});

const connected = (page: Page) => connectedTo(page, app, lab);
const pickSeed = (dialog: Locator) => pickSeedOf(seed)(dialog);

test('host overview: top of the whole host, with load read against the core count', async ({
  page,
}) => {
  const checkErrors = watchForFatalErrors(page);
  await connected(page);
  await startCapture(page, 'Host overview (top)', async () => undefined);
  const table = page.getByRole('table', { name: 'Thread table' });
  await expect(table.locator('tbody tr').first()).toBeVisible();
  await expect(page.locator('.threads-summary').last()).toContainText(
    /Load \d+\.\d\d on \d+ cores = \d+\.\d\d per core/,
  );
  await expect(table).toContainText('python3');
  // Long lists are virtualised: only the rows in view (plus a margin) are in the DOM.
  const listed = Number(
    /(\d+) threads/.exec(
      (await page.locator('.threads-summary .facts').last().textContent()) ?? '',
    )?.[1],
  );
  const rendered = await table.locator('tbody tr[data-tid]').count();
  if (listed > 120) expect(rendered).toBeLessThan(listed);
  else
    console.log(
      `only ${listed} tasks on this host: virtualisation not exercised (${rendered} rows rendered)`,
    );
  checkErrors();
});

test('Python stacks through gdb py-bt: the to_thread pool grouped, GIL waiters shown', async ({
  page,
}) => {
  const checkErrors = watchForFatalErrors(page);
  await connected(page);
  await startCapture(page, 'Python stacks via gdb (py-bt)', pickSeed);
  const stacks = page.getByRole('region', { name: 'Python stacks' });
  await expect(stacks).toBeVisible({ timeout: 60_000 });
  await expect(stacks.locator('.facts')).toContainText(/2\d threads/);
  // The pool threads of asyncio.to_thread: concurrent/futures/thread.py, many of them.
  await expect(stacks).toContainText('thread.py');
  await page.screenshot({ path: test.info().outputPath('stacks.png') });
  // The dumps aggregated into a flame graph (each busy thread of each dump is one sample).
  await stacks.getByRole('tab', { name: /flame graph of \d+ dump/ }).click();
  await expect(page.locator('.tab-view:not([hidden]) canvas').first()).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('stacks-flame.png') });
  checkErrors();
});

test('strace on the service: calls per syscall, live', async ({ page }) => {
  const checkErrors = watchForFatalErrors(page);
  await connected(page);
  await startCapture(page, 'Syscalls live (strace)', pickSeed);
  const view = page.getByRole('region', { name: 'Syscalls' });
  const calls = view.getByRole('table', { name: 'Calls per syscall' });
  await expect(calls.locator('tbody tr').first()).toBeVisible({ timeout: 30_000 });
  await expect(view.locator('.facts')).toContainText(/[1-9][\d,]* calls/);
  await page.screenshot({ path: test.info().outputPath('strace.png') });
  // Stop tracing, then the target must be running, not left stopped.
  await page.keyboard.press('Control+Shift+W');
  checkErrors();
});

test('nginx access log with its log_format: the slow backend stands out', async ({ page }) => {
  const checkErrors = watchForFatalErrors(page);
  await connected(page);
  await startCapture(page, 'nginx access log', async (dialog) => {
    await dialog.getByLabel('Log file').fill(nginx.accessLogPath);
    await dialog.getByLabel(/log_format/).fill(nginx.logFormat);
  });
  const view = page.getByRole('region', { name: 'nginx access log' });
  const slow = nginx.backends.find((b) => b.slow);
  await expect(view.getByRole('table', { name: 'Latency by upstream' })).toContainText(
    `127.0.0.1:${slow?.port}`,
    { timeout: 30_000 },
  );
  await expect(view.locator('.reading').first()).toContainText(`${slow?.port}`, {
    timeout: 30_000,
  });
  await page.screenshot({ path: test.info().outputPath('nginx.png') });
  checkErrors();
});

test('py-spy: preflight offers to install it, the confirmed fix runs, then the stacks', async ({
  page,
}) => {
  test.setTimeout(300_000);
  const checkErrors = watchForFatalErrors(page);
  await connected(page);
  // Where py-spy is missing, preflight blocks the start and offers the venv install; the
  // confirmed fix runs in a tab of its own (ensurePySpy), then the capture starts.
  const dialog = await ensurePySpy(page, 'Python stacks (py-spy dump)', pickSeed);
  if (!dialog) return;
  await dialog.getByRole('button', { name: 'Start capture' }).click();
  const stacks = page.getByRole('region', { name: 'Python stacks' });
  await expect(stacks).toContainText('thread.py', { timeout: 30_000 });
  await expect(stacks.locator('.facts')).toContainText(/Python 3\.\d+/);
  await page.screenshot({ path: test.info().outputPath('pyspy-stacks.png') });
  checkErrors();
});
