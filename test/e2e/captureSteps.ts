// Steps the capture specs share: connect to the lab host, start a capture through the dialog,
// pick seed 000 in the process picker.

import { expect, type Locator, type Page } from '@playwright/test';
import type { Seed000 } from '../lab/seed000';
import type { LabSshd } from '../lab/sshd';
import { addHost, openShellOn, type WebApp } from './webApp';

/** Opens the app connected to the lab host (the key is trusted the first time, remembered after). */
export async function connected(page: Page, app: WebApp, lab: LabSshd): Promise<void> {
  await page.goto(app.server.url);
  const host = page.getByRole('listitem', { name: 'Host lab' });
  // The host list arrives over the socket after the page loads: wait for it, either way.
  await expect(host.or(page.getByText('No hosts yet.'))).toBeVisible();
  if ((await host.count()) === 0)
    await addHost(page, {
      port: lab.port,
      user: lab.user,
      keyPath: lab.keys.ed25519,
      label: 'lab',
    });
  await openShellOn(page, 'lab');
  const prompt = page.getByRole('dialog', { name: 'Unknown host key' });
  await expect(page.getByRole('tab', { name: /shell/ }).or(prompt).first()).toBeVisible();
  if (await prompt.isVisible())
    await prompt.getByRole('button', { name: 'Trust and connect' }).click();
  await expect(page.getByRole('tab', { name: /shell/ })).toBeVisible();
}

/** Opens New capture…, picks `recipe`, lets `fill` set its options, waits for preflight, starts. */
export async function startCapture(
  page: Page,
  recipe: string,
  fill: (dialog: Locator) => Promise<void>,
  /** How long the host may take to answer the preflight (logins are slow on a loaded host). */
  preflightTimeoutMs?: number,
): Promise<void> {
  await page.getByRole('button', { name: 'New capture…' }).click();
  const dialog = page.getByRole('dialog', { name: 'New capture' });
  await dialog.getByLabel('Capture').selectOption({ label: recipe });
  await fill(dialog);
  await expect(dialog.getByLabel('Preflight')).toContainText('✓', {
    timeout: preflightTimeoutMs,
  });
  await dialog.getByRole('button', { name: 'Start capture' }).click();
  await expect(dialog).toBeHidden();
}

/** Fills the PID by picking seed 000's uvicorn process in the dialog's process picker. */
export function pickSeed(seed: Seed000): (dialog: Locator) => Promise<void> {
  return async (dialog) => {
    await dialog.getByRole('button', { name: 'Pick a process…' }).click();
    await dialog.getByLabel('Filter processes').fill('uvicorn app:app');
    await dialog.getByRole('option', { name: new RegExp(`^${seed.pid}\\b`) }).click();
    await expect(dialog.getByLabel('PID')).toHaveValue(String(seed.pid));
  };
}

/** The panel of the tab in front (capture tabs keep their terminal and parsed view in it). */
export function activePanel(page: Page): Locator {
  return page.locator('.tab-view:not([hidden])');
}
