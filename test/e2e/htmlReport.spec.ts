/**
 * The exported HTML report read the way a colleague opens it: JavaScript off, no network. The
 * views must be there as plain HTML/SVG: a thread table row, a stack group, a flame graph frame
 * with its tooltip.
 */
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import type { NotebookItem } from '../../shared/contract/notebook';
import type { ParserKind } from '../../shared/captures/captureKinds';
import { htmlReport } from '../../shared/notebook/htmlReport';
import { localFixture, sharedFixture } from '../unit/fixturePath';

const ref = (c: string): string => `sha256-${c.repeat(64)}`;

function snapshot(
  id: string,
  kind: ParserKind,
  evidence: string,
  pid: number | null,
  view: Record<string, boolean | Record<string, boolean>> = {},
): NotebookItem {
  return {
    type: 'snapshot',
    id,
    title: `${kind} <script>alert(1)</script>`,
    eventAt: '2026-12-06T10:10:36.000Z',
    pinnedAt: '2026-12-06T10:10:40.000Z',
    hostTime: null,
    source: { host: 'lab', pid, command: null, log: null },
    capture: { kind, unparsedLines: 0, data: {} },
    view,
    raw: { ref: evidence, bytes: 1 },
  };
}

test('the HTML report shows its views with JavaScript off', async ({ browser }) => {
  const html = htmlReport({
    summary: {
      id: 'i_abcdefgh1',
      title: 'Seed 000 <img src=x onerror=alert(1)>',
      createdAt: '2026-12-06T10:00:00.000Z',
      updatedAt: '2026-12-06T10:20:00.000Z',
      items: 3,
      problem: null,
    },
    notes: '# Notes\n<script>document.title = "ran"</script>',
    items: [
      snapshot('s_abcdefgh1', 'top', ref('a'), 11747),
      snapshot('s_abcdefgh2', 'pyspy-dump', ref('b'), null),
      snapshot('s_abcdefgh3', 'collapsed', ref('c'), null, { parserOptions: { ungated: true } }),
    ],
    evidence: new Map([
      [ref('a'), readFileSync(sharedFixture('top-b-H-p-gil-threads.txt'), 'utf8')],
      [ref('b'), readFileSync(sharedFixture('pyspy-dump-uvicorn-to-thread.txt'), 'utf8')],
      [ref('c'), readFileSync(localFixture('collapsed', 'raw-seed000.txt'), 'utf8')],
    ]),
    timeZone: 'UTC',
  });
  const context = await browser.newContext({ javaScriptEnabled: false, offline: true });
  try {
    const page = await context.newPage();
    const requests: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    await page.setContent(html);
    await expect(page).toHaveTitle('Seed 000 <img src=x onerror=alert(1)>');
    await expect(page.getByRole('heading', { name: 'Snapshots' })).toBeVisible();
    await expect(page.locator('tr.total').first()).toContainText('Σ 11747');
    await expect(page.getByRole('row', { name: /11752 27\.0 S 0:01\.07/ })).toBeVisible();
    await expect(page.locator('.stack-group').first()).toBeVisible();
    await expect(page.locator('.stack-group h5').first()).toContainText('threads');
    const frame = page.locator('svg.icicle rect').first();
    await expect(frame).toBeVisible();
    expect(await page.locator('svg.icicle g title').first().textContent()).toMatch(
      /^_bootstrap \(threading\.py:995\) — \d+ samples, [\d.]+%$/,
    );
    // The hostile title and notes are shown as text, nothing was fetched.
    await expect(page.getByText('<script>document.title = "ran"</script>')).toBeVisible();
    expect(await page.locator('script, img').count()).toBe(0);
    expect(requests.filter((u) => !u.startsWith('about:') && !u.startsWith('data:'))).toEqual([]);
    await page.screenshot({ path: test.info().outputPath('report.png'), fullPage: true });
  } finally {
    await context.close();
  }
});
