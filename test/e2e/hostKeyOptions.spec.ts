// The add-host form's agent, IdentitiesOnly, extra key files and keepalive fields: filled,
// saved, edited, and still there after a reload.
import { expect, test } from '@playwright/test';
import { WebApp, watchForFatalErrors } from './webApp';

let app: WebApp;
test.beforeAll(async () => {
  app = await WebApp.start();
});
test.afterAll(async () => {
  await app?.stop();
});

test('agent, IdentitiesOnly, extra key files in order and keepalive are saved and edited', async ({
  page,
}) => {
  const checkErrors = watchForFatalErrors(page);
  await page.goto(app.server.url);
  await page.getByRole('button', { name: '+ Add host' }).click();
  const form = page.getByRole('form', { name: 'Add host' });
  await form.getByLabel('Address').fill('10.40.0.7');
  await form.getByLabel('User').fill('ops');
  await form.getByLabel('Private key file').fill('~/.ssh/id_main');
  await form.getByLabel(/^Label/).fill('keys');
  await form.getByLabel('Use the ssh-agent').selectOption({ label: 'no' });
  await form.getByLabel(/^IdentitiesOnly/).check();
  for (const path of ['~/.ssh/id_second', '~/.ssh/id_third', '~/.ssh/id_fourth']) {
    await form.getByRole('button', { name: /^\+ Key file/ }).click();
    await form
      .getByLabel(/^Extra key file \d$/)
      .last()
      .fill(path);
  }
  await form.getByLabel('Keepalive every (s)').fill('20');
  await form.getByLabel('Unanswered probes').fill('6');
  await form.screenshot({ path: test.info().outputPath('key-options.png') });
  await form.getByRole('button', { name: 'Save host' }).click();
  await expect(page.getByRole('listitem', { name: 'Host keys' })).toBeVisible();

  // Edit: every field is shown as saved; drop the middle key and change the keepalive.
  await page.getByRole('button', { name: 'Edit keys' }).click();
  const edit = page.getByRole('form', { name: 'Edit keys' });
  await expect(edit.getByLabel('Use the ssh-agent')).toHaveValue('no');
  await expect(edit.getByLabel(/^IdentitiesOnly/)).toBeChecked();
  await expect(edit.getByLabel('Extra key file 1', { exact: true })).toHaveValue(
    '~/.ssh/id_second',
  );
  await expect(edit.getByLabel('Extra key file 2', { exact: true })).toHaveValue('~/.ssh/id_third');
  await expect(edit.getByLabel('Extra key file 3', { exact: true })).toHaveValue(
    '~/.ssh/id_fourth',
  );
  await expect(edit.getByLabel('Keepalive every (s)')).toHaveValue('20');
  await expect(edit.getByLabel('Unanswered probes')).toHaveValue('6');
  await edit.getByRole('button', { name: 'Remove extra key file 2' }).click();
  await edit.getByLabel('Keepalive every (s)').fill('45');
  await edit.getByLabel('Use the ssh-agent').selectOption({ label: 'yes (must be there)' });
  await edit.getByRole('button', { name: 'Save host' }).click();

  // Saved in the settings: a reload shows the edit, one host, the order kept.
  await page.reload();
  await expect(page.getByRole('listitem', { name: /^Host / })).toHaveCount(1);
  await page.getByRole('button', { name: 'Edit keys' }).click();
  const again = page.getByRole('form', { name: 'Edit keys' });
  await expect(again.getByLabel('Use the ssh-agent')).toHaveValue('yes');
  await expect(again.getByLabel(/^IdentitiesOnly/)).toBeChecked();
  await expect(again.getByLabel(/^Extra key file \d$/)).toHaveCount(2);
  await expect(again.getByLabel('Extra key file 1', { exact: true })).toHaveValue(
    '~/.ssh/id_second',
  );
  await expect(again.getByLabel('Extra key file 2', { exact: true })).toHaveValue(
    '~/.ssh/id_fourth',
  );
  await expect(again.getByLabel('Keepalive every (s)')).toHaveValue('45');
  await expect(again.getByLabel('Unanswered probes')).toHaveValue('6');
  await expect(again.getByLabel('Private key file')).toHaveValue('~/.ssh/id_main');

  // Cleared fields are cleared, not brought back from the old profile.
  await again.getByLabel(/^IdentitiesOnly/).uncheck();
  await again.getByLabel('Use the ssh-agent').selectOption({ label: 'when SSH_AUTH_SOCK is set' });
  await again.getByLabel('Keepalive every (s)').fill('');
  await again.getByRole('button', { name: 'Save host' }).click();
  await page.reload();
  await page.getByRole('button', { name: 'Edit keys' }).click();
  const cleared = page.getByRole('form', { name: 'Edit keys' });
  await expect(cleared.getByLabel(/^IdentitiesOnly/)).not.toBeChecked();
  await expect(cleared.getByLabel('Use the ssh-agent')).toHaveValue('auto');
  await expect(cleared.getByLabel('Keepalive every (s)')).toHaveValue('');
  checkErrors();
});
