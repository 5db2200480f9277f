// A connection that drops under a running capture, seen in the browser: the host shows that it
// is reconnecting and which attempt; the tabs name their host and say they lost the link; once
// the connection is back, the shell goes on and the capture is interrupted, its parsed view kept,
// until Ctrl+Shift+K runs it again in the same tab.

import { expect, test } from '@playwright/test';
import { killLabSessionSshd, labSessionPrograms, labSshdPid } from '../lab/sessions';
import { activePanel, connected, startCapture } from './captureSteps';
import { withLabApp } from './labApp';
import { watchForFatalErrors } from './webApp';

const env = withLabApp();
test.setTimeout(240_000);

const topRunning = () => labSessionPrograms(env.lab).some((line) => line.startsWith('top -b '));

test('a dropped connection: host state, the gap marked, the capture interrupted and restarted', async ({
  page,
}) => {
  const checkErrors = watchForFatalErrors(page);
  await connected(page, env.app, env.lab);
  await startCapture(page, 'Host overview (top)', async () => undefined, 60_000);
  const rows = page.getByRole('table', { name: 'Thread table' }).locator('tbody tr');
  await expect(rows.first()).toBeVisible({ timeout: 60_000 });
  const topTab = page.getByRole('tab', { name: /top/ });
  const shellTab = page.getByRole('tab', { name: /shell/ });
  // Each tab names its host.
  await expect(topTab).toContainText('lab');
  await expect(shellTab).toContainText('lab');

  const host = page.getByRole('listitem', { name: 'Host lab' });
  const state = host.getByRole('status', { name: 'Connection state' });
  await expect(state).toHaveText('connected');

  // The listener is frozen, so the reconnect attempt waits; the session's sshd dies.
  const listener = labSshdPid(env.lab);
  process.kill(listener, 'SIGSTOP');
  try {
    expect(killLabSessionSshd(env.lab)).toBeGreaterThan(0);
    await expect(state).toHaveText(/^reconnecting \(attempt 1, (next try in \d+ s|trying now…)\)$/);
    await expect(host).toContainText(/lost at \d\d:\d\d:\d\d/);
    await expect(host.getByRole('button', { name: 'Stop reconnecting' })).toBeVisible();
    await expect(topTab.getByLabel('connection lost')).toBeVisible();
    await page.screenshot({ path: test.info().outputPath('reconnecting.png') });
  } finally {
    process.kill(listener, 'SIGCONT');
  }
  await expect(state).toHaveText('connected', { timeout: 60_000 });

  // The capture: interrupted, its table still there, until it is restarted with one key.
  await topTab.click();
  const banner = activePanel(page).getByRole('status', { name: 'Connection of this tab' });
  await expect(banner).toContainText(/Interrupted\. connection lost at .* reconnected at/);
  await expect(rows.first()).toBeVisible();
  await expect(activePanel(page).locator('.xterm-rows')).toContainText(
    'the capture was interrupted',
  );
  await page.screenshot({ path: test.info().outputPath('interrupted.png') });
  expect(topRunning()).toBe(false);
  await page.keyboard.press('Control+Shift+K');
  await expect(banner).toBeHidden();
  await expect.poll(topRunning, { timeout: 30_000 }).toBe(true);
  // (The restart's marker line scrolls out of view under top's first frame; the integration
  // test reads it from the terminal's bytes and the capture log.)
  await expect(rows.first()).toBeVisible();

  // The shell went on in a new shell, its gap marked.
  await shellTab.click();
  await expect(activePanel(page).locator('.xterm-rows')).toContainText(/a new shell/);

  // A reload redraws the shell from the kept output with the gap's lines where they were.
  await page.reload();
  await shellTab.click();
  const screen = activePanel(page).locator('.xterm-rows');
  await expect(screen).toContainText(/connection lost at \d\d:\d\d:\d\d/, { timeout: 15_000 });
  await expect(screen).toContainText(/reconnected at \d\d:\d\d:\d\d \(gap \d+ s\); a new shell/);
  checkErrors();
});
