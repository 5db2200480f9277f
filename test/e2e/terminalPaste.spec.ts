import { createHash, randomBytes } from 'node:crypto';
import { rmSync, statSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { startLabSshd, type LabSshd } from '../lab/sshd';
import { connected } from './captureSteps';
import { terminalText, typeInTerminal, WebApp, watchForFatalErrors } from './webApp';

let lab: LabSshd;
let app: WebApp;

test.beforeAll(async () => {
  [lab, app] = await Promise.all([startLabSshd(), WebApp.start()]);
});
test.afterAll(async () => {
  await app?.stop();
  await lab?.stop();
});

/** A paste as the browser delivers it: a paste event with the clipboard's text, on xterm.js's textarea. */
async function paste(page: Page, text: string): Promise<void> {
  await page.locator('.tab-view:not([hidden]) .xterm-helper-textarea').evaluate((area, t) => {
    const clipboardData = new DataTransfer();
    clipboardData.setData('text/plain', t);
    area.dispatchEvent(
      new ClipboardEvent('paste', { clipboardData, bubbles: true, cancelable: true }),
    );
  }, text);
}

/** Exactly 10 MiB of 128-byte lines (well under a PTY's 4095-byte line limit), random letters and digits. */
function tenMiBOfLines(): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  const lineCount = (10 * 1024 * 1024) / 128;
  const random = randomBytes(lineCount * 127);
  const lines: string[] = [];
  for (let i = 0; i < lineCount; i++) {
    let line = '';
    for (let j = 0; j < 127; j++) line += alphabet[(random[i * 127 + j] ?? 0) % alphabet.length];
    lines.push(line);
  }
  return `${lines.join('\n')}\n`;
}

test('a small paste goes straight in, bracketed; 10 MiB asks first and arrives whole', async ({
  page,
}) => {
  test.setTimeout(300_000);
  const checkErrors = watchForFatalErrors(page);
  await connected(page, app, lab);
  await typeInTerminal(page, 'echo ready-$((6*7))\n');
  await expect(terminalText(page)).toContainText('ready-42');

  // Two lines: no question. Bash's bracketed-paste mode holds them until Enter (the markers
  // xterm.js adds arrived), then runs both.
  await paste(page, 'echo bp-$((20+1))\necho bq-$((20+2))\n');
  await expect(page.getByRole('alertdialog', { name: 'Confirm paste' })).toHaveCount(0);
  await page.waitForTimeout(1000);
  await expect(terminalText(page)).not.toContainText('bp-21');
  await page.keyboard.press('Enter');
  await expect(terminalText(page)).toContainText('bq-22');

  const file = `/tmp/wb-paste-${randomBytes(6).toString('hex')}.txt`;
  try {
    await typeInTerminal(page, `cat > ${file}; echo cat-done\n`);
    await expect.poll(() => statSync(file, { throwIfNoEntry: false })?.size).toBe(0);
    const text = tenMiBOfLines();
    const expected = createHash('sha256').update(text).digest('hex');

    // Esc cancels: nothing is sent.
    await paste(page, text);
    const confirm = page.getByRole('alertdialog', { name: 'Confirm paste' });
    await expect(confirm).toContainText('81,920 lines (10.0 MiB)');
    await page.screenshot({ path: test.info().outputPath('paste-confirm.png') });
    await page.keyboard.press('Escape');
    await expect(confirm).toHaveCount(0);
    await page.waitForTimeout(1000);
    expect(statSync(file).size).toBe(0);

    // Enter pastes, in pieces, all of it.
    await paste(page, text);
    await expect(confirm).toBeVisible();
    await page.keyboard.press('Enter');
    await expect(confirm).toHaveCount(0);
    await expect
      .poll(() => statSync(file).size, { timeout: 180_000, intervals: [1000] })
      .toBe(text.length);
    await page.keyboard.press('Control+D');
    await expect(terminalText(page)).toContainText('cat-done');
    await typeInTerminal(page, `sha256sum ${file}\n`);
    await expect(terminalText(page)).toContainText(`${expected}  ${file}`);
  } finally {
    rmSync(file, { force: true });
  }
  checkErrors();
});
