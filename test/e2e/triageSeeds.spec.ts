import { expect, test } from '@playwright/test';
import { LAB_SERVICES } from '../lab/services';
import { connected } from './captureSteps';
import { withLabApp } from './labApp';
import { capturesEnded, findings, triage } from './triageSteps';
import { watchForFatalErrors } from './webApp';

// Each seed runs alone: a seed burning a core beside another would change what it shows.
const env = withLabApp();

test.setTimeout(180_000);

test('triage of seed 002: the blocked event loop ranks first, citing the stacks', async ({
  page,
}) => {
  const checkErrors = watchForFatalErrors(page);
  const seed = await LAB_SERVICES.seed002.start({});
  try {
    await connected(page, env.app, env.lab);
    const pickedAt = await triage(page, seed.pid, String(seed.pid));
    const first = findings(page).first();
    await expect(first).toHaveAttribute('data-kind', 'event-loop-blocked', { timeout: 45_000 });
    console.log(`seed 002: first finding ${Date.now() - pickedAt} ms after the pick`);
    const dialog = page.getByRole('dialog', { name: 'Triage a process' });
    await expect(dialog.getByRole('button', { name: 'Close' })).toBeVisible({ timeout: 60_000 });
    await dialog.getByRole('button', { name: 'Close' }).click();
    await capturesEnded(page);
    await expect(first).toHaveAttribute('data-kind', 'event-loop-blocked');
    await expect(first).toHaveAttribute('data-severity', /^(critical|warning)$/);
    console.log(
      `seed 002 after every capture: ${await first.locator('.finding-title').textContent()}`,
    );
    await page.screenshot({ path: test.info().outputPath('triage-seed002-insights.png') });
    await expect(first.getByRole('list', { name: 'Evidence' })).toContainText(/stacks|gdb/);
    checkErrors();
  } finally {
    await seed.stop();
  }
});
