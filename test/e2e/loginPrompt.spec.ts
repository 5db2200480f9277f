// A password login in the browser mode: the prompt names the host, refuses a wrong password
// plainly, takes the right one; no "remember" box (no OS keychain in the browser mode).
import { expect, test } from '@playwright/test';
import { startLabSshd, type LabSshd } from '../lab/sshd';
import { labPamUnavailableReason } from '../lab/sshdPam';
import { WebApp, watchForFatalErrors } from './webApp';

const unavailable = labPamUnavailableReason('password');
let lab: LabSshd | undefined;
let app: WebApp | undefined;

test.beforeAll(async () => {
  if (unavailable) return;
  lab = await startLabSshd({ auth: 'password' });
  app = await WebApp.start();
});
test.afterAll(async () => {
  await app?.stop();
  await lab?.stop();
});

test('a password prompt: wrong, then right, and a shell opens', async ({ page }) => {
  if (unavailable) console.log(`SKIPPED: ${unavailable}; the password prompt is not tested`);
  test.skip(unavailable !== null, unavailable ?? '');
  if (!lab?.pam || !app) throw new Error('the lab is not started');
  const checkErrors = watchForFatalErrors(page);
  await page.goto(app.server.url);
  await page.getByRole('button', { name: '+ Add host' }).click();
  await page.getByLabel('Address').fill(lab.host);
  await page.getByLabel('User').fill(lab.user);
  await page.getByLabel('Port').fill(String(lab.port));
  await page.getByLabel('Private key file').fill('');
  await page.getByLabel('Log in with').selectOption({ label: 'Password only' });
  await page.getByLabel(/^Label/).fill('pw');
  await page.getByRole('button', { name: 'Save host' }).click();
  await page
    .getByRole('listitem', { name: 'Host pw' })
    .getByRole('button', { name: 'Connect' })
    .click();
  await page
    .getByRole('dialog', { name: 'Unknown host key' })
    .getByRole('button', { name: 'Trust and connect' })
    .click();

  const dialog = page.getByRole('dialog', { name: 'Login prompt' });
  await expect(dialog).toContainText(`${lab.user}@[${lab.host}]:${lab.port}`);
  const field = dialog.getByLabel('Password:');
  await expect(field).toHaveAttribute('type', 'password');
  await expect(dialog.getByLabel('Remember in the OS keychain')).toHaveCount(0);
  await field.fill('not the password');
  await dialog.getByRole('button', { name: 'Log in' }).click();
  await expect(dialog.getByRole('alert')).toContainText('did not accept that password');
  await page.screenshot({ path: test.info().outputPath('password-retry.png') });
  await dialog.getByLabel('Password:').fill(lab.pam.password);
  await dialog.getByRole('button', { name: 'Log in' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('tab', { name: /shell/ })).toBeVisible();
  checkErrors();
});
