// Captures beyond captures.spec.ts, against the real lab: ps, ss, the nginx error log, strace -c,
// py-spy top, and bad input (a process that exits while it is watched, a multi-megabyte line).
// Each test reads what the parsed view shows (rows, counts, words) against the lab's own facts.

import { execFile } from 'node:child_process';
import {
  appendFileSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { startNginxLab, type NginxLab } from '../lab/nginxLab';
import { spawnLab, waitGone } from '../lab/procs';
import { LAB_PYTHON, startSeed000, type Seed000 } from '../lab/seed000';
import { startLabSshd, type LabSshd } from '../lab/sshd';
import { activePanel, connected, pickSeed, startCapture } from './captureSteps';
import { ensurePySpy } from './pySpySteps';
import { terminalText, typeInTerminal, WebApp, watchForFatalErrors } from './webApp';

const run = promisify(execFile);

let lab: LabSshd;
let seed: Seed000;
let nginx: NginxLab;
let app: WebApp;

test.beforeAll(async () => {
  [lab, seed, nginx] = await Promise.all([startLabSshd(), startSeed000(), startNginxLab()]);
  app = await WebApp.start();
});
// Terminals outlive their page: the next test's page must not take this one's over.
test.afterEach(async () => {
  await app?.closeTerminals();
});
test.afterAll(async () => {
  await app?.stop();
  await nginx?.stop();
  await seed?.stop();
  await lab?.stop();
});

const noOptions = async (): Promise<void> => undefined;

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: test.info().outputPath(name) });
}

/** The span of a view's facts line that ends in `word` ("1,234 calls", "0 unparsed"). */
const factSpan = (facts: Locator, word: string): Locator =>
  facts.locator('span').filter({ hasText: new RegExp(`^[\\d,]+ ${word}( \\(.*\\))?$`) });

/** The number of that span. */
async function fact(facts: Locator, word: string): Promise<number> {
  const text = (await factSpan(facts, word).textContent()) ?? '';
  return Number(text.replace(/ .*/, '').replaceAll(',', ''));
}

/** Waits until the facts say exactly `n word` (n as the view prints it, with separators). */
const factIs = (facts: Locator, n: number, word: string, timeout?: number) =>
  expect(factSpan(facts, word)).toHaveText(`${n.toLocaleString('en-US')} ${word}`, {
    ...(timeout ? { timeout } : {}),
  });

/** Text of every cell of one row. */
const rowCells = (row: Locator): Promise<string[]> => row.locator('td').allTextContents();

/** Text of every body cell, row by row (a virtualised table's spacer rows left out). */
async function cells(table: Locator): Promise<string[][]> {
  const rows = await table
    .locator('tbody tr')
    .evaluateAll((trs) =>
      trs.map((r) => Array.from(r.querySelectorAll('td'), (td) => td.textContent ?? '')),
    );
  return rows.filter((r) => r.length > 0);
}

/**
 * Types into a view's filter and waits until every row shown matches it and `whole(rows)` says the
 * listing is complete (a streaming tool's first model may hold only its first rows).
 */
async function filterTable(
  view: Locator,
  table: Locator,
  words: string,
  whole: (rows: string[][]) => boolean = () => true,
): Promise<string[][]> {
  await view.getByLabel('Filter processes').fill(words);
  let rows: string[][] = [];
  await expect
    .poll(async () => {
      rows = await cells(table);
      return rows.length > 0 && rows.every((r) => r.at(-1)?.includes(words)) && whole(rows);
    })
    .toBe(true);
  return rows;
}

const numerically = (a: number, b: number): number => a - b;

