import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NotebookStore } from '../../electron/node/notebook/notebookStore';
import { repoRoot } from '../unit/fixturePath';

let work: string;
let child: string;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'wb-crash-'));
  child = join(work, 'child.mjs');
  // One bundle, so each of the hundreds of runs starts in tens of milliseconds.
  await build({
    entryPoints: [resolve(repoRoot, 'test/integration/notebookCrashChild.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile: child,
    logLevel: 'silent',
  });
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Runs the writer, kills it with SIGKILL `ms` after it started; what it acknowledged before. */
function runAndKill(dataDir: string, id: string, run: number, ms: number): Promise<string[]> {
  return new Promise((done, fail) => {
    const proc = spawn(process.execPath, [child, dataDir, id, String(run)], {
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    let timer: ReturnType<typeof setTimeout> | undefined;
    proc.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (timer === undefined && out.startsWith('started\n')) {
        timer = setTimeout(() => proc.kill('SIGKILL'), ms);
      }
    });
    proc.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    proc.on('exit', (_code, signal) => {
      clearTimeout(timer);
      if (signal !== 'SIGKILL') fail(new Error(`the writer stopped by itself: ${err}`));
      // Only whole lines count: a line cut by the kill was not acknowledged.
      else done(out.split('\n').slice(1, -1));
    });
  });
}

/** What one series of kills left acknowledged: every item text, the last notes version. */
interface Series {
  dataDir: string;
  id: string;
  acked: string[];
  lastNotes: string | null;
  writes: number;
}

/** `runs` writers on one notebook of its own, each killed at a random moment. */
async function killSeries(dataDir: string, runs: number, first: number): Promise<Series> {
  const store = new NotebookStore(dataDir);
  const { summary } = await store.create('crash test', 'parent');
  await store.close(summary.id, 'parent');
  const series: Series = { dataDir, id: summary.id, acked: [], lastNotes: null, writes: 0 };
  for (let run = first; run < first + runs; run++) {
    const lines = await runAndKill(dataDir, summary.id, run, 80 + Math.floor(Math.random() * 250));
    series.writes += lines.length;
    for (const line of lines) {
      if (line.startsWith('item ')) series.acked.push(line.slice(5));
      else if (line.startsWith('notes ')) series.lastNotes = line.slice(6);
    }
  }
  return series;
}

/** Everything acknowledged is there, the notes are one whole version, no item left half-made. */
async function expectIntact({ dataDir, id, acked, lastNotes, writes }: Series): Promise<void> {
  // The kills fell among writes, not before the first one.
  expect(writes).toBeGreaterThan(20);
  const reopened = await new NotebookStore(dataDir).open(id, 'checker');
  expect(reopened.readOnly).toBeNull();
  expect(reopened.summary.problem).toBeNull();
  const texts = new Set(reopened.items.map((i) => (i.type === 'action' ? i.text : '')));
  for (const text of acked) expect(texts.has(text)).toBe(true);
  // The notes are one whole version: the last acknowledged or one written after it, never torn.
  const match = /^run (\d+) write (\d+)\nx*\nend (\d+)\.(\d+)\n$/.exec(reopened.notes);
  expect(match).not.toBeNull();
  expect(`${match?.[1]}.${match?.[2]}`).toBe(`${match?.[3]}.${match?.[4]}`);
  if (lastNotes) {
    const [run = 0, n = 0] = lastNotes.split('.').map(Number);
    const seenRun = Number(match?.[1]);
    const seenWrite = Number(match?.[2]);
    expect(seenRun > run || (seenRun === run && seenWrite >= n)).toBe(true);
  }
  // No temporary file is taken for an item.
  const names = readdirSync(join(dataDir, 'investigations', id, 'items'));
  expect(names.every((n) => /^a_[0-9a-f]+\.json(\.[0-9a-f]+\.tmp)?$/.test(n))).toBe(true);
}

describe('the notebook under kill -9', () => {
  it('keeps every acknowledged write and never a damaged file, over 200 kills at random moments', async () => {
    // Two notebooks of their own, 100 kills each, side by side: the same 200 kills in half the
    // time (most of a run is the writer's start and the wait for its kill, not CPU).
    const all = await Promise.all([
      killSeries(join(work, 'data-a'), 100, 0),
      killSeries(join(work, 'data-b'), 100, 100),
    ]);
    const acked = all.reduce((n, s) => n + s.acked.length, 0);
    const writes = all.reduce((n, s) => n + s.writes, 0);
    console.log(`200 kills: ${writes} writes acknowledged (${acked} items)`);
    for (const series of all) await expectIntact(series);
  }, 240_000);

  it('a full disk fails the save with the reason and keeps what was saved', async (context) => {
    const dataDir = join(work, 'full');
    mkdirSync(dataDir);
    try {
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=256k', 'tmpfs', dataDir], {
        stdio: 'pipe',
      });
    } catch (error) {
      const reason = `SKIPPED: cannot mount a small tmpfs here (${String(error instanceof Error ? error.message : error).split('\n')[0]}); the full-disk case is not tested`;
      console.log(reason);
      context.skip(reason);
      return;
    }
    try {
      const store = new NotebookStore(dataDir);
      const { summary } = await store.create('full disk', 'page');
      await store.saveNotes(summary.id, 'saved before the disk filled\n', 'page');
      await expect(store.saveNotes(summary.id, 'y'.repeat(400_000), 'page')).rejects.toThrow(
        /ENOSPC|no space/i,
      );
      const reopened = await new NotebookStore(dataDir).open(summary.id, 'other');
      expect(reopened.notes).toBe('saved before the disk filled\n');
      expect(reopened.summary.problem).toBeNull();
    } finally {
      execFileSync('umount', [dataDir]);
    }
  });
});
