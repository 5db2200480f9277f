// A reload after triage: the Insights tab comes back over the triage's captures (ended by then,
// each back with what it printed), and says what it said before; the tab that was in front is.
import { expect, test } from '@playwright/test';
import { activePanel, connected } from './captureSteps';
import { withSeed000App } from './labApp';
import { capturesEnded, findings, triage } from './triageSteps';
import { watchForFatalErrors } from './webApp';

const env = withSeed000App();

test.setTimeout(240_000);

/** The kinds of the findings listed, in their order. */
const kindsOf = (items: Element[]) => items.map((item) => item.getAttribute('data-kind'));

test('a reload after triage brings the Insights tab back over its captures', async ({ page }) => {
  const checkErrors = watchForFatalErrors(page);
  await connected(page, env.app, env.lab);
  await triage(page, env.seed.pid, 'uvicorn app:app');
  const dialog = page.getByRole('dialog', { name: 'Triage a process' });
  await expect(dialog.getByRole('button', { name: 'Close' })).toBeVisible({ timeout: 60_000 });
  await dialog.getByRole('button', { name: 'Close' }).click();
  const insightsTab = page.getByRole('tab', { name: new RegExp(`insights · ${env.seed.pid}`) });
  await expect(insightsTab).toHaveAttribute('aria-selected', 'true');
  await capturesEnded(page);
  const gil = findings(page).and(page.locator('[data-kind="gil-contention"]'));
  await expect(gil).toHaveCount(1, { timeout: 30_000 });
  const head = activePanel(page).locator('.insights-head');
  // Every capture read (and ended): the findings are final.
  await expect(head).toContainText(/from (\d+) of \1 captures/, { timeout: 30_000 });
  const read = (await head.textContent())?.match(/from \d+ of \d+ captures/)?.[0];
  const kindsBefore = await findings(page).evaluateAll(kindsOf);
  console.log(`findings before the reload: ${kindsBefore.join(', ')}`);
  const tabs = page.getByRole('tablist', { name: 'Terminals' }).getByRole('tab');
  const tabsBefore = (await tabs.allTextContents()).sort();
  console.log(`tabs before the reload: ${tabsBefore.join(' | ')}`);
  for (const capture of [/threads · python3/, /stacks every 1s|gdb py-bt/, /strace -c 3s/, /ss$/])
    expect(tabsBefore.filter((t) => capture.test(t))).toHaveLength(1);

  // An older tab in front: the reload must bring it back in front, not the newest.
  const threadsTab = tabs.filter({ hasText: /threads · python3/ });
  await threadsTab.click();
  await expect(threadsTab).toHaveAttribute('aria-selected', 'true');

  await page.reload();
  // The Insights tab and the captures it read come back (every tab as before); they ended, as before.
  await expect(insightsTab).toBeVisible({ timeout: 15_000 });
  await expect.poll(async () => (await tabs.allTextContents()).sort()).toEqual(tabsBefore);
  await expect(threadsTab).toHaveAttribute('aria-selected', 'true');
  await insightsTab.click();
  await expect(head).toContainText(read ?? 'no count read before', { timeout: 30_000 });
  await expect(head).not.toContainText('still running');
  await expect(gil).toHaveCount(1, { timeout: 30_000 });
  // The same findings as before, read from the same bytes.
  await expect
    .poll(() => findings(page).evaluateAll(kindsOf), { timeout: 30_000 })
    .toEqual(kindsBefore);
  await page.screenshot({ path: test.info().outputPath('insights-after-reload.png') });
  checkErrors();
});