test('ps aux: seed 000 among the Python processes listed first, with its PID', async ({ page }) => {
  const checkErrors = watchForFatalErrors(page);
  await connected(page, app, lab);
  await startCapture(page, 'Processes (ps)', noOptions);
  const view = page.getByRole('region', { name: 'Processes' });
  const table = view.getByRole('table', { name: 'Process table' });
  await expect(table.locator('tbody tr').first()).toBeVisible({ timeout: 30_000 });
  // ps streams its rows: the order is only final once it has printed them all and exited.
  await expect(activePanel(page).locator('.ended-banner')).toContainText('exited with code 0');
  await expect(factSpan(view.locator('.facts'), 'processes')).toBeVisible();
  await factIs(view.locator('.facts'), 0, 'unparsed');

  // Rows in order: PID, user, %CPU, %MEM, stat, command (the Python kind as a badge before it).
  // The parse worker may post the last rows just after the exit banner shows: read until the
  // Python block holds seed 000's three processes (upstream, service, load), or time out.
  type Row = { pid: number; python: string | null; command: string };
  let rows: Row[] = [];
  let python: Row[] = [];
  await expect
    .poll(async () => {
      rows = await table.locator('tbody tr').evaluateAll((trs) =>
        trs.map((tr) => ({
          pid: Number(tr.querySelector('td')?.textContent),
          python: tr.querySelector('.badge')?.textContent ?? null,
          command: tr.querySelector('td:last-child')?.textContent ?? '',
        })),
      );
      const firstOther = rows.findIndex((r) => r.python === null);
      python = firstOther < 0 ? rows : rows.slice(0, firstOther);
      const pids = python.map((r) => r.pid);
      return seed.pids.filter((pid) => !pids.includes(pid));
    }, 'seed 000 processes missing from the Python block on top')
    .toEqual([]);
  expect(rows[0]?.python, 'the first row is a Python process').toBeTruthy();
  const service = python.find((r) => r.pid === seed.pid);
  expect(service?.python).toBe('uvicorn');
  expect(service?.command).toContain('uvicorn app:app');
  // Nothing below the block is Python.
  expect(rows.slice(python.length).filter((r) => r.python !== null)).toEqual([]);

  // The filter narrows the table to the service.
  const filtered = await filterTable(view, table, 'uvicorn app:app');
  expect(filtered.map((r) => Number(r[0]))).toContain(seed.pid);
  await shot(page, 'ps.png');

  // ps -eLf: one row per thread; the service's TIDs are those the kernel lists for it.
  const tasks = () => readdirSync(`/proc/${seed.pid}/task`).map(Number).sort(numerically);
  const tasksBefore = tasks();
  await startCapture(page, 'Processes (ps)', async (dialog) => {
    await dialog.getByLabel('One line per thread (ps -eLf)').check();
  });
  const threads = page.getByRole('region', { name: 'Processes' });
  await expect(factSpan(threads.locator('.facts'), 'threads')).toBeVisible({ timeout: 30_000 });
  await factIs(threads.locator('.facts'), 0, 'unparsed');
  await expect(activePanel(page).locator('.ended-banner')).toContainText('exited with code 0');
  const threadTable = threads.getByRole('table', { name: 'Process table' });
  // The pool of 20 and the event loop (startSeed000() waits for them): 21 rows at least.
  const threadRows = await filterTable(
    threads,
    threadTable,
    'uvicorn app:app',
    (rows) => rows.length >= 21,
  );
  const tasksAfter = tasks();
  // PID, TID, user, %CPU, %MEM, stat, command
  for (const r of threadRows) expect(Number(r[0])).toBe(seed.pid);
  if (tasksAfter.join() === tasksBefore.join())
    expect(threadRows.map((r) => Number(r[1])).sort(numerically)).toEqual(tasksAfter);
  else console.log('seed 000 started or ended threads during ps -eLf: TIDs not compared');
  // The pool of 20 and the event loop: startSeed000() waits for them.
  expect(threadRows.length).toBeGreaterThanOrEqual(21);
  await shot(page, 'ps-threads.png');
  checkErrors();
});

