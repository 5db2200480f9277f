// py-spy in the lab: found by preflight, or installed through the fix it offers (a venv + pip).
import { expect, test, type Locator, type Page } from '@playwright/test';

/**
 * Opens New capture… on a py-spy `recipe` with `fill` applied and returns the dialog once
 * preflight has found py-spy. Where it is missing, runs the fix preflight offers (after the
 * confirmation a user gives) and reopens. Where pip cannot install it, the test is skipped with
 * the reason printed, and null is returned.
 */
export async function ensurePySpy(
  page: Page,
  recipe: string,
  fill: (dialog: Locator) => Promise<void>,
): Promise<Locator | null> {
  const open = async () => {
    await page.getByRole('button', { name: 'New capture…' }).click();
    const dialog = page.getByRole('dialog', { name: 'New capture' });
    await dialog.getByLabel('Capture').selectOption({ label: recipe });
    await fill(dialog);
    await expect(dialog.getByLabel('Preflight')).toContainText(/✓|not installed/);
    return dialog;
  };
  let dialog = await open();
  if (await dialog.getByLabel('Preflight').getByText('not installed').isVisible()) {
    await expect(dialog.getByRole('button', { name: 'Start capture' })).toBeDisabled();
    await dialog.getByRole('button', { name: 'Fix…' }).click();
    await dialog.getByRole('button', { name: 'Run this command' }).click();
    const banner = page.locator('.tab-view:not([hidden]) .ended-banner');
    await expect(banner).toBeVisible({ timeout: 240_000 });
    const ended = (await banner.textContent()) ?? '';
    if (!/exited with code 0/.test(ended)) {
      const reason = `SKIPPED: py-spy could not be installed on this machine (${ended.trim()}); pip needs its registry or a cached wheel. The py-spy parsers are covered by unit tests on real recordings.`;
      console.log(reason);
      test.skip(true, reason);
      return null;
    }
    dialog = await open();
  }
  await expect(dialog.getByLabel('Preflight')).toContainText(/✓ \S*py-spy — py-spy \d/);
  return dialog;
}
