// Fleet…: the same strace -c on three hosts (three lab sshd, each a host profile) behind one
// nginx, seed 003's looping backend on the third; its host stands out in the fleet tab.
import { expect, test, type Locator, type Page } from '@playwright/test';
import { startNginxLab, type NginxLab } from '../lab/nginxLab';
import { startLabSshd, type LabSshd } from '../lab/sshd';
import { addHost, openShellOn, WebApp, watchForFatalErrors } from './webApp';

const HOSTS = ['web-1', 'web-2', 'web-3'];
let sshds: LabSshd[] = [];
let app: WebApp | undefined;
let nginx: NginxLab | undefined;

test.setTimeout(240_000);

test.beforeAll(async () => {
  [sshds, app, nginx] = await Promise.all([
    Promise.all(HOSTS.map(() => startLabSshd())),
    WebApp.start(),
    startNginxLab({ loggingLoop: true }),
  ]);
});

test.afterEach(async () => {
  await app?.closeTerminals();
});

test.afterAll(async () => {
  await app?.stop();
  await nginx?.stop();
  await Promise.all(sshds.map((sshd) => sshd.stop()));
});

/** Opens the app with the three hosts connected (a profile each, its key trusted the first time). */
async function connectAll(page: Page, app: WebApp) {
  await page.goto(app.server.url);
  await expect(
    page
      .getByRole('listitem', { name: /^Host / })
      .or(page.getByText('No hosts yet.'))
      .first(),
  ).toBeVisible();
  for (const [index, label] of HOSTS.entries()) {
    const sshd = sshds[index];
    if (!sshd) continue;
    if ((await page.getByRole('listitem', { name: `Host ${label}` }).count()) === 0)
      await addHost(page, { port: sshd.port, user: sshd.user, keyPath: sshd.keys.ed25519, label });
    await openShellOn(page, label);
    const prompt = page.getByRole('dialog', { name: 'Unknown host key' });
    const shell = page.getByRole('tab', { name: new RegExp(`${label}.*shell`) });
    await expect(shell.or(prompt).first()).toBeVisible();
    if (await prompt.isVisible())
      await prompt.getByRole('button', { name: 'Trust and connect' }).click();
    await expect(page.getByRole('tab', { name: /shell/ })).toHaveCount(index + 1);
  }
}

/**
 * Fills each host's process pattern in the Fleet dialog. The same pattern matches the three
 * backends on every host (they all run on this machine, with other labs' maybe): each host gets
 * its own, by the backend's port, as an engineer would where the hosts' services differ by name.
 */
async function pickBackends(dialog: Locator, nginx: NginxLab) {
  await dialog.getByLabel(/^Process/).fill('backend.py');
  const hostsTable = dialog.getByRole('table', { name: 'Hosts' });
  await expect(hostsTable).toContainText(/busiest of \d+/);
  for (const [index, label] of HOSTS.entries()) {
    const backend = nginx.backends[index];
    await dialog.getByLabel(`Pattern on ${label}`).fill(`backend.py ${backend?.port ?? ''}`);
    await expect(hostsTable.getByRole('row').nth(index + 1)).toContainText(
      new RegExp(`PID ${backend?.pid ?? ''}$`),
    );
  }
}