test('ss -tanp: seed 000 listening with its accept queue, sockets by state and process', async ({
  page,
}) => {
  const checkErrors = watchForFatalErrors(page);
  await connected(page, app, lab);
  // What the kernel says of the service's listener, read apart from the workbench.
  const { stdout } = await run('ss', ['-Htln', `sport = :${seed.port}`]);
  const [, , backlog] = stdout.trim().split(/\s+/);
  expect(backlog).toMatch(/^\d+$/);

  await startCapture(page, 'Sockets (ss)', noOptions);
  const view = page.getByRole('region', { name: 'Sockets' });
  const listening = view.getByRole('table', { name: 'Listening sockets' });
  const row = listening.locator('tbody tr', { hasText: `127.0.0.1:${seed.port}` });
  await expect(row).toHaveCount(1, { timeout: 30_000 });
  // ss prints its listeners first and the connections after: read once it has exited, and only
  // a model whose states add up to its total with the seed's connections in it.
  await expect(activePanel(page).locator('.ended-banner')).toContainText('exited with code 0');
  const facts = view.locator('.facts');
  const mine = view.getByRole('table', { name: 'Sockets by process' }).locator('tbody tr', {
    has: page.locator('td:first-child', { hasText: new RegExp(`^${seed.pid}$`) }),
  });
  type Snapshot = {
    total: number;
    states: { state: string; count: number }[];
    mine: string[];
  };
  let snap: Snapshot = { total: -1, states: [], mine: [] };
  await expect
    .poll(
      async () => {
        const texts = await facts.locator('span').allTextContents();
        const totalText = texts.find((t) => /^[\d,]+ sockets$/.test(t)) ?? '';
        snap = {
          total: Number(totalText.replace(/ .*/, '').replaceAll(',', '')),
          states: texts.flatMap((t) => {
            const m = /^([A-Z][A-Z0-9-]+) (\d+)$/.exec(t);
            return m ? [{ state: m[1] ?? '', count: Number(m[2]) }] : [];
          }),
          mine: (await mine.count()) === 1 ? await rowCells(mine) : [],
        };
        const sum = snap.states.reduce((n, s) => n + s.count, 0);
        return sum === snap.total && Number(snap.mine[4] ?? 0) > 0;
      },
      { message: 'a whole ss listing: states summing to the total, the seed row with ESTAB' },
    )
    .toBe(true);
  const [local, queue, shownBacklog, owner] = await rowCells(row);
  expect(local).toBe(`127.0.0.1:${seed.port}`);
  expect(Number(queue)).toBeGreaterThanOrEqual(0);
  expect(shownBacklog).toBe(backlog);
  expect(owner).toBe(`python3 ${seed.pid}`);

  // Connections by state: the listeners and the load's established connections.
  await factIs(facts, 0, 'unparsed');
  expect(snap.states.map((s) => s.state)).toEqual(expect.arrayContaining(['LISTEN', 'ESTAB']));

  // The service's own sockets: its listener and the connections of the load it serves.
  const [, name, sockets, listens, established] = snap.mine;
  expect(name).toBe('python3');
  expect(Number(listens)).toBe(1);
  expect(Number(established)).toBeGreaterThan(0);
  expect(Number(sockets)).toBeGreaterThanOrEqual(Number(listens) + Number(established));
  await shot(page, 'ss.png');
  checkErrors();
});

test('nginx error log: a refused upstream counted by kind, beside the lab’s early hang-ups', async ({
  page,
}) => {
  const checkErrors = watchForFatalErrors(page);
  await connected(page, app, lab);
  await startCapture(page, 'nginx error log', async (dialog) => {
    await dialog.getByLabel('Log file').fill(nginx.errorLogPath);
  });
  // Requests to a port nothing listens on: nginx answers 502 and logs one error each.
  const refused = 7;
  for (let i = 0; i < refused; i++) {
    const response = await fetch(`${nginx.url}${nginx.refusedPath}item-${i}`);
    expect(response.status).toBe(502);
  }
  const view = page.getByRole('region', { name: 'nginx error log' });
  const kinds = view.getByRole('table', { name: 'Errors by kind' });
  const refusedRow = kinds.locator('tbody tr', {
    hasText: 'connect() failed (111: Connection refused)',
  });
  await expect(refusedRow.locator('td').nth(2)).toHaveText(String(refused), { timeout: 30_000 });
  await expect(refusedRow.locator('td').first()).toHaveText('error');
  await expect(view).toContainText(
    `${refused} 'connect() failed (111: Connection refused)' errors from ${nginx.refusedUpstream}`,
  );
  // The load keeps backend 1 closing connections early (seed 001).
  const early = nginx.backends.findIndex((b) => b.closesEarly);
  await expect(kinds).toContainText('upstream prematurely closed connection', { timeout: 30_000 });
  await expect(view).toContainText(`from 127.0.0.1:${nginx.backends[early]?.port}`);
  // The entries counted are the error log's lines, all understood.
  const facts = view.locator('.facts');
  await factIs(facts, 0, 'unparsed');
  // The view first, the file after: the load goes on appending, so the file can only be ahead.
  const entries = await fact(facts, 'entries');
  const logged = readFileSync(nginx.errorLogPath, 'utf8').split('\n').filter(Boolean).length;
  expect(entries).toBeLessThanOrEqual(logged);
  expect(entries).toBeGreaterThanOrEqual(refused);
  await shot(page, 'nginx-error.png');
  checkErrors();
});

