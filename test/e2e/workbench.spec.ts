import { expect, test } from '@playwright/test';
import { startSeed000, type Seed000 } from '../lab/seed000';
import { startLabSshd, type LabSshd } from '../lab/sshd';
import {
  addHost,
  openShellOn,
  terminalText,
  typeInTerminal,
  WebApp,
  watchForFatalErrors,
} from './webApp';

let lab: LabSshd;
let seed: Seed000;
let app: WebApp;

test.beforeAll(async () => {
  [lab, seed] = await Promise.all([startLabSshd(), startSeed000()]);
  app = await WebApp.start();
});
// Terminals outlive their page: the next test's page must not take this one's over.
test.afterEach(async () => {
  await app?.closeTerminals();
});
test.afterAll(async () => {
  await app?.stop();
  await seed?.stop();
  await lab?.stop();
});

test('add the lab host, trust its key, run a shell, and watch the threads of the seed-000 service', async ({
  page,
}) => {
  const checkErrors = watchForFatalErrors(page);
  await page.goto(app.server.url);
  await expect(page.getByRole('heading', { name: 'Incident workbench' })).toBeVisible();

  await addHost(page, { port: lab.port, user: lab.user, keyPath: lab.keys.ed25519, label: 'lab' });
  await page.getByRole('button', { name: 'Connect' }).click();

  const hostKey = page.getByRole('dialog', { name: 'Unknown host key' });
  await expect(hostKey.getByLabel('Host key fingerprint')).toHaveText(lab.hostKeyFingerprintSha256);
  await hostKey.getByRole('button', { name: 'Trust and connect' }).click();

  await expect(page.getByRole('tab', { name: /shell/ })).toBeVisible();
  // What was connected to: the key seen, the user, the host's uname and clock.
  const record = page.getByLabel('Connected to');
  await expect(record).toContainText(
    `${lab.hostKeyFingerprintSha256} · user ${lab.user} · uname Linux`,
  );
  // The lab host is this machine: the offset is zero within its uncertainty (which a loaded
  // machine's slow round trip widens; seen at ±1.4 s).
  const clock = /clock ([+-]\d+\.\d+) s ±(\d+\.\d+) s/.exec((await record.textContent()) ?? '');
  expect(clock).not.toBeNull();
  expect(Math.abs(Number(clock?.[1]))).toBeLessThanOrEqual(Number(clock?.[2]) + 0.05);
  await expect(page.locator('[data-renderer]').first()).toHaveAttribute('data-renderer', 'dom');
  await typeInTerminal(page, 'echo "e2e-$((6*7))"\n');
  await expect(terminalText(page)).toContainText('e2e-42');

  // The PID comes from the process picker (a live ps listing, Python first), not typed by hand.
  await page.getByRole('button', { name: 'Threads of a process…' }).click();
  const capture = page.getByRole('dialog', { name: 'New capture' });
  await capture.getByLabel('Filter processes').fill('uvicorn app:app');
  await page.screenshot({ path: test.info().outputPath('capture-dialog.png') });
  await capture.getByRole('option', { name: new RegExp(`^${seed.pid}\\b`) }).click();
  await expect(capture.getByLabel('PID')).toHaveValue(String(seed.pid));
  await expect(capture.getByLabel('Preflight')).toContainText('✓ /usr/bin/top');
  await capture.getByRole('button', { name: 'Start capture' }).click();

  const table = page.getByRole('table', { name: 'Thread table' });
  await expect(table).toBeVisible();
  // procps on Debian 12 prints the process total on the main thread's row: the view pins it as Σ.
  const total = table.locator('tr[data-role="process-total"]');
  await expect(total).toHaveAttribute('data-tid', String(seed.pid));
  await expect
    .poll(async () => Number(await total.locator('td').nth(3).textContent()), { timeout: 20_000 })
    .toBeGreaterThan(30);
  // The busiest real thread is marked, and its id is the one top printed in the pane beside it.
  // Twenty threads share the GIL, so the busiest changes from frame to frame: read the marked row
  // and the sentence from the same model.
  const busiest = table.locator('tr[data-role="busiest"]');
  let busiestTid = 0;
  await expect
    .poll(async () => {
      busiestTid = Number(await busiest.getAttribute('data-tid'));
      const said = (await page.getByText(/Busiest thread/).textContent()) ?? '';
      return said.includes(`Busiest thread ${busiestTid} `);
    })
    .toBe(true);
  expect(busiestTid).toBeGreaterThan(0);
  expect(busiestTid).not.toBe(seed.pid);
  await expect(page.locator('.tab-view:not([hidden]) .xterm-rows')).toContainText(
    String(busiestTid),
  );
  await expect(page.locator('.threads-summary')).toContainText(/Process \d+ uses \d\.\d\d cores/);
  await expect(page.getByText('0 unparsed')).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('threads.png') });
  checkErrors();
});