test('fleet: strace -c on the backend of three hosts, the looping one stands out', async ({
  page,
}) => {
  if (!app || !nginx) throw new Error('the lab is not started');
  const checkErrors = watchForFatalErrors(page);
  await connectAll(page, app);
  await page.keyboard.press('Control+Shift+L');
  const dialog = page.getByRole('dialog', { name: 'Fleet' });
  await dialog.getByLabel('Capture').selectOption({ label: 'Syscall summary (strace -c)' });
  await dialog.getByLabel('Seconds').fill('3');
  await pickBackends(dialog, nginx);
  await page.screenshot({ path: test.info().outputPath('fleet-dialog.png') });
  await dialog.getByRole('button', { name: 'Start on 3 hosts' }).click();
  await expect(dialog).toBeHidden();

  // Three capture tabs, one per host, and the fleet tab in front.
  await expect(page.getByRole('tab', { name: /web-\d.*strace -c/ })).toHaveCount(3);
  const fleetTab = page.getByRole('tab', { name: /fleet · strace -c 3s · 3 hosts/ });
  await expect(fleetTab).toHaveAttribute('aria-selected', 'true');
  const panel = page.locator('.tab-view:not([hidden])');
  const table = panel.getByRole('table', { name: 'Fleet comparison' });
  await expect(table.getByRole('row', { name: 'Host web-3' })).toContainText('done', {
    timeout: 60_000,
  });
  await expect(panel.getByRole('status')).toContainText('web-3 stands out', { timeout: 30_000 });
  const verdict = (await panel.getByRole('status').textContent()) ?? '';
  console.log(`fleet verdict: ${verdict}`);
  expect(verdict).toMatch(/errors\/s/);
  expect(verdict).not.toMatch(/web-1|web-2/);
  const looping = table.getByRole('row', { name: 'Host web-3' });
  await expect(looping).toContainText('rename');
  await expect(looping.locator('.stands-out').first()).toBeVisible();
  for (const label of ['web-1', 'web-2'])
    await expect(
      table.getByRole('row', { name: `Host ${label}` }).locator('.stands-out'),
    ).toHaveCount(0);
  await page.screenshot({ path: test.info().outputPath('fleet-tab.png') });

  // A click on the outlier's cell shows its capture tab.
  await looping.locator('.stands-out').first().click();
  await expect(page.getByRole('tab', { selected: true })).toHaveAccessibleName(/web-3.*strace -c/);

  // The next look: strace on that PID names the errno strace -c only counts.
  await fleetTab.click();
  const pid = nginx.pidsByRole['backend-3'];
  await panel.getByRole('button', { name: `strace ${pid} on web-3` }).click();
  await expect(page.getByRole('tab', { selected: true })).toHaveAccessibleName(
    new RegExp(`web-3.*strace.*${pid}`),
  );
  await expect(panel).toContainText(/rename.*ENOENT/, { timeout: 30_000 });
  await page.screenshot({ path: test.info().outputPath('fleet-next-strace.png') });
  checkErrors();
});

test('fleet: top on three hosts, live; the looping backend is the hot process', async ({
  page,
}) => {
  if (!app || !nginx) throw new Error('the lab is not started');
  const checkErrors = watchForFatalErrors(page);
  await connectAll(page, app);
  await page.getByRole('button', { name: 'Fleet…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Fleet' });
  await dialog.getByLabel('Capture').selectOption({ label: 'Host overview (top)' });
  await pickBackends(dialog, nginx);
  await dialog.getByRole('button', { name: 'Start on 3 hosts' }).click();
  await expect(page.getByRole('tab', { name: /fleet · top · 3 hosts/ })).toHaveAttribute(
    'aria-selected',
    'true',
  );
  const table = page.locator('.tab-view:not([hidden])').getByRole('table', {
    name: 'Fleet comparison',
  });
  // top keeps running: the figures arrive with its first screen and change with each one.
  for (const label of HOSTS)
    await expect(table.getByRole('row', { name: `Host ${label}` })).toContainText(
      /\d on \d cores/,
      {
        timeout: 30_000,
      },
    );
  const first = await table.innerText();
  await expect.poll(() => table.innerText(), { timeout: 30_000 }).not.toBe(first);
  // The same machine under three names: load and host CPU alike, never marked; the looping
  // backend's CPU is (top samples every 2 s: within a few screens).
  const hot = table.getByRole('row', { name: 'Host web-3' }).locator('.stands-out');
  await expect(hot).toHaveCount(1, { timeout: 30_000 });
  await expect(hot).toContainText('%');
  for (const label of ['web-1', 'web-2'])
    await expect(
      table.getByRole('row', { name: `Host ${label}` }).locator('.stands-out'),
    ).toHaveCount(0);
  await page.screenshot({ path: test.info().outputPath('fleet-top.png') });
  checkErrors();
});
