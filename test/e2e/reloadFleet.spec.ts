// A reload with a fleet tab open: the fleet's captures run on (they live on the Node side) and the
// fleet tab comes back over them, its hosts side by side, still live.
import { expect, test, type Page } from '@playwright/test';
import { labSessionPrograms } from '../lab/sessions';
import { startLabSshd, type LabSshd } from '../lab/sshd';
import { addHost, openShellOn, WebApp, watchForFatalErrors } from './webApp';

const HOSTS = ['web-1', 'web-2'];
let sshds: LabSshd[] = [];
let app: WebApp | undefined;

test.setTimeout(240_000);

test.beforeAll(async () => {
  [sshds, app] = await Promise.all([Promise.all(HOSTS.map(() => startLabSshd())), WebApp.start()]);
});

test.afterEach(async () => {
  await app?.closeTerminals();
});

test.afterAll(async () => {
  await app?.stop();
  await Promise.all(sshds.map((sshd) => sshd.stop()));
});

/** Opens the app with the two hosts connected (a profile each, its key trusted the first time). */
async function connectAll(page: Page, app: WebApp) {
  await page.goto(app.server.url);
  await expect(page.getByText('No hosts yet.')).toBeVisible();
  for (const [index, label] of HOSTS.entries()) {
    const sshd = sshds[index];
    if (!sshd) continue;
    await addHost(page, { port: sshd.port, user: sshd.user, keyPath: sshd.keys.ed25519, label });
    await openShellOn(page, label);
    const prompt = page.getByRole('dialog', { name: 'Unknown host key' });
    await expect(prompt).toBeVisible();
    await prompt.getByRole('button', { name: 'Trust and connect' }).click();
    await expect(page.getByRole('tab', { name: /shell/ })).toHaveCount(index + 1);
  }
}

/** A figure in a host's row (load per core "0.42", CPU "37 %"): its model was read. */
const FIGURE = /\d\.\d\d|\d %/;

/** Whether top (the fleet's host-overview capture) runs on each lab host. */
const topOnEachHost = () =>
  sshds.map((sshd) => labSessionPrograms(sshd).some((line) => line.startsWith('top -b ')));

test('a reload brings the fleet tab back over its captures, both hosts still live', async ({
  page,
}) => {
  if (!app) throw new Error('the lab is not started');
  const checkErrors = watchForFatalErrors(page);
  await connectAll(page, app);
  await page.keyboard.press('Control+Shift+L');
  const dialog = page.getByRole('dialog', { name: 'Fleet' });
  await dialog.getByLabel('Capture').selectOption('host-overview');
  await dialog.getByRole('button', { name: 'Start on 2 hosts' }).click();
  await expect(dialog).toBeHidden();
  const fleetTab = page.getByRole('tab', { name: /fleet · top · 2 hosts/ });
  await expect(fleetTab).toHaveAttribute('aria-selected', 'true');
  const table = page.locator('.tab-view:not([hidden])').getByRole('table', {
    name: 'Fleet comparison',
  });
  for (const label of HOSTS)
    await expect(table.getByRole('row', { name: `Host ${label}` })).toContainText(FIGURE, {
      timeout: 60_000,
    });
  await expect.poll(topOnEachHost, { timeout: 30_000 }).toEqual([true, true]);

  await page.reload();
  // The fleet tab comes back (in front: it is the newest), beside its hosts' capture tabs.
  await expect(fleetTab).toBeVisible({ timeout: 15_000 });
  await expect(page.getByRole('tab', { name: /web-\d.*top/ })).toHaveCount(2);
  await fleetTab.click();
  for (const label of HOSTS) {
    const row = table.getByRole('row', { name: `Host ${label}` });
    // Its figures rebuilt from the replayed output, and still running.
    await expect(row).toContainText('running', { timeout: 30_000 });
    await expect(row).toContainText(FIGURE, { timeout: 30_000 });
  }
  await page.screenshot({ path: test.info().outputPath('fleet-after-reload.png') });
  expect(topOnEachHost()).toEqual([true, true]);

  // Closed, it stays closed: the next reload does not bring it back.
  await page.getByRole('button', { name: /^Close fleet · top/ }).click();
  await expect(fleetTab).toHaveCount(0);
  await page.reload();
  await expect(page.getByRole('tab', { name: /web-\d.*top/ })).toHaveCount(2, { timeout: 15_000 });
  await expect(fleetTab).toHaveCount(0);
  checkErrors();
});
