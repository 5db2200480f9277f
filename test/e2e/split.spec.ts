import { expect, test, type Locator, type Page } from '@playwright/test';
import { activePanel, connected } from './captureSteps';
import { withLabApp } from './labApp';
import { typeInTerminal, watchForFatalErrors } from './webApp';

// Terminal and parsed view side by side: hiding the terminal is a choice of one tab, and the
// handle between them always moves.

const started = withLabApp();

// Each test opens several tabs on the lab; on two busy cores that takes a while.
test.describe.configure({ timeout: 300_000 });

/** Starts a capture that needs no options; preflight is not what these tests are about. */
async function startCapture(page: Page, recipe: string): Promise<void> {
  await page.getByRole('button', { name: 'New capture…' }).click();
  const dialog = page.getByRole('dialog', { name: 'New capture' });
  await dialog.getByLabel('Capture').selectOption({ label: recipe });
  // The Node side checks the host again on start; under load that check can time out: retry.
  await expect(async () => {
    await dialog.getByRole('button', { name: 'Start capture' }).click({ timeout: 5_000 });
    await expect(dialog).toBeHidden({ timeout: 20_000 });
  }).toPass({ timeout: 90_000 });
}

/** Width in CSS pixels of the visible tab's terminal pane and parsed view. */
async function paneWidths(page: Page): Promise<{ terminal: number; view: number }> {
  const panel = activePanel(page);
  // A pane that is not there is 0 wide (boundingBox would wait for it).
  const width = async (pane: Locator) =>
    (await pane.count()) === 0 ? 0 : ((await pane.boundingBox())?.width ?? 0);
  return {
    terminal: await width(panel.locator('.split-terminal')),
    view: await width(panel.locator('.split-view')),
  };
}

/** Drags the visible tab's split handle `dx` pixels, as a mouse would, in small steps. */
async function dragHandle(page: Page, dx: number): Promise<void> {
  const handle = activePanel(page).locator('.split-handle');
  const box = await handle.boundingBox();
  if (!box) throw new Error('no split handle on screen');
  const x = box.x + box.width / 2;
  const y = box.y + box.height / 2;
  await page.mouse.move(x, y);
  await page.mouse.down();
  await page.mouse.move(x + dx, y, { steps: 10 });
  await page.mouse.up();
}

function tab(page: Page, name: RegExp): Locator {
  return page.getByRole('tab', { name });
}

test('hiding the terminal is per tab: other tabs and new ones keep theirs', async ({ page }) => {
  const checkErrors = watchForFatalErrors(page);
  await connected(page, started.app, started.lab);
  await startCapture(page, 'Host overview (top)');
  await startCapture(page, 'Processes (ps)');
  const terminal = () => activePanel(page).locator('.split-terminal .xterm');

  // Tab A (top): hide its terminal with the keyboard.
  await tab(page, /top/).click();
  await expect(terminal()).toBeVisible();
  await page.keyboard.press('Control+Shift+E');
  await expect(activePanel(page).getByRole('button', { name: 'Show terminal' })).toBeVisible();
  await expect.poll(async () => (await paneWidths(page)).terminal).toBeLessThan(1);

  // Tab B (ps) still shows its terminal, beside its view.
  await tab(page, /ps/).click();
  await expect(activePanel(page).getByRole('button', { name: 'Hide terminal' })).toBeVisible();
  await expect(terminal()).toBeVisible();
  expect((await paneWidths(page)).terminal).toBeGreaterThan(250);

  // A tab opened now shows its terminal too.
  await startCapture(page, 'Sockets (ss)');
  await expect(activePanel(page).getByRole('button', { name: 'Hide terminal' })).toBeVisible();
  await expect(terminal()).toBeVisible();
  expect((await paneWidths(page)).terminal).toBeGreaterThan(250);
  await page.screenshot({ path: test.info().outputPath('new-tab-after-hide.png') });

  // Tab A kept its choice; showing it again gives back a usable terminal.
  await tab(page, /top/).click();
  await expect(activePanel(page).getByRole('button', { name: 'Show terminal' })).toBeVisible();
  expect((await paneWidths(page)).terminal).toBeLessThan(1);
  await activePanel(page).getByRole('button', { name: 'Show terminal' }).click();
  await expect.poll(async () => (await paneWidths(page)).terminal).toBeGreaterThan(250);
  checkErrors();
});

