import { expect, test } from '@playwright/test';
import { LAB_SERVICES } from '../lab/services';
import { connected } from './captureSteps';
import { withLabApp } from './labApp';
import { capturesEnded, findings, triage } from './triageSteps';
import { watchForFatalErrors } from './webApp';

// The negative control runs alone: a seed burning a core beside it would starve it of CPU.
const env = withLabApp();

test.setTimeout(180_000);

test('triage of the healthy control under load: no finding of warning or above', async ({
  page,
}) => {
  const checkErrors = watchForFatalErrors(page);
  const healthy = await LAB_SERVICES.healthy.start({});
  try {
    await connected(page, env.app, env.lab);
    await triage(page, healthy.pid, String(healthy.pid));
    const dialog = page.getByRole('dialog', { name: 'Triage a process' });
    await expect(dialog.getByRole('button', { name: 'Close' })).toBeVisible({ timeout: 60_000 });
    await dialog.getByRole('button', { name: 'Close' }).click();
    await expect(
      page.getByRole('tablist', { name: 'Terminals' }).getByRole('tab', { selected: true }),
    ).toContainText(`insights · ${healthy.pid}`);
    await capturesEnded(page);
    const seen = await findings(page).evaluateAll((items) =>
      items.map((li) => `${li.getAttribute('data-severity')} ${li.getAttribute('data-kind')}`),
    );
    console.log(`healthy: ${seen.length} findings: ${seen.join(', ') || 'none'}`);
    await page.screenshot({ path: test.info().outputPath('triage-healthy-insights.png') });
    expect(seen.filter((s) => /^(critical|warning) /.test(s))).toEqual([]);
    checkErrors();
  } finally {
    await healthy.stop();
  }
});
