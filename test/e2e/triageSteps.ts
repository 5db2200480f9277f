// Steps the triage specs share: pick a process in the triage dialog, read the Insights tab.

import { expect, type Locator, type Page } from '@playwright/test';
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
