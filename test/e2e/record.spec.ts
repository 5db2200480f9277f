// py-spy record against seed 000, twice, then the two recordings compared before and after.
import { readFileSync } from 'node:fs';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { startSeed000, type Seed000 } from '../lab/seed000';
import { startLabSshd, type LabSshd } from '../lab/sshd';
import { activePanel, connected, pickSeed } from './captureSteps';
import { ensurePySpy } from './pySpySteps';
import { formatCount } from '../../renderer/features/flame/flameCanvas';
import { WebApp, watchForFatalErrors } from './webApp';

let lab: LabSshd;
let seed: Seed000;
let app: WebApp;

test.beforeAll(async () => {
  [lab, seed] = await Promise.all([startLabSshd(), startSeed000()]);
  app = await WebApp.start();
});
test.afterAll(async () => {
  await app?.stop();
  await seed?.stop();
  await lab?.stop();
});

/** Records seed 000 for `seconds`; returns the flame graph region once it is drawn. */
async function record(page: Page, seconds: number, idle: boolean): Promise<Locator> {
  const dialog = await ensurePySpy(page, 'Flame graph (py-spy record)', pickSeed(seed));
  if (!dialog) return page.locator('nothing');
  await dialog.getByLabel('Seconds').fill(String(seconds));
  if (idle) await dialog.getByLabel('Idle too').check();
  await expect(dialog.locator('.command-preview')).toContainText(
    `record --format raw -d ${seconds}`,
  );
  await dialog.getByRole('button', { name: 'Start capture' }).click();
  const panel = activePanel(page);
  await expect(panel.getByRole('progressbar', { name: 'Recording' })).toBeVisible();
  const flame = panel.getByRole('region', { name: /Flame graph: record / });
  await expect(flame).toBeVisible({ timeout: 60_000 + seconds * 1000 });
  // The terminal keeps what py-spy said; the stacks went to the flame graph only.
  const screen = panel.locator('.xterm-rows');
  await expect(screen).toContainText('py-spy>');
  await expect(screen).toContainText('it is not printed here');
  await expect(screen).not.toContainText('threading.py');
  // The recording is over and its last tree is built: the sample count is final.
  await expect(panel.locator('.ended-banner')).toContainText('exited with code 0', {
    timeout: 60_000,
  });
  await expect(panel.getByRole('status', { name: 'Reading stacks' })).toHaveCount(0);
  // py-spy's own count of its samples and errors, as the terminal shows it, is in the view too.
  const said = /Samples: (\d+) Errors: (\d+)/.exec((await screen.textContent()) ?? '');
  expect(said).not.toBeNull();
  const [samples, errors] = [Number(said?.[1]), Number(said?.[2])];
  const counts = panel.locator('.record-counts');
  await expect(counts).toHaveText(
    `py-spy: ${samples.toLocaleString('en-US')} sample${samples === 1 ? '' : 's'} · ` +
      `${errors.toLocaleString('en-US')} error${errors === 1 ? '' : 's'}`,
  );
  await expect(counts).toHaveAttribute('title', /py-spy (read every sample|could not read)/);
  return flame;
}

test('py-spy record: progress, the flame graph of seed 000, then two recordings compared', async ({
  page,
}) => {
  test.setTimeout(360_000);
  const checkErrors = watchForFatalErrors(page);
  await connected(page, app, lab);

  const first = await record(page, 3, false);
  // The pool's threads spend their time in app.py's summarize() (seed 000's CPU-bound work).
  await expect(first.getByRole('table')).toContainText('summarize');
  const firstTotal = Number(
    /([\d,]+) samples/.exec((await first.getAttribute('aria-label')) ?? '')?.[1]?.replace(/,/g, ''),
  );
  expect(firstTotal).toBeGreaterThan(10);
  await page.screenshot({ path: test.info().outputPath('record-flame.png') });

  const second = await record(page, 2, true);
  const secondTotal = Number(
    /([\d,]+) samples/
      .exec((await second.getAttribute('aria-label')) ?? '')?.[1]
      ?.replace(/,/g, ''),
  );
  await second.getByLabel('Compare with').selectOption({ index: 1 });
  const diff = activePanel(page).getByRole('region', { name: 'Flame graph: before-after diff' });
  await expect(diff.locator('.flame-status')).toContainText(
    `before ${formatCount(firstTotal)} · after ${formatCount(secondTotal)} samples`,
  );
  // With --idle the second recording also holds the idle event loop: it shows as grown.
  await expect(diff.getByRole('table').locator('tbody tr').first()).toContainText(/[+−]\d/);
  // The view alone (Ctrl+Shift+E), the terminal still running behind it, then both again.
  const terminal = activePanel(page).locator('.split-terminal');
  const width = async () => (await diff.boundingBox())?.width ?? 0;
  const splitWidth = await width();
  await page.keyboard.press('Control+Shift+E');
  await expect(terminal).toBeHidden();
  expect(await width()).toBeGreaterThan(splitWidth * 1.5);
  await page.screenshot({ path: test.info().outputPath('record-diff.png') });
  await activePanel(page).getByRole('button', { name: 'Show terminal' }).click();
  await expect(terminal).toBeVisible();

  // The live flame graph pinned: it reopens from the notebook as the same graph, rebuilt from
  // the stacks it saved, and exports to collapsed stacks with every sample.
  await page
    .getByRole('tab', { name: /record/ })
    .first()
    .click();
  await activePanel(page).getByRole('button', { name: 'Pin (P)' }).click();
  const notebook = page.getByRole('complementary', { name: 'Notebook' });
  const pinned = notebook.locator('.timeline-item.snapshot .title');
  await expect(pinned).toHaveCount(1);
  await pinned.click();
  const reopened = activePanel(page).getByRole('region', { name: /^Flame graph: / });
  await expect(reopened).toHaveAttribute(
    'aria-label',
    new RegExp(`, ${firstTotal.toLocaleString('en-US')} samples$`),
  );
  await reopened.getByRole('button', { name: 'Export .txt…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Export the investigation' });
  await expect(dialog.getByRole('table', { name: 'Replacements' })).toBeVisible();
  const download = page.waitForEvent('download');
  await dialog.getByRole('button', { name: 'Export', exact: true }).click();
  const collapsed = readFileSync(await (await download).path(), 'utf8');
  const weights = collapsed
    .split('\n')
    .filter(Boolean)
    .map((line) => Number(line.slice(line.lastIndexOf(' ') + 1)));
  expect(weights.reduce((a, b) => a + b, 0)).toBe(firstTotal);
  expect(collapsed).toContain('summarize');
  checkErrors();
});
