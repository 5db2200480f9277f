import { expect, test } from '@playwright/test';
import { connected } from './captureSteps';
import { withSeed000App } from './labApp';
import { watchForFatalErrors } from './webApp';

const env = withSeed000App();

test.setTimeout(180_000);

test('triage: one pick starts top -H, stacks, strace -c and ss on the process, time-boxed', async ({
  page,
}) => {
  const checkErrors = watchForFatalErrors(page);
  await connected(page, env.app, env.lab);
  await page.keyboard.press('Control+Shift+D');
  const dialog = page.getByRole('dialog', { name: 'Triage a process' });
  await dialog.getByLabel('Filter processes').fill('uvicorn app:app');
  await dialog.getByRole('option', { name: new RegExp(`^${env.seed.pid}\\b`) }).click();
  const pickedAt = Date.now();
  const steps = dialog.getByLabel('Triage progress').locator('li');
  await expect(steps).toHaveCount(4);
  await expect(dialog.getByRole('button', { name: 'Close' })).toBeVisible({ timeout: 60_000 });
  await page.screenshot({ path: test.info().outputPath('triage-dialog.png') });
  const texts = await steps.allTextContents();
  console.log(`triage steps ${Date.now() - pickedAt} ms after the pick:\n  ${texts.join('\n  ')}`);
  // Every step started: py-spy's dumps, or gdb where py-spy cannot run here.
  expect(texts.filter((t) => t.startsWith('✓'))).toHaveLength(4);
  await dialog.getByRole('button', { name: 'Close' }).click();

  // Each capture is a tab of its own, on that PID; the bounded ones end by themselves.
  const tab = (name: RegExp) => page.getByRole('tab', { name });
  await expect(tab(/threads · python3/)).toHaveCount(1);
  await expect(tab(/stacks every 1s|gdb py-bt/)).toHaveCount(1);
  await expect(tab(/strace -c 3s/)).toHaveCount(1);
  await expect(tab(/\bss\b/)).toHaveCount(1);
  await tab(/strace -c 3s/).click();
  await expect(page.locator('.tab-view:not([hidden]) .ended-banner')).toBeVisible({
    timeout: 30_000,
  });
  console.log(`strace -c ended ${Date.now() - pickedAt} ms after the pick`);
  await tab(/threads · python3/).click();
  await expect(page.locator('.tab-view:not([hidden]) .ended-banner')).toBeVisible({
    timeout: 30_000,
  });
  await expect(
    page.locator('.tab-view:not([hidden])').getByRole('table', { name: 'Thread table' }),
  ).toContainText('python3');
  console.log(`top -H ended ${Date.now() - pickedAt} ms after the pick`);
  await page.screenshot({ path: test.info().outputPath('triage-threads.png') });
  checkErrors();
});