test('strace -c on seed 000: the summary table counts its syscalls, futex among them', async ({
  page,
}) => {
  const checkErrors = watchForFatalErrors(page);
  await connected(page, app, lab);
  await startCapture(page, 'Syscall summary (strace -c)', async (dialog) => {
    await pickSeed(seed)(dialog);
    await dialog.getByLabel('Seconds').fill('3');
  });
  const table = activePanel(page).getByRole('table', { name: 'Syscall summary' });
  await expect(table.locator('tfoot')).toContainText('total', { timeout: 30_000 });
  // `timeout` stops strace when the seconds are up (status 124): said as the success it is.
  await expect(activePanel(page).locator('.ended-banner')).toContainText(
    'its 3 s were up and strace printed its summary',
  );
  await expect(activePanel(page).getByRole('region', { name: 'strace -c' })).toContainText(
    '0 unparsed',
  );
  const rows = await cells(table);
  const byName = new Map(rows.map((r) => [r[0], r]));
  // The pool threads take turns on the GIL (futex), and the event loop serves the load over
  // sockets. Which socket calls fall in 3 s depends on how far the slow requests got (a CI run
  // saw no `connect` upstream in its window), so any of them counts.
  expect(Number(byName.get('futex')?.[4])).toBeGreaterThan(0);
  const network = ['epoll_wait', 'accept4', 'connect', 'recvfrom', 'sendto', 'poll'];
  expect(
    network.some((name) => Number(byName.get(name)?.[4]) > 0),
    'a socket call',
  ).toBe(true);
  for (const r of rows) expect(Number(r[4]), `${r[0]} calls`).toBeGreaterThan(0);
  // The table adds up: strace's total row is the sum of its rows.
  const [, , , , totalCalls, totalErrors] = await table.locator('tfoot tr td').allTextContents();
  expect(rows.reduce((sum, r) => sum + Number(r[4]), 0)).toBe(Number(totalCalls));
  expect(rows.reduce((sum, r) => sum + Number(r[5] || 0), 0)).toBe(Number(totalErrors || 0));
  await shot(page, 'strace-c.png');
  checkErrors();
});

test('py-spy top on seed 000: functions by own time, its summarize() on top', async ({ page }) => {
  test.setTimeout(300_000);
  const checkErrors = watchForFatalErrors(page);
  await connected(page, app, lab);
  const dialog = await ensurePySpy(page, 'Python live profile (py-spy top)', pickSeed(seed));
  if (!dialog) return;
  await dialog.getByRole('button', { name: 'Start capture' }).click();
  await expect(dialog).toBeHidden();

  const view = page.getByRole('region', { name: 'py-spy top' });
  const table = view.getByRole('table', { name: 'Functions by own time' });
  await expect(table.locator('tbody tr').first()).toBeVisible({ timeout: 30_000 });
  // %Own, %Total, Own s, Total s, function, file: summarize (app.py) does the pure-Python work.
  await expect
    .poll(
      async () => {
        const rows = await cells(table);
        const top = rows.reduce<string[] | undefined>(
          (best, r) => (best && Number(best[0]) >= Number(r[0]) ? best : r),
          undefined,
        );
        return top ? `${top[4]} ${top[5]?.replace(/:\d+$/, '')}` : '';
      },
      { timeout: 30_000, message: 'the function with the most own time' },
    )
    .toMatch(/^summarize \S*app\.py$/);
  const facts = view.locator('.facts');
  await expect(facts).toContainText(/Python 3\.\d+/);
  await expect.poll(() => fact(facts, 'samples')).toBeGreaterThan(0);
  // py-spy counts the service's threads: the pool of 20 and the event loop at least.
  await expect.poll(() => fact(facts, 'threads')).toBeGreaterThanOrEqual(21);
  await shot(page, 'pyspy-top.png');
  await page.keyboard.press('Control+Shift+W');
  checkErrors();
});