test('bad input gives a clear message: refused port, missing key, no such PID', async ({
  page,
}) => {
  const checkErrors = watchForFatalErrors(page);
  await page.goto(app.server.url);
  await addHost(page, { port: 1, user: lab.user, keyPath: lab.keys.ed25519, label: 'refused' });
  await page
    .getByRole('listitem', { name: 'Host refused' })
    .getByRole('button', { name: 'Connect' })
    .click();
  await expect(
    page.getByRole('listitem', { name: 'Host refused' }).getByRole('alert'),
  ).toContainText('refused the connection');

  await addHost(page, {
    port: lab.port,
    user: lab.user,
    keyPath: `${lab.dir}/missing-key`,
    label: 'nokey',
  });
  await page
    .getByRole('listitem', { name: 'Host nokey' })
    .getByRole('button', { name: 'Connect' })
    .click();
  await expect(page.getByRole('listitem', { name: 'Host nokey' }).getByRole('alert')).toContainText(
    'does not exist',
  );

  await openShellOn(page, 'lab');
  await expect(page.getByRole('tab', { name: /shell/ })).toBeVisible();
  await page.getByRole('button', { name: 'Threads of a process…' }).click();
  const dialog = page.getByRole('dialog', { name: 'New capture' });
  await dialog.getByLabel('PID').fill('4000000');
  // Preflight says why before anything runs, and the capture cannot be started.
  await expect(dialog.getByLabel('Preflight')).toContainText(
    'Process 4000000 does not exist on the host',
  );
  await expect(dialog.getByRole('button', { name: 'Start capture' })).toBeDisabled();
  checkErrors();
});

test('a passphrase-protected key asks for its passphrase, and the PTY follows the pane size', async ({
  page,
}) => {
  const checkErrors = watchForFatalErrors(page);
  await page.goto(app.server.url);
  await addHost(page, { port: lab.port, user: lab.user, keyPath: lab.keys.rsa, label: 'rsa' });
  await page
    .getByRole('listitem', { name: 'Host rsa' })
    .getByRole('button', { name: 'Connect' })
    .click();

  const dialog = page.getByRole('dialog', { name: 'Key passphrase' });
  await dialog.getByLabel('Passphrase').fill('not the passphrase');
  await dialog.getByRole('button', { name: 'Unlock' }).click();
  await expect(dialog.getByRole('alert')).toContainText('Wrong passphrase');
  await dialog.getByLabel('Passphrase').fill(lab.keys.rsaPassphrase);
  await dialog.getByRole('button', { name: 'Unlock' }).click();
  await expect(dialog).toBeHidden();

  await expect(page.getByRole('tab', { name: /shell/ }).last()).toBeVisible();
  await typeInTerminal(page, 'echo "size=$(stty size)"\n');
  await expect(terminalText(page)).toContainText(/size=\d+ \d+/);
  const before = /size=(\d+) (\d+)/.exec((await terminalText(page).textContent()) ?? '');
  await page.setViewportSize({ width: 1000, height: 600 });
  // The PTY's resize is sent 50 ms after the pane settles: ask again until the shell sees it.
  let after: RegExpExecArray | null = null;
  await expect
    .poll(async () => {
      await typeInTerminal(page, 'clear; echo "resized=$(stty size)"\n');
      await expect(terminalText(page)).toContainText(/resized=\d+ \d+/);
      after = /resized=(\d+) (\d+)/.exec((await terminalText(page).textContent()) ?? '');
      return Number(after?.[2]) < Number(before?.[2]);
    })
    .toBe(true);
  expect(Number(after?.[2])).toBeLessThan(Number(before?.[2]));
  expect(Number(after?.[1])).toBeLessThan(Number(before?.[1]));
  checkErrors();
});

