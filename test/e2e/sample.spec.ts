// First run: no host configured, the app offers the sample investigation (seed 000, recorded
// from the lab with the app itself by `npm run sample:record`); every view opens without a server.
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { activePanel } from './captureSteps';
import { WebApp, watchForFatalErrors } from './webApp';

let app: WebApp;
test.beforeAll(async () => void (app = await WebApp.start()));
test.afterAll(async () => app?.stop());

test('a new user opens the sample and sees every view, the replay and an export', async ({
  page,
}) => {
  const checkErrors = watchForFatalErrors(page);
  await page.goto(app.server.url);
  await expect(page.getByText('No hosts yet.')).toBeVisible();
  await page.getByRole('button', { name: 'Open the sample investigation' }).click();
  const notebook = page.getByRole('complementary', { name: 'Notebook' });
  await expect(notebook.locator('.notebook-title')).toHaveText(/^Sample: seed 000/);
  await expect(notebook.locator('.cm-content')).toContainText('one core saturated', {
    ignoreCase: true,
  });
  await expect(notebook.locator('.timeline-item.snapshot')).toHaveCount(3);
  await expect(notebook.locator('.timeline-item.recording')).toHaveCount(3);
  await expect(notebook.locator('.timeline-item.finding')).toHaveCount(1);

  const open = (kind: string, title: RegExp) =>
    notebook.locator(`.timeline-item.${kind} .title`, { hasText: title }).click();
  await open('snapshot', /threads/);
  await expect(
    activePanel(page)
      .getByRole('table', { name: 'Thread table' })
      .locator('tbody tr[data-tid]')
      .nth(3),
  ).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('sample-threads.png') });
  await open('snapshot', /gdb/);
  await expect(activePanel(page).getByRole('region', { name: 'Python stacks' })).toContainText(
    'summarize',
  );
  await open('recording', /strace/);
  const player = activePanel(page).getByRole('region', { name: 'Recording player' });
  await expect(player.getByRole('button', { name: /Go to the pin/ })).toHaveCount(1);
  await player.getByRole('button', { name: /Go to the pin/ }).click();
  await expect(player.locator('.xterm-rows')).toContainText('futex');
  await page.screenshot({ path: test.info().outputPath('sample-replay.png') });

  // A second click opens the same investigation again, not a second copy.
  await notebook.getByRole('button', { name: 'Investigations…' }).click();
  await expect(notebook.getByRole('list', { name: 'Investigations' }).locator('li')).toHaveCount(1);
  await notebook.getByRole('button', { name: /^Sample: seed 000/ }).click();

  await notebook.getByLabel('Export').selectOption('html');
  const dialog = page.getByRole('dialog', { name: 'Export the investigation' });
  await expect(dialog.getByRole('table', { name: 'Replacements' })).toBeVisible();
  const download = page.waitForEvent('download');
  await dialog.getByRole('button', { name: 'Export', exact: true }).click();
  const html = readFileSync(await (await download).path(), 'utf8');
  expect(html).toContain('Threads, busiest first');
  expect(html).toContain('summarize');
  expect(html).not.toMatch(/<script/i);
  checkErrors();
});
