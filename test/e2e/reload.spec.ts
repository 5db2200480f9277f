import { expect, test } from '@playwright/test';
import { labSessionPrograms, labSshConnections } from '../lab/sessions';
import { connected, startCapture } from './captureSteps';
import { withLabApp } from './labApp';
import { watchForFatalErrors } from './webApp';

const env = withLabApp();

/** The capture's programs on the lab host (this machine), read from /proc under its sshd. */
const topOnHost = () =>
  labSessionPrograms(env.lab)
    .filter((line) => line.startsWith('top -b ') || line === 'cat')
    .map((line) => line.split(' ')[0]);

test.setTimeout(240_000);

test('a reload takes the tabs back: top runs on, its view is rebuilt; no second SSH session', async ({
  page,
}) => {
  const checkErrors = watchForFatalErrors(page);
  await connected(page, env.app, env.lab);
  await startCapture(page, 'Host overview (top)', async () => undefined, 60_000);
  const rows = page.getByRole('table', { name: 'Thread table' }).locator('tbody tr');
  await expect(rows.first()).toBeVisible({ timeout: 60_000 });
  await expect.poll(() => topOnHost().sort()).toEqual(['cat', 'top']);
  expect(labSshConnections(env.lab)).toBe(1);

  await page.reload();
  const reloadedAt = Date.now();
  const host = page.getByRole('listitem', { name: 'Host lab' });
  // The connection outlives the page (it belongs to the Node side): the new page says so.
  await expect(host.getByRole('button', { name: 'Disconnect' })).toBeVisible();
  await expect(host).toContainText(/\d+ cores/);
  // The capture's tab comes back, redrawn from the kept output, and its view is rebuilt.
  await expect(page.getByRole('tab', { name: /top/ })).toBeVisible({ timeout: 15_000 });
  await expect(
    page.getByRole('tabpanel', { name: 'top' }).getByText('re-attached', { exact: true }),
  ).toBeVisible();
  await expect(rows.first()).toBeVisible({ timeout: 30_000 });
  console.log(`thread table rebuilt ${Date.now() - reloadedAt} ms after the reload`);
  await page.screenshot({ path: test.info().outputPath('after-reload.png') });
  // top never stopped: the same programs run on the host, over the same SSH connection.
  expect(topOnHost().sort()).toEqual(['cat', 'top']);

  // Working on after the reload uses the same SSH connection.
  const shells = page.getByRole('tab', { name: /shell/ });
  const shellsBefore = await shells.count();
  await host.getByRole('button', { name: '+ Shell' }).click();
  await expect(shells).toHaveCount(shellsBefore + 1);
  expect(labSshConnections(env.lab)).toBe(1);
  checkErrors();
});