test('a tool typed by hand in the shell, and output pasted from elsewhere, are recognised and parsed', async ({
  page,
}) => {
  const checkErrors = watchForFatalErrors(page);
  await page.goto(app.server.url);
  await openShellOn(page, 'lab');
  await expect(page.getByRole('tab', { name: /shell/ })).toBeVisible();
  await typeInTerminal(page, 'echo "before=$(stty size)"\n');
  await expect(terminalText(page)).toContainText(/before=\d+ \d+/);
  const fullCols = Number(
    /before=\d+ (\d+)/.exec((await terminalText(page).textContent()) ?? '')?.[1],
  );
  const xtermBefore = await page.locator('.tab-view:not([hidden]) .xterm').elementHandle();
  await typeInTerminal(page, `top -b -H -n 3 -d 1 -p ${seed.pid}\n`);
  await expect(page.getByRole('status').filter({ hasText: 'Recognised' })).toContainText('top -H');
  const table = page.getByRole('table', { name: 'Thread table' });
  await expect(table.locator(`tr[data-tid="${seed.pid}"]`)).toBeVisible({ timeout: 20_000 });
  // The parsed view opened beside the terminal without remounting it: the screen is kept.
  expect(await xtermBefore?.evaluate((element) => element.isConnected)).toBe(true);

  // The handle between them resizes from the keyboard; the PTY follows the terminal's width.
  const handle = page.getByRole('separator', { name: 'Resize terminal and parsed view' });
  const terminalPane = page.locator('.tab-view:not([hidden]) .split-terminal');
  const paneWidth = async () => (await terminalPane.boundingBox())?.width ?? 0;
  const splitWidth = await paneWidth();
  await handle.focus();
  for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowLeft');
  await expect.poll(paneWidth).toBeLessThan(splitWidth - 20);
  const narrowWidth = await paneWidth();
  // Typed while top runs: the shell reads it once top -n 3 has ended.
  await typeInTerminal(page, 'clear; echo "narrow=$(stty size)"\n');
  await expect(terminalText(page)).toContainText(/narrow=\d+ \d+/);
  const narrowCols = Number(
    /narrow=\d+ (\d+)/.exec((await terminalText(page).textContent()) ?? '')?.[1],
  );
  expect(narrowCols).toBeLessThan(fullCols);
  // About 8 px per column at this font size: the PTY is as wide as the pane, not as before.
  expect(narrowCols).toBeLessThanOrEqual(Math.ceil(narrowWidth / 6));
  expect(narrowCols).toBeGreaterThanOrEqual(Math.floor(narrowWidth / 12));

  const { readFileSync } = await import('node:fs');
  const { sharedFixture } = await import('../unit/fixturePath');
  await page.getByRole('button', { name: 'Paste output…' }).click();
  const paste = page.getByRole('dialog', { name: 'Paste output' });
  await paste
    .getByLabel('Pasted output')
    .fill(readFileSync(sharedFixture('pyspy-dump-uvicorn-to-thread.txt'), 'utf8'));
  await expect(paste).toContainText('Looks like py-spy dump');
  await paste.getByRole('button', { name: 'Analyse' }).click();
  const stacks = page.getByRole('region', { name: 'Python stacks' });
  await expect(stacks).toContainText('thread.py');
  await page.screenshot({ path: test.info().outputPath('pasted-stacks.png') });
  checkErrors();
});
