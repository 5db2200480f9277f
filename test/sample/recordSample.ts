/**
 * Records the first-run sample with the app itself, on the lab: seed 000 under load, its threads
 * (top -H), its Python stacks (gdb py-bt) and its syscalls (strace) pinned, notes, a finding and
 * action items written as an engineer would, then the investigation exported as an archive to
 * build/sample/. Run by `npm run sample:record` when the sample should be made again.
 */
import { copyFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test, type Page } from '@playwright/test';
import { SAMPLE_ARCHIVE } from '../../electron/node/workbench';
import { activePanel, connected, pickSeed, startCapture } from '../e2e/captureSteps';
import { WebApp } from '../e2e/webApp';
import { startSeed000 } from '../lab/seed000';
import { startLabSshd } from '../lab/sshd';

const target = join(
  resolve(dirname(fileURLToPath(import.meta.url)), '..', '..'),
  'build',
  SAMPLE_ARCHIVE,
);

const NOTES = `# Seed 000: p99 of /api/user_state from 80 ms to 2.4 s, CPU "only 50 %"

Paged at peak. The dashboard says the host is at 50 % CPU, so "not CPU". Load average says 1.8
on 2 cores. Attached the workbench to the uvicorn process.

- **top -H**: the process sits at ~100 % of *one core* (Σ row); no single thread above 20 %: many
  threads share one core. 50 % of a 2-core host is one core saturated.
- **gdb py-bt**: the to_thread pool's threads are all in \`summarize\` (app.py), most of them
  *waiting for the GIL*: the pool runs Python code one thread at a time.
- **strace**: almost only \`futex\` (GIL hand-offs), timed-out waits are the GIL's own interval, not
  errors.

Root cause: CPU-bound hashing in \`summarize\` moved into \`asyncio.to_thread\`, so 20 threads take
turns on the GIL; more threads made it worse. Trigger: the client count went over the pool size.

Fix: move \`summarize\` to a process pool (or cache it); alert on per-core saturation, not host CPU.
`;

const notebook = (page: Page) => page.getByRole('complementary', { name: 'Notebook' });

async function pin(page: Page, count: number): Promise<void> {
  await activePanel(page).getByRole('button', { name: 'Pin (P)' }).click();
  await expect(notebook(page).locator('.timeline-item.snapshot')).toHaveCount(count);
}

test('record the seed-000 sample investigation', async ({ page }) => {
  const [lab, seed] = await Promise.all([startLabSshd(), startSeed000()]);
  const app = await WebApp.start();
  try {
    await connected(page, app, lab);
    await startCapture(page, 'Threads of a process (top -H)', pickSeed(seed));
    const table = activePanel(page).getByRole('table', { name: 'Thread table' });
    await expect(table.locator('tbody tr[data-tid]').nth(5)).toBeVisible({ timeout: 30_000 });
    await page.waitForTimeout(4000);
    await pin(page, 1);
    await page.keyboard.press('Control+Shift+W');

    await startCapture(page, 'Python stacks via gdb (py-bt)', pickSeed(seed));
    await expect(activePanel(page).getByRole('region', { name: 'Python stacks' })).toContainText(
      'summarize',
      { timeout: 60_000 },
    );
    await pin(page, 2);

    await startCapture(page, 'Syscalls live (strace)', pickSeed(seed));
    const calls = activePanel(page).getByRole('table', { name: 'Calls per syscall' });
    await expect(calls.locator('tbody tr').first()).toBeVisible({ timeout: 30_000 });
    await page.waitForTimeout(1500);
    await pin(page, 3);
    await page.keyboard.press('Control+Shift+W');

    await notebook(page).locator('.cm-content').click();
    await page.keyboard.insertText(NOTES);
    const quickAdd = notebook(page).getByLabel(/Add an action item/);
    for (const line of [
      '! One core saturated: the to_thread pool takes turns on the GIL in summarize()',
      'Move summarize() to a ProcessPoolExecutor, or cache its result per user',
      'Alert on per-core saturation (process CPU ≥ 90 % of one core), not on host CPU',
    ]) {
      await quickAdd.fill(line);
      await page.keyboard.press('Enter');
    }
    await notebook(page).locator('h2.notebook-title').dblclick();
    await notebook(page)
      .getByLabel('Investigation title')
      .fill('Sample: seed 000, one core saturated by GIL contention');
    await page.keyboard.press('Enter');
    await expect(notebook(page).locator('.save-state')).toHaveText(/^Saved/, { timeout: 5_000 });

    await notebook(page).getByLabel('Export').selectOption('archive');
    const download = page.waitForEvent('download');
    await page
      .getByRole('dialog', { name: 'Export the investigation' })
      .getByRole('button', { name: 'Export', exact: true })
      .click();
    copyFileSync(await (await download).path(), target);
    process.stdout.write(`sample written to ${target}\n`);
  } finally {
    await app.stop();
    await seed.stop();
    await lab.stop();
  }
});
