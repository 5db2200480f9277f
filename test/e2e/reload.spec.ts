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

test('a reload ends the page’s remote programs and shows the host as it is; no second SSH session', async ({
  page,
}) => {
  const checkErrors = watchForFatalErrors(page);
  await connected(page, env.app, env.lab);
  await startCapture(page, 'Host overview (top)', async () => undefined, 60_000);
  await expect(
    page.getByRole('table', { name: 'Thread table' }).locator('tbody tr').first(),
  ).toBeVisible({ timeout: 60_000 });
  await expect.poll(() => topOnHost().sort()).toEqual(['cat', 'top']);
  expect(labSshConnections(env.lab)).toBe(1);

  await page.reload();
  const reloadedAt = Date.now();
  const host = page.getByRole('listitem', { name: 'Host lab' });
  // The connection outlives the page (it belongs to the Node side): the new page says so.
  await expect(host.getByRole('button', { name: 'Disconnect' })).toBeVisible();
  await expect(host.getByRole('button', { name: '+ Shell' })).toBeVisible();
  await expect(host).toContainText(/\d+ cores/);
  await page.screenshot({ path: test.info().outputPath('after-reload.png') });

  // The old page's top is an orphan: it ends on the host within the grace and a few seconds.
  await expect.poll(topOnHost, { timeout: 15_000 }).toEqual([]);
  console.log(`top and cat gone from the host ${Date.now() - reloadedAt} ms after the reload`);

  // Working on after the reload uses the same SSH connection.
  await host.getByRole('button', { name: '+ Shell' }).click();
  await expect(page.getByRole('tab', { name: /shell/ })).toBeVisible();
  expect(labSshConnections(env.lab)).toBe(1);
  checkErrors();
});
