// Steps the triage specs share: pick a process in the triage dialog, read the Insights tab.

import { expect, test, type Locator, type Page } from '@playwright/test';
import { activePanel } from './captureSteps';

/** Opens Triage (Ctrl+Shift+D) and picks `pid`, found by `filter`; resolves to the pick's time. */
export async function triage(page: Page, pid: number, filter: string): Promise<number> {
  await page.keyboard.press('Control+Shift+D');
  const dialog = page.getByRole('dialog', { name: 'Triage a process' });
  await dialog.getByLabel('Filter processes').fill(filter);
  await dialog.getByRole('option', { name: new RegExp(`^${pid}\\b`) }).click();
  return Date.now();
}

/** The findings list of the Insights tab in front. */
export function findings(page: Page): Locator {
  return activePanel(page).getByRole('list', { name: 'Findings' }).locator(':scope > li');
}

/** Waits until every capture the Insights tab reads has ended (the header stops saying so). */
export async function capturesEnded(page: Page): Promise<void> {
  const head = activePanel(page).locator('.insights-head');
  await expect(head).toContainText(/from \d+ of \d+ captures/);
  await expect(head).not.toContainText('still running', { timeout: 60_000 });
}

/** The finding triage must rank first, once every capture has ended. */
export interface ExpectedFirst {
  kind: string;
  severity: 'critical' | 'warning' | 'info';
}

/**
 * Triages `pid` from a connected page, waits until every capture has ended and returns the
 * first finding, checked to be `expected`. Logs (and annotates) the time from the pick to the
 * first finding of that kind, and screenshots the Insights tab as `<name>-insights.png`.
 */
export async function triageFirstFinding(
  page: Page,
  pid: number,
  expected: ExpectedFirst,
  name: string,
): Promise<Locator> {
  const pickedAt = await triage(page, pid, String(pid));
  const insightsTab = page.getByRole('tab', { name: new RegExp(`insights · ${pid}\\b`) });
  await expect(insightsTab).toHaveAttribute('aria-selected', 'true');
  const first = findings(page).first();
  await expect(first).toHaveAttribute('data-kind', expected.kind, { timeout: 60_000 });
  const firstFindingMs = Date.now() - pickedAt;
  console.log(`${name}: first finding ${firstFindingMs} ms after the pick`);
  test
    .info()
    .annotations.push({ type: 'time to first finding', description: `${firstFindingMs} ms` });
  const dialog = page.getByRole('dialog', { name: 'Triage a process' });
  await expect(dialog.getByRole('button', { name: 'Close' })).toBeVisible({ timeout: 60_000 });
  await dialog.getByRole('button', { name: 'Close' }).click();
  await capturesEnded(page);
  await expect(insightsTab).toHaveAttribute('aria-selected', 'true');
  console.log(`${name}: ${await findingLines(page)}`);
  await expect(first).toHaveAttribute('data-kind', expected.kind);
  await expect(first).toHaveAttribute('data-severity', expected.severity);
  await page.screenshot({ path: test.info().outputPath(`${name}-insights.png`) });
  return first;
}

/** Every finding of the Insights tab in front, one per line: severity, kind, title. */
export async function findingLines(page: Page): Promise<string> {
  const lines = await findings(page).evaluateAll((items) =>
    items.map(
      (li) =>
        `${li.getAttribute('data-severity')} ${li.getAttribute('data-kind')}: ` +
        (li.querySelector('.finding-title')?.textContent ?? ''),
    ),
  );
  return lines.join('\n  ') || '(no finding)';
}

/** The words of a finding's evidence links (the capture's title, then what in it). */
export function evidenceLinks(finding: Locator): Locator {
  return finding.getByRole('list', { name: 'Evidence' }).getByRole('button');
}
