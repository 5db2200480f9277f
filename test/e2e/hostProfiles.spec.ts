// Host profiles: edited in place, filed in a group, tagged; a production tag marks every tab of
// that host in red.
import { expect, test } from '@playwright/test';
import { connected } from './captureSteps';
import { withLabApp } from './labApp';
import { watchForFatalErrors } from './webApp';

const running = withLabApp();

test('a host is edited, grouped and tagged prod, and its tabs are marked red', async ({ page }) => {
  const checkErrors = watchForFatalErrors(page);
  await connected(page, running.app, running.lab);
  const hosts = page.getByRole('complementary', { name: 'Hosts' });
  await hosts.getByRole('button', { name: 'Disconnect' }).click();
  await page.keyboard.press('Control+Shift+W');

  await hosts.getByRole('button', { name: 'Edit lab' }).click();
  const form = hosts.getByRole('form', { name: 'Edit lab' });
  await expect(form.getByLabel('Address')).toHaveValue('127.0.0.1');
  await form.getByLabel(/^Label/).fill('lab-api');
  await form.getByLabel(/^Group/).fill('payments');
  await form.getByLabel(/^Tags/).fill('prod, db');
  await form.getByRole('button', { name: 'Save host' }).click();

  // Filed under its group, with its tags; the same profile (no second host), still logging in.
  const group = hosts.getByRole('region', { name: 'Group payments' });
  const host = group.getByRole('listitem', { name: 'Host lab-api' });
  await expect(host).toContainText('prod');
  await expect(host).toContainText('db');
  await expect(hosts.getByRole('listitem', { name: /^Host / })).toHaveCount(1);
  await host.getByRole('button', { name: 'Connect' }).click();
  await host.getByRole('button', { name: '+ Shell' }).click();
  // Connect opened a shell, + Shell a second: every tab of the host is marked.
  await expect(page.getByRole('tab', { name: /shell/ })).toHaveCount(2);
  for (const tab of await page.getByRole('tab', { name: /shell/ }).all())
    await expect(tab).toContainText('prod');
  await expect(page.locator('.tab.prod')).toHaveCount(2);
  await page.screenshot({ path: test.info().outputPath('host-prod.png') });

  // Saved: a reload shows the same group and tags.
  await page.reload();
  await expect(
    page
      .getByRole('region', { name: 'Group payments' })
      .getByRole('listitem', { name: 'Host lab-api' }),
  ).toContainText('prod');
  checkErrors();
});
