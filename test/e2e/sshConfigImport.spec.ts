// "Import from ~/.ssh/config" in the hosts list: hosts resolved by ssh -G, the jump chain shown,
// and a config with Match exec imported only after the user agrees.
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { addHost, WebApp, watchForFatalErrors } from './webApp';

let app: WebApp;
// Made in beforeAll: Playwright also loads this file in its runner process, which runs no hooks.
let dir = '';
let marker = '';

test.beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'wb-e2e-sshcfg-'));
  marker = join(dir, 'match-exec-ran');
  const config = join(dir, 'ssh_config');
  writeFileSync(
    config,
    [
      'Host bastion',
      '  HostName 10.20.0.1',
      '  User ops',
      'Host db1',
      '  HostName 10.20.1.5',
      '  Port 2222',
      '  User deploy',
      '  ProxyJump bastion',
      'Host *.internal',
      '  User nobody',
      `Match exec "touch ${marker}"`,
      '  ServerAliveInterval 5',
      '',
    ].join('\n'),
  );
  app = await WebApp.start(undefined, config);
});
// Terminals outlive their page: the next test's page must not take this one's over.
test.afterEach(async () => {
  await app?.closeTerminals();
});
test.afterAll(async () => {
  await app?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('imports the named hosts of an ssh config after consent to Match exec, with the jump chain shown', async ({
  page,
}) => {
  const checkErrors = watchForFatalErrors(page);
  await page.goto(app.server.url);
  await page.getByRole('button', { name: 'Import from ~/.ssh/config' }).click();
  const problems = page.getByRole('alert', { name: 'Import problems' });
  await expect(problems).toContainText('has "Match exec"');
  await expect(page.getByRole('listitem', { name: /^Host / })).toHaveCount(0);
  expect(existsSync(marker)).toBe(false);

  await problems
    .getByRole('button', { name: 'Let ssh run the Match exec commands and import' })
    .click();
  const db1 = page.getByRole('listitem', { name: 'Host db1' });
  await expect(db1).toContainText('deploy@10.20.1.5:2222');
  await expect(db1.getByLabel('Jump hosts')).toHaveText('via ops@10.20.0.1:22');
  await expect(db1).toContainText('~/.ssh/config: db1 (ssh -G)');
  await expect(page.getByRole('status', { name: 'Resolved by' })).toContainText(
    "resolved by OpenSSH's ssh -G",
  );
  await expect(page.getByRole('listitem', { name: 'Host bastion' })).toBeVisible();
  await expect(page.getByRole('listitem', { name: /^Host / })).toHaveCount(2);
  expect(existsSync(marker)).toBe(true);
  checkErrors();
});

test('a host added by hand can jump through saved hosts, shown in order on the host', async ({
  page,
}) => {
  const checkErrors = watchForFatalErrors(page);
  await page.goto(app.server.url);
  await addHost(page, {
    port: 22,
    user: 'ops',
    keyPath: '~/.ssh/id_a',
    label: 'edge',
    address: '10.30.0.1',
  });
  await addHost(page, {
    port: 22,
    user: 'ops',
    keyPath: '~/.ssh/id_b',
    label: 'core',
    address: '10.30.1.1',
  });

  await page.getByRole('button', { name: '+ Add host' }).click();
  const form = page.getByRole('form', { name: 'Add host' });
  await form.getByLabel('Address').fill('10.30.2.9');
  await form.getByLabel('User').fill('deploy');
  await form.getByLabel('Private key file').fill('');
  await form.getByLabel(/^Label/).fill('app');
  await form.getByRole('button', { name: '+ Jump host' }).click();
  await form.getByRole('button', { name: '+ Jump host' }).click();
  await form.getByRole('combobox', { name: 'Jump host 1' }).selectOption({ label: 'edge' });
  await form.getByRole('combobox', { name: 'Jump host 2' }).selectOption({ label: 'core' });
  await form.getByRole('button', { name: 'Save host' }).click();

  const row = page.getByRole('listitem', { name: 'Host app' });
  await expect(row.getByLabel('Jump hosts')).toHaveText('via edge → core');
  checkErrors();
});

test('without an OpenSSH client the workbench parser imports, never runs Match exec, and says so', async ({
  page,
}) => {
  const checkErrors = watchForFatalErrors(page);
  const noSsh = mkdtempSync(join(tmpdir(), 'wb-e2e-nossh-'));
  // The first test let ssh run the command; this one must not run it again.
  rmSync(marker, { force: true });
  const parserApp = await WebApp.start(undefined, join(dir, 'ssh_config'), noSsh);
  try {
    await page.goto(parserApp.server.url);
    await page.getByRole('button', { name: 'Import from ~/.ssh/config' }).click();
    await expect(page.getByRole('status', { name: 'Resolved by' })).toContainText(
      "resolved by the workbench's parser: ssh not found",
    );
    await expect(page.getByRole('note', { name: 'May differ from ssh' })).toContainText(
      'line 11: Match exec',
    );
    const db1 = page.getByRole('listitem', { name: 'Host db1' });
    await expect(db1).toContainText('deploy@10.20.1.5:2222');
    await expect(db1.getByLabel('Jump hosts')).toHaveText('via ops@10.20.0.1:22');
    await expect(db1).toContainText('~/.ssh/config: db1 (workbench parser)');
    await page
      .getByRole('complementary', { name: 'Hosts' })
      .screenshot({ path: test.info().outputPath('import-by-parser.png') });
    expect(existsSync(marker)).toBe(false);
  } finally {
    await parserApp.stop();
    rmSync(noSsh, { recursive: true, force: true });
  }
  checkErrors();
});