/** A short-lived Python process with two busy threads, to watch and then kill. */
const THROWAWAY = `
import threading, time
def spin():
    while True:
        sum(range(20000))
        time.sleep(0.005)
for _ in range(2):
    threading.Thread(target=spin, daemon=True).start()
while True:
    time.sleep(0.05)
`;

test('a watched process exits: top -H and strace say when, and keep their last rows', async ({
  page,
}) => {
  const checkErrors = watchForFatalErrors(page);
  await connected(page, app, lab);
  const victim = spawnLab(LAB_PYTHON, ['-c', THROWAWAY]);
  try {
    const pid = victim.pid;
    const withPid = async (dialog: Locator) => {
      await dialog.getByLabel('PID').fill(String(pid));
    };
    await startCapture(page, 'Threads of a process (top -H)', withPid);
    const threads = page.getByRole('region', { name: `Threads of process ${pid}` });
    const table = threads.getByRole('table', { name: 'Thread table' });
    const shownTids = () =>
      table
        .locator('tbody tr[data-tid]')
        .evaluateAll((trs) => trs.map((tr) => Number(tr.getAttribute('data-tid'))))
        .then((tids) => tids.sort(numerically));
    // The main thread (its row is the process total, Σ) and the two spinning threads.
    // (A frame is shown while top prints it, so a read may catch only its first rows.)
    let tids: number[] = [];
    await expect.poll(async () => (tids = await shownTids()).length, { timeout: 30_000 }).toBe(3);
    expect(tids).toContain(pid);

    await startCapture(page, 'Syscalls live (strace)', withPid);
    const syscalls = page.getByRole('region', { name: 'Syscalls' });
    const calls = syscalls.getByRole('table', { name: 'Calls per syscall' });
    await expect(calls.locator('tbody tr').first()).toBeVisible({ timeout: 30_000 });
    await expect.poll(() => fact(syscalls.locator('.facts'), 'calls')).toBeGreaterThan(0);

    process.kill(pid, 'SIGTERM');
    await waitGone([pid], 15_000);

    // strace ends with its target; the view says how, and keeps its tables.
    const panel = activePanel(page);
    await expect(panel.getByRole('status')).toHaveText(
      new RegExp(
        `^Process ${pid} was killed by SIGTERM at \\d\\d:\\d\\d:\\d\\d; strace stopped with it\\. Showing the last rows\\.$`,
      ),
      { timeout: 20_000 },
    );
    await expect(panel.locator('.ended-banner')).toBeVisible();
    const callsAfter = await fact(syscalls.locator('.facts'), 'calls');
    expect(callsAfter).toBeGreaterThan(0);
    await expect(calls.locator('tbody tr').first()).toBeVisible();
    expect((await cells(calls)).map((r) => r[0])).toContain('clock_nanosleep');
    await shot(page, 'exit-strace.png');

    // top -H goes on with empty frames; the table keeps the threads it last saw.
    await page.getByRole('tab', { name: new RegExp(`threads · \\S+ ${pid}$`) }).click();
    const note = threads.getByRole('status');
    await expect(note).toHaveText(
      new RegExp(
        `^Process ${pid} exited between (\\d\\d:\\d\\d:\\d\\d) and (\\d\\d:\\d\\d:\\d\\d); showing the last rows, from \\1\\.$`,
      ),
      { timeout: 20_000 },
    );
    // top's clock: the last frame with the process, then the first without it.
    const [, lastSeen, goneAt] =
      /between (\S+) and (\S+);/.exec((await note.textContent()) ?? '') ?? [];
    expect(lastSeen && goneAt && lastSeen <= goneAt).toBe(true);
    // The rows of top's last frame with the process: all its threads, or fewer when top read
    // /proc while the kernel was tearing the threads down (seen once in about ten runs).
    const kept = await shownTids();
    expect(kept.length).toBeGreaterThan(0);
    expect(kept.every((tid) => tids.includes(tid))).toBe(true);
    await expect(threads.locator('.threads-summary')).toContainText(`Process ${pid} used`);
    await shot(page, 'exit-threads.png');
  } finally {
    await victim.stop();
  }
  checkErrors();
});

