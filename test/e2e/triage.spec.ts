import { expect, test } from '@playwright/test';
import { activePanel, connected } from './captureSteps';
import { withSeed000App } from './labApp';
import { capturesEnded, findings, triage } from './triageSteps';
import { watchForFatalErrors } from './webApp';

const env = withSeed000App();

test.setTimeout(180_000);

test('triage: one pick starts top -H, stacks, strace -c and ss on the process, time-boxed', async ({
  page,
}) => {
  const checkErrors = watchForFatalErrors(page);
  await connected(page, env.app, env.lab);
  const pickedAt = await triage(page, env.seed.pid, 'uvicorn app:app');
  const dialog = page.getByRole('dialog', { name: 'Triage a process' });

  // The Insights tab of the process opens in front, and its first finding names the GIL or the
  // one saturated core (issue 12: within 15 s of the pick; the figure is logged, not asserted,
  // since the machine is shared).
  const insightsTab = page.getByRole('tab', { name: new RegExp(`insights · ${env.seed.pid}`) });
  await expect(insightsTab).toHaveAttribute('aria-selected', 'true');
  const first = findings(page).first();
  await expect(first).toHaveAttribute('data-kind', /^(one-core-saturated|gil-contention)$/, {
    timeout: 45_000,
  });
  const firstFindingMs = Date.now() - pickedAt;
  console.log(`first finding ${firstFindingMs} ms after the pick: ${await first.textContent()}`);
  test
    .info()
    .annotations.push({ type: 'time to first finding', description: `${firstFindingMs} ms` });

  const steps = dialog.getByLabel('Triage progress').locator('li');
  await expect(steps).toHaveCount(4);
  await expect(dialog.getByRole('button', { name: 'Close' })).toBeVisible({ timeout: 60_000 });
  await page.screenshot({ path: test.info().outputPath('triage-dialog.png') });
  const texts = await steps.allTextContents();
  console.log(`triage steps ${Date.now() - pickedAt} ms after the pick:\n  ${texts.join('\n  ')}`);
  // Every step started: py-spy's dumps, or gdb where py-spy cannot run here.
  expect(texts.filter((t) => t.startsWith('✓'))).toHaveLength(4);
  await dialog.getByRole('button', { name: 'Close' }).click();
  // The Insights tab stayed in front while the capture tabs opened behind it.
  await expect(insightsTab).toHaveAttribute('aria-selected', 'true');

  // Each capture is a tab of its own, on that PID; the bounded ones end by themselves.
  const tab = (name: RegExp) => page.getByRole('tab', { name });
  await expect(tab(/threads · python3/)).toHaveCount(1);
  await expect(tab(/stacks every 1s|gdb py-bt/)).toHaveCount(1);
  await expect(tab(/strace -c 3s/)).toHaveCount(1);
  await expect(tab(/\bss\b/)).toHaveCount(1);
  await capturesEnded(page);
  console.log(`every triage capture ended ${Date.now() - pickedAt} ms after the pick`);
  await expect(first).toHaveAttribute('data-kind', /^(one-core-saturated|gil-contention)$/);
  // With the dumps read, the GIL is named too, whichever ranks first.
  await expect(findings(page).and(page.locator('[data-kind="gil-contention"]'))).toHaveCount(1);
  await page.screenshot({ path: test.info().outputPath('triage-insights.png') });

  // An evidence link activates the capture tab it names.
  const link = first.getByRole('list', { name: 'Evidence' }).getByRole('button').first();
  const captureTitle = (await link.textContent()) ?? '';
  await link.click();
  const frontTab = page
    .getByRole('tablist', { name: 'Terminals' })
    .getByRole('tab', { selected: true });
  await expect(frontTab).toContainText(captureTitle);
  await expect(insightsTab).toHaveAttribute('aria-selected', 'false');

  await tab(/threads · python3/).click();
  await expect(activePanel(page).getByRole('table', { name: 'Thread table' })).toContainText(
    'python3',
  );
  // The capture's Insights button brings the findings back.
  await activePanel(page).getByRole('button', { name: '◆ Insights' }).click();
  await expect(insightsTab).toHaveAttribute('aria-selected', 'true');
  await expect(tab(/insights ·/)).toHaveCount(1);

  // ↑↓ move between findings; Enter runs the selected one's next step as a new capture tab.
  const count = await findings(page).count();
  await activePanel(page).getByRole('list', { name: 'Findings' }).focus();
  await page.keyboard.press('ArrowDown');
  await expect(findings(page).nth(Math.min(1, count - 1))).toHaveAttribute('aria-current', 'true');
  await page.keyboard.press('ArrowUp');
  await expect(first).toHaveAttribute('aria-current', 'true');
  const allTabs = page.getByRole('tablist', { name: 'Terminals' }).getByRole('tab');
  const tabsBefore = await allTabs.count();
  await page.keyboard.press('Enter');
  await expect(allTabs).toHaveCount(tabsBefore + 1);
  await expect(insightsTab).toHaveAttribute('aria-selected', 'false');
  checkErrors();
});