test('after hiding and showing the terminal twice, the handle still resizes both panes', async ({
  page,
}) => {
  const checkErrors = watchForFatalErrors(page);
  await connected(page, started.app, started.lab);
  // Two capture tabs: the second one's handle once moved the first (hidden) one's panes.
  await startCapture(page, 'Host overview (top)');
  await startCapture(page, 'Processes (ps)');
  await expect(activePanel(page).locator('.split-handle')).toBeVisible();
  for (let i = 0; i < 2; i++) {
    await page.keyboard.press('Control+Shift+E');
    await expect(activePanel(page).getByRole('button', { name: 'Show terminal' })).toBeVisible();
    await page.keyboard.press('Control+Shift+E');
    await expect(activePanel(page).getByRole('button', { name: 'Hide terminal' })).toBeVisible();
  }
  await expect.poll(async () => (await paneWidths(page)).terminal).toBeGreaterThan(250);
  const before = await paneWidths(page);
  await dragHandle(page, -150);
  await expect
    .poll(async () => (await paneWidths(page)).terminal)
    .toBeLessThan(before.terminal - 100);
  const after = await paneWidths(page);
  expect(after.view).toBeGreaterThan(before.view + 100);
  await page.screenshot({ path: test.info().outputPath('split-after-toggles.png') });

  // The other way too, and the keyboard on the focused handle.
  await dragHandle(page, 200);
  await expect
    .poll(async () => (await paneWidths(page)).terminal)
    .toBeGreaterThan(after.terminal + 150);
  checkErrors();
});

test('in a second shell tab, a recognised tool opens its view at a usable width and its handle moves', async ({
  page,
}) => {
  const checkErrors = watchForFatalErrors(page);
  await connected(page, started.app, started.lab);
  // What the user had done before: hide and show a capture's terminal, then go back to a shell.
  await startCapture(page, 'Host overview (top)');
  await page.keyboard.press('Control+Shift+E');
  await page.keyboard.press('Control+Shift+E');
  await expect(activePanel(page).getByRole('button', { name: 'Hide terminal' })).toBeVisible();
  await tab(page, /shell/).click();
  const bar = activePanel(page).getByRole('status').filter({ hasText: 'Recognised' });
  await typeInTerminal(page, 'ps -eo pid,comm\n');
  await expect(bar).toBeVisible();

  await page.keyboard.press('Control+Shift+T');
  await expect(tab(page, /shell/)).toHaveCount(2);
  await typeInTerminal(page, 'ps -eo pid,comm\n');
  await expect(bar).toBeVisible();
  await expect.poll(async () => (await paneWidths(page)).view).toBeGreaterThanOrEqual(420);
  const before = await paneWidths(page);
  expect(before.terminal).toBeGreaterThan(250);
  await page.screenshot({ path: test.info().outputPath('shell-recognised.png') });

  await dragHandle(page, -150);
  await expect.poll(async () => (await paneWidths(page)).view).toBeGreaterThan(before.view + 100);

  // The view can be hidden here too, and dismissing the tool brings the terminal back.
  await bar.getByRole('button', { name: 'Hide terminal' }).click();
  await expect.poll(async () => (await paneWidths(page)).terminal).toBeLessThan(1);
  await bar.getByRole('button', { name: 'Stop parsing' }).click();
  await expect(bar).toBeHidden();
  await expect.poll(async () => (await paneWidths(page)).terminal).toBeGreaterThan(1000);
  checkErrors();
});
