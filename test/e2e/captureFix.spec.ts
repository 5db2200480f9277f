// Preflight's fix from the capture dialog, on a lab host whose home has no py-spy yet: the
// dialog keeps what was chosen (the PID) while the fix runs, checks again when it ends, and
// the capture starts from there.
import { expect, test } from '@playwright/test';
import { startSeed000, type Seed000 } from '../lab/seed000';
import { startLabSshd, type LabSshd } from '../lab/sshd';
import { activePanel, connected, pickSeed } from './captureSteps';
import { WebApp, watchForFatalErrors } from './webApp';

let lab: LabSshd;
let seed: Seed000;
let app: WebApp;

test.beforeAll(async () => {
  [lab, seed] = await Promise.all([startLabSshd({ home: true }), startSeed000()]);
  app = await WebApp.start();
});
test.afterAll(async () => {
  await app?.stop();
  await seed?.stop();
  await lab?.stop();
});

test('Fix… installs py-spy while the dialog keeps the PID, then the capture starts', async ({
  page,
}) => {
  test.setTimeout(300_000);
  const checkErrors = watchForFatalErrors(page);
  await connected(page, app, lab);
  await page.getByRole('button', { name: 'New capture…' }).click();
  const dialog = page.getByRole('dialog', { name: 'New capture' });
  await dialog.getByLabel('Capture').selectOption({ label: 'Python stacks (py-spy dump)' });
  await pickSeed(seed)(dialog);
  const preflight = dialog.getByLabel('Preflight');
  await expect(preflight).toContainText('py-spy is not installed');
  await expect(dialog.getByRole('button', { name: 'Start capture' })).toBeDisabled();

  await dialog.getByRole('button', { name: 'Fix…' }).click();
  await dialog.getByRole('button', { name: 'Run this command' }).click();
  // The fix runs in its own tab, in front; the dialog stays with the process picked.
  await expect(page.getByRole('tab', { name: /setup/ })).toBeVisible();
  await expect(dialog.getByLabel('PID')).toHaveValue(String(seed.pid));
  await expect(dialog.getByRole('status', { name: 'Fix' })).toContainText('runs in its own tab');
  const ended = activePanel(page).locator('.ended-banner');
  await expect(ended).toBeVisible({ timeout: 240_000 });
  const banner = (await ended.textContent()) ?? '';
  if (!/exited with code 0/.test(banner)) {
    const reason = `SKIPPED: pip could not install py-spy on this machine (${banner.trim()}); the dialog kept the PID (checked above).`;
    console.log(reason);
    test.skip(true, reason);
    return;
  }

  // Checked again on its own when the fix ended: py-spy found where the fix put it.
  await expect(dialog.getByRole('status', { name: 'Fix' })).toContainText('checked again');
  await expect(preflight).toContainText(
    /✓ \S*\/incident-workbench\/py-spy\/bin\/py-spy — py-spy \d/,
  );
  await expect(dialog.getByLabel('PID')).toHaveValue(String(seed.pid));
  // The command shown is the one that runs: with the tool where preflight found it.
  await expect(dialog.locator('.command-preview')).toContainText(
    `/incident-workbench/py-spy/bin/py-spy dump --pid ${seed.pid}`,
  );
  await page.screenshot({ path: test.info().outputPath('fix-then-capture.png') });
  await dialog.getByRole('button', { name: 'Start capture' }).click();
  await expect(dialog).toBeHidden();
  const stacks = page.getByRole('region', { name: 'Python stacks' });
  await expect(stacks).toContainText('thread.py', { timeout: 30_000 });
  checkErrors();
});
