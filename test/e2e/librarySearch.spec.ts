// Library search in browser mode: investigations saved beforehand by the real NotebookStore (no
// lab needed), searched from the box at the top of the investigation list, a result opened.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { NotebookStore } from '../../electron/node/notebook/notebookStore';
import { WebApp, watchForFatalErrors } from './webApp';

let app: WebApp;
const OWNER = 'seed';

async function seedDataDir(): Promise<string> {
  const dataDir = mkdtempSync(join(tmpdir(), 'wb-e2e-lib-'));
  const store = new NotebookStore(dataDir);
  const checkout = (await store.create('Checkout latency', OWNER)).summary.id;
  const output =
    '[pid 10908] 08:23:58.186091 futex(0x28598500, FUTEX_WAKE_PRIVATE, 1) = 1 <0.000011>\n' +
    '[pid 10909] 08:23:58.229552 connect(4, {sa_family=AF_INET, sin_port=htons(5432)}, 16) = -1 ECONNREFUSED (zanzibar_replica <b>down</b>) <0.000073>\n';
  const { ref, bytes } = await store.uploadEvidence(
    checkout,
    { uploadId: 'u_e2esearch1', piece: output, done: true },
    OWNER,
  );
  if (!ref) throw new Error('no evidence ref');
  const now = new Date().toISOString();
  await store.addItem(
    checkout,
    {
      type: 'snapshot',
      title: 'strace -f checkout',
      eventAt: now,
      pinnedAt: now,
      hostTime: null,
      source: { host: 'api-1', pid: 10908, command: 'strace -f -tt -T -p 10908', log: null },
      capture: { kind: 'strace', unparsedLines: 0, data: {} },
      view: {},
      raw: { ref, bytes },
    },
    OWNER,
  );
  await store.close(checkout, OWNER);
  const pool = (await store.create('Database pool', OWNER)).summary.id;
  await store.saveNotes(pool, '# 10:41\n\nThe pgbouncer pool was exhausted.\n', OWNER);
  await store.close(pool, OWNER);
  return dataDir;
}

test.beforeAll(async () => {
  app = await WebApp.start(await seedDataDir());
});
test.afterAll(async () => {
  await app?.stop();
});

const notebook = (page: Page) => page.getByRole('complementary', { name: 'Notebook' });

test('searches captured text and notes of every investigation, and opens a result', async ({
  page,
}) => {
  const checkErrors = watchForFatalErrors(page);
  await page.goto(app.server.url);
  await page.keyboard.press('Control+Shift+J');
  const box = notebook(page).getByRole('searchbox', { name: 'Search investigations' });
  await expect(notebook(page).getByRole('list', { name: 'Investigations' })).toBeVisible();

  // "/" puts the cursor in the box; a word typed halfway finds the captured output.
  await page.keyboard.press('/');
  await expect(box).toBeFocused();
  await page.keyboard.type('zanzib');
  const results = notebook(page).getByRole('list', { name: 'Search results' });
  const hit = results.getByRole('button', { name: /^Open Checkout latency: captured output:/ });
  await expect(hit).toBeVisible();
  await expect(hit.locator('mark')).toHaveText('zanzibar_replica');
  // What a host printed stays text.
  await expect(hit).toContainText('ECONNREFUSED (zanzibar_replica <b>down</b>)');
  await expect(results.getByRole('button', { name: 'Database pool' })).toHaveCount(0);

  // Esc clears the search: the whole list is back.
  await page.keyboard.press('Escape');
  await expect(box).toHaveValue('');
  await expect(notebook(page).getByRole('list', { name: 'Investigations' })).toContainText(
    'Database pool',
  );

  await box.fill('pgbouncer exhausted');
  const notes = results.getByRole('button', { name: /^Open Database pool: notes:/ });
  await expect(notes.locator('mark')).toHaveText(['pgbouncer', 'exhausted']);
  await page.keyboard.press('Enter');
  await expect(notebook(page).getByRole('heading', { name: 'Database pool' })).toBeVisible();
  await expect(notebook(page).locator('.cm-content')).toContainText('The pgbouncer pool');

  // Back to the list: Ctrl+F finds, a click on the hit opens that investigation.
  await notebook(page).getByRole('button', { name: 'Investigations…' }).click();
  await notebook(page).getByRole('heading', { name: 'Investigations' }).click();
  await page.keyboard.press('Control+f');
  await expect(box).toBeFocused();
  await page.keyboard.type('ECONNREFUSED');
  await hit.click();
  await expect(notebook(page).getByRole('heading', { name: 'Checkout latency' })).toBeVisible();
  await expect(notebook(page).locator('.timeline-item.snapshot')).toHaveCount(1);
  checkErrors();
});