test('a multi-megabyte line in an access log: counted as not understood, view and terminal go on', async ({
  page,
}) => {
  const checkErrors = watchForFatalErrors(page);
  const dir = mkdtempSync(join(tmpdir(), 'wb-e2e-huge-'));
  try {
    // Real lines from the lab's nginx, in its log_format.
    const real = async (count: number, from: number): Promise<string[]> => {
      let lines: string[] = [];
      await expect
        .poll(() => {
          lines = readFileSync(nginx.accessLogPath, 'utf8').split('\n').filter(Boolean);
          return lines.length;
        })
        .toBeGreaterThanOrEqual(from + count);
      return lines.slice(from, from + count);
    };
    const log = join(dir, 'access.log');
    const before = await real(25, 0);
    writeFileSync(log, `${before.join('\n')}\n`);

    await connected(page, app, lab);
    await startCapture(page, 'nginx access log', async (dialog) => {
      await dialog.getByLabel('Log file').fill(log);
      await dialog.getByLabel(/log_format/).fill(nginx.logFormat);
    });
    const view = page.getByRole('region', { name: 'nginx access log' });
    const facts = view.locator('.facts');
    await factIs(facts, before.length, 'requests', 30_000);
    await factIs(facts, 0, 'unparsed');

    // One 4 MiB line: a request line whose URI never ends, then more real lines, the last one a
    // request made for this test so the terminal can be checked for it.
    const huge = `127.0.0.1 - - [01/Jan/2025:00:00:00 +0000] "GET /${'x'.repeat(4 * 1024 * 1024)}`;
    const marker = `/after-the-huge-line-${process.pid}-${Date.now()}`;
    await fetch(`${nginx.url}${marker}`).then((r) => r.arrayBuffer());
    const after = await real(24, before.length);
    let markerLine = '';
    await expect
      .poll(() => {
        markerLine =
          readFileSync(nginx.accessLogPath, 'utf8')
            .split('\n')
            .find((l) => l.includes(marker)) ?? '';
        return markerLine;
      })
      .toContain(marker);
    const started = Date.now();
    appendFileSync(log, `${huge}\n${[...after, markerLine].join('\n')}\n`);

    const requests = before.length + after.length + 1;
    await factIs(facts, requests, 'requests', 60_000);
    // The view says what the one unparsed line was: too long to keep, dropped unread.
    await expect(factSpan(facts, 'unparsed')).toHaveText('1 unparsed (1 over 64 KiB)');
    const parsedIn = Date.now() - started;
    // The terminal printed the megabytes and then the lines after them.
    await expect(terminalText(page)).toContainText(marker, { timeout: 60_000 });
    const shownIn = Date.now() - started;
    console.log(
      `4 MiB line: parsed view caught up in ${parsedIn} ms, terminal showed the next lines in ${shownIn} ms`,
    );
    await shot(page, 'huge-line.png');

    // The view keeps working: lines appended later are counted too.
    const more = await real(10, before.length + after.length);
    appendFileSync(log, `${more.join('\n')}\n`);
    await factIs(facts, requests + more.length, 'requests', 30_000);
    await expect(factSpan(facts, 'unparsed')).toHaveText('1 unparsed (1 over 64 KiB)');

    // And the shell tab still answers typing at once.
    await page.getByRole('tab', { name: /shell/ }).first().click();
    const answer = `still-here-${Date.now()}`;
    const typed = Date.now();
    await typeInTerminal(page, `echo ${answer.replace('-', '-""')}\n`);
    await expect(terminalText(page)).toContainText(answer, { timeout: 30_000 });
    console.log(`shell echoed after the huge line in ${Date.now() - typed} ms`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  checkErrors();
});
