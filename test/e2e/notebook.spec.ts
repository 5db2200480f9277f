// The investigation notebook on the lab: pin live captures, write notes, quit, stop the lab, and
// reopen everything offline with every view rebuilt from what was saved.
import { copyFileSync, readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { startSeed000, type Seed000 } from '../lab/seed000';
import { startLabSshd, type LabSshd } from '../lab/sshd';
import { activePanel, connected, pickSeed, startCapture } from './captureSteps';
import { WebApp, watchForFatalErrors } from './webApp';

let lab: LabSshd | undefined;
let seed: Seed000 | undefined;
let app: WebApp;

test.beforeAll(async () => {
  [lab, seed] = await Promise.all([startLabSshd(), startSeed000()]);
  app = await WebApp.start();
});
test.afterAll(async () => {
  await app?.stop();
  await seed?.stop();
  await lab?.stop();
});

const PLANTED = {
  bearer: 'eyJhbGciOiJIUzI1NiJ9.c2VjcmV0LXNlc3Npb24.Zm9vYmFy',
  ip: '10.41.7.23',
  home: '/home/alice',
  token: 'ghp_16C7e42F292c6912E7710c838347Ae178B4a',
};

const notebook = (page: Page) => page.getByRole('complementary', { name: 'Notebook' });

async function pinWithKey(page: Page, title: RegExp): Promise<void> {
  // P pins where no text is typed: a click on the parsed view's header puts the focus there.
  await activePanel(page)
    .locator('.split-view')
    .click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('p');
  await expect(
    notebook(page).locator('.timeline-item.snapshot .title', { hasText: title }),
  ).toBeVisible();
}

test('pinned captures and notes survive a quit and reopen offline, every view rebuilt', async ({
  page,
  browser,
}) => {
  test.setTimeout(240_000);
  const checkErrors = watchForFatalErrors(page);
  if (!lab || !seed) throw new Error('the lab did not start');
  await connected(page, app, lab);
  const pid = seed.pid;

  // Threads (top -H): pinned with P.
  await startCapture(page, 'Threads of a process (top -H)', pickSeed(seed));
  const table = activePanel(page).getByRole('table', { name: 'Thread table' });
  await expect(table.locator('tbody tr[data-tid]').nth(3)).toBeVisible({ timeout: 30_000 });
  await pinWithKey(page, /threads/);
  const threadRows = await table.locator('tbody tr[data-tid]').count();

  // Syscalls (strace): pinned with the button.
  await startCapture(page, 'Syscalls live (strace)', pickSeed(seed));
  const calls = activePanel(page).getByRole('table', { name: 'Calls per syscall' });
  await expect(calls.locator('tbody tr').first()).toBeVisible({ timeout: 30_000 });
  await activePanel(page).getByRole('button', { name: 'Pin (P)' }).click();
  await expect(notebook(page).locator('.timeline-item.snapshot')).toHaveCount(2);
  // strace lets go of the process when its tab closes (gdb could not attach beside it).
  await page.keyboard.press('Control+Shift+W');
  await expect(page.getByRole('tab', { name: /strace/ })).toHaveCount(0);

  // Stacks (gdb py-bt): the dump ends, then it is pinned.
  await startCapture(page, 'Python stacks via gdb (py-bt)', pickSeed(seed));
  const stacks = activePanel(page).getByRole('region', { name: 'Python stacks' });
  await expect(stacks).toContainText('thread.py', { timeout: 60_000 });
  await activePanel(page).getByRole('button', { name: 'Pin (P)' }).click();
  await expect(notebook(page).locator('.timeline-item.snapshot')).toHaveCount(3);

  // Notes, a finding and an action item; hostile text stays text.
  // Planted secrets: the export must list them and leave none of them in the file.
  const notes =
    '# Seed 000\n\nOne core saturated. <script>window.pwned=1</script>\n' +
    `Replayed with Authorization: Bearer ${PLANTED.bearer} from ${PLANTED.ip}, ` +
    `config in ${PLANTED.home}/app.ini, token ${PLANTED.token}\n`;
  await notebook(page).locator('.cm-content').click();
  await page.keyboard.type(notes);
  await notebook(page)
    .getByLabel(/Add an action item/)
    .fill('! GIL contention in the pool');
  await page.keyboard.press('Enter');
  await notebook(page)
    .getByLabel(/Add an action item/)
    .fill('Alert on one core, not on host CPU');
  await page.keyboard.press('Enter');
  // An item shows once the Node side has it on disk: the quit below must not race its write.
  await expect(notebook(page).locator('.timeline-item.action')).toContainText('Alert on one core');
  await expect(notebook(page).locator('.save-state')).toHaveText(/^Saved \d/, { timeout: 5_000 });
  await page.screenshot({ path: test.info().outputPath('notebook-live.png') });

  // Quit the app, stop the lab: no host, no network from here on.
  app = await app.restart();
  await seed.stop();
  await lab.stop();
  seed = undefined;
  lab = undefined;
  await page.goto(app.server.url);
  await page.keyboard.press('Control+Shift+J');
  await notebook(page)
    .getByRole('button', { name: /^Investigation / })
    .click();
  await expect(notebook(page).locator('.cm-content')).toContainText('One core saturated.');
  expect(await page.evaluate(() => 'pwned' in window)).toBe(false);
  const items = notebook(page).locator('.timeline-item');
  // 3 snapshots, a finding, an action item, and the recording of each pinned terminal.
  await expect(items).toHaveCount(8);
  await expect(notebook(page).locator('.timeline-item.recording')).toHaveCount(3);
  await expect(notebook(page).locator('.timeline-item.finding')).toContainText('GIL contention');

  // Each snapshot opens in a tab of its own, its view rebuilt from the saved output.
  const snapshot = (title: RegExp) =>
    notebook(page).locator('.timeline-item.snapshot .title', { hasText: title });
  await snapshot(/threads/).click();
  const restored = activePanel(page).getByRole('table', { name: 'Thread table' });
  await expect(restored.locator(`tbody tr[data-tid="${pid}"]`)).toBeVisible();
  expect(await restored.locator('tbody tr[data-tid]').count()).toBeGreaterThanOrEqual(
    Math.min(threadRows, 10),
  );
  await expect(activePanel(page)).toContainText(`PID ${pid}`);
  await snapshot(/strace/).click();
  await expect(
    activePanel(page).getByRole('table', { name: 'Calls per syscall' }).locator('tbody tr').first(),
  ).toBeVisible();
  // The strace terminal, replayed from the pinned moment: its output on screen, the pin marked.
  await activePanel(page)
    .getByRole('button', { name: /replay the terminal from here/ })
    .click();
  const player = activePanel(page).getByRole('region', { name: 'Recording player' });
  await expect(player.locator('.xterm-rows')).toContainText(/futex|resumed/, { timeout: 15_000 });
  await expect(player.getByRole('button', { name: /Go to the pin/ })).toHaveCount(1);
  // The recording loads in pieces and its length grows until the last one is in.
  await expect(player.locator('.player-status')).not.toContainText('loading', { timeout: 30_000 });
  const position = player.getByLabel('Position');
  const pinnedAt = await position.textContent();
  expect(pinnedAt).not.toMatch(/^0:00\.0 \//);
  await player.press('Home');
  await expect(position).toHaveText(/^0:00\.0 \//);
  await player.press(']');
  await expect(position).toHaveText(pinnedAt ?? '');
  await player.press('End');
  await page.screenshot({ path: test.info().outputPath('notebook-replay.png') });
  await snapshot(/gdb/).click();
  await expect(activePanel(page).getByRole('region', { name: 'Python stacks' })).toContainText(
    'thread.py',
  );
  await page.screenshot({ path: test.info().outputPath('notebook-offline.png') });

  // The HTML report, offline: the preview lists what is replaced, then one file with the views
  // drawn, the notes' script inert, no planted secret left.
  await notebook(page).getByLabel('Export').selectOption('html');
  const dialog = page.getByRole('dialog', { name: 'Export the investigation' });
  const replacements = dialog.getByRole('table', { name: 'Replacements' });
  for (const value of Object.values(PLANTED)) await expect(replacements).toContainText(value);
  await page.screenshot({ path: test.info().outputPath('notebook-export-preview.png') });
  const download = page.waitForEvent('download');
  await dialog.getByRole('button', { name: 'Export', exact: true }).click();
  const file = await (await download).path();
  await expect(dialog).toHaveCount(0);
  const html = readFileSync(file, 'utf8');
  expect(html).toContain('One core saturated.');
  expect(html).toContain('&lt;script&gt;window.pwned=1&lt;/script&gt;');
  expect(html).not.toMatch(/<script/i);
  expect(html).toMatch(/<rect|<table/);
  for (const value of Object.values(PLANTED)) expect(html).not.toContain(value);
  // Only the values went: the prose around them is still there.
  expect(html).toMatch(
    /Bearer &lt;secret-\d+&gt; from &lt;ip-\d+&gt;, config in &lt;home-\d+&gt;\/app\.ini/,
  );
  expect(html).not.toContain('alice');

  // Read as a colleague reads it: JavaScript off, the views there, the secrets not.
  const reportFile = test.info().outputPath('report.html');
  copyFileSync(file, reportFile);
  const reader = await browser.newContext({ javaScriptEnabled: false, offline: true });
  const report = await reader.newPage();
  await report.goto(`file://${reportFile}`);
  await expect(report.locator('body')).toContainText('One core saturated.');
  await expect(report.locator('body')).toContainText('<secret-');
  await expect(report.locator('table').first()).toBeVisible();
  await report.screenshot({
    path: test.info().outputPath('notebook-export-report.png'),
    fullPage: false,
  });
  await reader.close();

  // The archive: everything as saved, moved to the trash, imported back, every view again.
  await notebook(page).getByLabel('Export').selectOption('archive');
  const archiveDownload = page.waitForEvent('download');
  await dialog.getByRole('button', { name: 'Export', exact: true }).click();
  const archiveFile = test.info().outputPath('investigation.zip');
  await (await archiveDownload).saveAs(archiveFile);
  await notebook(page).getByRole('button', { name: 'Investigations…' }).click();
  const library = notebook(page).getByRole('list', { name: 'Investigations' });
  await library.getByRole('button', { name: /^Move .* to the trash$/ }).click();
  await expect(notebook(page).getByText('No investigations yet.')).toBeVisible();
  await notebook(page).getByLabel('Import an investigation archive').setInputFiles(archiveFile);
  await expect(notebook(page).locator('.timeline-item')).toHaveCount(8);
  await expect(notebook(page).locator('.cm-content')).toContainText(PLANTED.token);
  await snapshot(/threads/).click();
  await expect(
    activePanel(page)
      .getByRole('table', { name: 'Thread table' })
      .locator(`tbody tr[data-tid="${pid}"]`),
  ).toBeVisible();
  checkErrors();
});
