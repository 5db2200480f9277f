// Pins from a terminal selection, and the exports of one item (a recording as asciicast, a flame
// graph as collapsed stacks and speedscope), each through the redaction preview.
import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { parseCast } from '../../shared/captureLog/asciicast';
import { parseCollapsed } from '../../shared/parsers/collapsed/collapsedParser';
import { fromSpeedscope } from '../../shared/parsers/collapsed/speedscope';
import { activePanel, connected } from './captureSteps';
import { withLabApp } from './labApp';
import { terminalText, typeInTerminal, watchForFatalErrors } from './webApp';

const running = withLabApp();

const TOKEN = 'ghp_16C7e42F292c6912E7710c838347Ae178B4a';
const notebook = (page: Page) => page.getByRole('complementary', { name: 'Notebook' });

/** Drags the mouse over the terminal from the start of one rendered row to the end of another. */
async function selectRows(page: Page, first: string, last: string): Promise<void> {
  const rows = terminalText(page).locator(':scope > div');
  const from = await rows.filter({ hasText: first }).last().boundingBox();
  const to = await rows.filter({ hasText: last }).last().boundingBox();
  if (!from || !to) throw new Error('the rows to select are not on screen');
  await page.mouse.move(from.x + 1, from.y + from.height / 2);
  await page.mouse.down();
  await page.mouse.move(to.x + to.width - 2, to.y + to.height / 2, { steps: 5 });
  await page.mouse.up();
}

/** Exports `format` of the item whose option matches `item`; the saved file's text. */
async function exportItem(page: Page, format: string, item: RegExp): Promise<string> {
  await notebook(page).getByLabel('Export').selectOption(format);
  const dialog = page.getByRole('dialog', { name: 'Export the investigation' });
  const picker = dialog.getByLabel('Item to export');
  const value = await picker.locator('option', { hasText: item }).first().getAttribute('value');
  await picker.selectOption(value ?? '');
  await expect(dialog.getByRole('table', { name: 'Replacements' })).toBeVisible({
    timeout: 30_000,
  });
  const download = page.waitForEvent('download');
  await dialog.getByRole('button', { name: 'Export', exact: true }).click();
  const text = readFileSync(await (await download).path(), 'utf8');
  await expect(dialog).toHaveCount(0);
  return text;
}

test('a terminal selection is pinned, and items export redacted to their own formats', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const checkErrors = watchForFatalErrors(page);
  await connected(page, running.app, running.lab);
  await page.keyboard.press('Control+Shift+J');

  // A secret and a home path on the screen, printed by the host.
  await typeInTerminal(
    page,
    `printf 'begin\\nAuthorization: Bearer %s\\nconfig in /home/alice/app.ini\\nend\\n' ${TOKEN}\n`,
  );
  await expect(terminalText(page)).toContainText('config in /home/alice/app.ini');
  await selectRows(page, `Bearer ${TOKEN}`, 'config in /home/alice');
  const pinSelection = activePanel(page).getByRole('button', { name: /Pin selection/ });
  await expect(pinSelection).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('selection.png') });
  // The shortcut works with the focus in the terminal, where P is only a letter typed.
  await page.keyboard.press('Control+Shift+P');
  const snapshot = notebook(page).locator('.timeline-item.snapshot .title', {
    hasText: /^selection · /,
  });
  await expect(snapshot).toBeVisible();
  await expect(notebook(page).locator('.timeline-item.recording')).toHaveCount(1);

  // Opened again, the selection is its own view: the lines selected, nothing else.
  await snapshot.click();
  const view = activePanel(page).getByRole('region', { name: 'Terminal text' });
  await expect(view).toContainText(`Authorization: Bearer ${TOKEN}`);
  await expect(view).toContainText('config in /home/alice/app.ini');
  await expect(view).not.toContainText('begin');
  await expect(view).toContainText('2 lines selected');
  await page.screenshot({ path: test.info().outputPath('selection-snapshot.png') });

  // The recording as asciicast: a player's file, the secret and the home path gone.
  const cast = await exportItem(page, 'asciicast', /^recording: /);
  const parsed = parseCast(cast);
  expect(parsed.header?.version).toBe(2);
  expect(parsed.badLines).toBe(0);
  const output = parsed.events.map(([, , data]) => data).join('');
  expect(output).toContain('config in <home-');
  expect(output).toMatch(/Bearer <secret-\d+>/);
  expect(cast).not.toContain(TOKEN);
  expect(cast).not.toContain('/home/alice');
  expect(cast).not.toContain('127.0.0.1');

  // A flame graph pasted, pinned, exported as collapsed stacks and as speedscope.
  await page.getByRole('button', { name: 'Paste output…' }).click();
  const paste = page.getByRole('dialog', { name: 'Paste output' });
  await paste
    .getByLabel('Pasted output')
    .fill(
      'main (/home/alice/srv/app.py:10);handle (/home/alice/srv/app.py:42) 70\n' +
        'main (/home/alice/srv/app.py:10);idle (threading.py:320) 30\n',
    );
  await expect(paste).toContainText('Looks like collapsed stacks');
  await paste.getByRole('button', { name: 'Analyse' }).click();
  await activePanel(page).getByRole('button', { name: 'Pin (P)' }).click();
  await expect(notebook(page).locator('.timeline-item.snapshot')).toHaveCount(2);

  const collapsed = await exportItem(page, 'collapsed', /collapsed/);
  expect(collapsed).not.toContain('/home/alice');
  expect(collapsed).toContain('<home-');
  const stacks = parseCollapsed(collapsed);
  expect(stacks.unparsedLines).toBe(0);
  expect(stacks.samples.totalWeight).toBe(100);

  const speedscope = await exportItem(page, 'speedscope', /collapsed/);
  expect(speedscope).not.toContain('/home/alice');
  const file = fromSpeedscope(JSON.parse(speedscope));
  expect(file.ok && file.value.profiles[0]?.samples.totalWeight).toBe(100);

  // Reopened from the notebook, the flame graph's own exports go through the preview too.
  await notebook(page)
    .locator('.timeline-item.snapshot .title', { hasText: /collapsed/ })
    .click();
  await activePanel(page).getByRole('button', { name: 'Export .txt…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Export the investigation' });
  await expect(dialog.getByLabel('Format')).toHaveValue('collapsed');
  await expect(dialog.getByRole('table', { name: 'Replacements' })).toContainText('/home/alice');
  await page.screenshot({ path: test.info().outputPath('flame-export-preview.png') });
  const download = page.waitForEvent('download');
  await dialog.getByRole('button', { name: 'Export', exact: true }).click();
  expect(readFileSync(await (await download).path(), 'utf8')).not.toContain('/home/alice');
  checkErrors();
});
