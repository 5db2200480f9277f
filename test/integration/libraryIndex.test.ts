// Library search over investigations saved by the real NotebookStore in a temporary data dir:
// titles, notes, items and captured text (evidence files), kept up to date by the store's writes.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LibraryIndex } from '../../electron/node/notebook/libraryIndex';
import { NotebookStore } from '../../electron/node/notebook/notebookStore';
import type { LibraryHit, LibrarySearchResult } from '../../shared/contract/index';

let dataDir: string;
let library: LibraryIndex | undefined;
beforeEach(() => void (dataDir = mkdtempSync(join(tmpdir(), 'wb-lib-'))));
afterEach(() => {
  library?.dispose();
  rmSync(dataDir, { recursive: true, force: true });
});

const now = () => new Date().toISOString();
const OWNER = 'page';

/** Strace-like lines, `count` of them, with `line` at `at`. */
function straceText(count: number, at: number, line: string): string {
  const lines: string[] = [];
  for (let i = 0; i < count; i++)
    lines.push(
      i === at
        ? line
        : `[pid 10908] 08:23:58.${String(i).padStart(6, '0')} futex(0x28598500, FUTEX_WAKE_PRIVATE, 1) = 1 <0.000011>`,
    );
  return `${lines.join('\n')}\n`;
}

async function pinSnapshot(store: NotebookStore, investigationId: string, raw: string) {
  const { ref, bytes } = await store.uploadEvidence(
    investigationId,
    { uploadId: `u_${Math.random().toString(36).slice(2, 12)}`, piece: raw, done: true },
    OWNER,
  );
  if (!ref) throw new Error('no evidence ref');
  return store.addItem(
    investigationId,
    {
      type: 'snapshot',
      title: 'strace -f seed-000',
      eventAt: now(),
      pinnedAt: now(),
      hostTime: null,
      source: { host: 'lab', pid: 10908, command: 'strace -f -tt -T -p 10908', log: null },
      capture: { kind: 'strace', unparsedLines: 0, data: {} },
      view: {},
      raw: { ref, bytes },
    },
    OWNER,
  );
}

/** Searches until the captured text is all indexed (it is indexed in the background). */
async function searchIndexed(query: string): Promise<LibrarySearchResult> {
  if (!library) throw new Error('no library');
  for (let tries = 0; tries < 500; tries++) {
    const result = await library.search(query);
    if (!result.indexing) return result;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error('the captured text was never indexed');
}

/** The marked words of a hit, as the page would highlight them. */
const marked = (hit: LibraryHit | undefined) =>
  (hit?.marks ?? []).map(([start, end]) => hit?.snippet.slice(start, end));

describe('library search', () => {
  it('finds words in titles, notes, items and captured text, with a line of context', async () => {
    const store = new NotebookStore(dataDir);
    const checkout = (await store.create('Checkout latency', OWNER)).summary.id;
    await store.saveNotes(
      checkout,
      '# Timeline\n\nThe pgbouncer pool was exhausted at 10:41.\n',
      OWNER,
    );
    const finding = await store.addItem(
      checkout,
      {
        type: 'finding',
        title: 'Retry storm',
        text: 'Clients retried without backoff',
        severity: 'critical',
        eventAt: now(),
        createdAt: now(),
        evidence: [],
      },
      OWNER,
    );
    // Over 256 KiB: captured text is indexed in pieces; the word is deep in the second one.
    const raw = straceText(
      6000,
      4500,
      '[pid 10909] 08:23:58.229552 connect(4, {sa_family=AF_INET, sin_port=htons(5432)}, 16) = -1 ECONNREFUSED (zanzibar_replica refused) <0.000073>',
    );
    expect(raw.length).toBeGreaterThan(300 * 1024);
    const snapshot = await pinSnapshot(store, checkout, raw);
    await store.create('Disk full on db-2', OWNER);
    library = new LibraryIndex(store);

    const title = (await searchIndexed('checkout')).results;
    expect(title).toMatchObject([{ investigationId: checkout, where: 'title' }]);
    expect(marked(title[0])).toEqual(['Checkout']);

    const notes = (await searchIndexed('pgbouncer exhausted')).results;
    expect(notes).toMatchObject([
      { where: 'notes', snippet: 'The pgbouncer pool was exhausted at 10:41.' },
    ]);
    expect(marked(notes[0])).toEqual(['pgbouncer', 'exhausted']);

    const item = (await searchIndexed('retry')).results;
    expect(item).toMatchObject([{ where: 'item', itemId: finding.id, title: 'Checkout latency' }]);

    // Typed halfway: the last word is a prefix.
    const evidence = (await searchIndexed('zanzib')).results;
    expect(evidence).toMatchObject([{ where: 'evidence', itemId: snapshot.id }]);
    expect(evidence[0]?.snippet).toContain('ECONNREFUSED (zanzibar_replica refused)');
    expect(evidence[0]?.snippet.length).toBeLessThanOrEqual(202);
    expect(marked(evidence[0])).toEqual(['zanzibar_replica']);

    // A PID is found where it was typed (the snapshot's source), not in the output's numbers.
    const pid = await searchIndexed('10908');
    expect(pid.results).toMatchObject([{ where: 'item', itemId: snapshot.id }]);
    expect(pid.notCovered).toMatch(/not in captured text/);
  });

  it('finds what was written after the first search, and nothing of a trashed investigation', async () => {
    const store = new NotebookStore(dataDir);
    const kept = (await store.create('Queue backlog', OWNER)).summary.id;
    const trashed = (await store.create('Disk full on db-2', OWNER)).summary.id;
    await pinSnapshot(
      store,
      trashed,
      straceText(10, 3, 'write(2, "No space left on device", 22) = 22'),
    );
    library = new LibraryIndex(store);
    expect((await searchIndexed('kafka')).results).toEqual([]);
    expect((await searchIndexed('space left')).results).toHaveLength(1);

    await store.saveNotes(kept, 'Consumer lag on kafka topic orders', OWNER);
    expect((await library.search('kafka')).results).toMatchObject([
      { investigationId: kept, where: 'notes' },
    ]);
    await store.rename(kept, 'Kafka consumer backlog', OWNER);
    expect((await library.search('kafka')).results.map((r) => r.where).sort()).toEqual([
      'notes',
      'title',
    ]);

    await store.trash(trashed, OWNER);
    expect((await searchIndexed('disk')).results).toEqual([]);
    expect((await searchIndexed('space left')).results).toEqual([]);
  });

  it('sees what another instance of the app wrote to the same folders', async () => {
    const store = new NotebookStore(dataDir);
    const mine = (await store.create('Queue backlog', OWNER)).summary.id;
    library = new LibraryIndex(store);
    expect((await searchIndexed('zookeeper')).results).toEqual([]);

    // A second app instance: its own store on the same data folder, no watcher shared.
    const other = new NotebookStore(dataDir);
    const theirs = (await other.create('Zookeeper session expiry', OWNER)).summary.id;
    await pinSnapshot(other, theirs, straceText(10, 3, 'connect(9, "zookeeper-2:2181") = -1'));
    expect((await searchIndexed('zookeeper')).results.map((r) => r.investigationId)).toContain(
      theirs,
    );
    await other.saveNotes(theirs, 'Sessions expire every 30 seconds', OWNER);
    expect((await library.search('every 30')).results).toMatchObject([
      { investigationId: theirs, where: 'notes' },
    ]);
    await other.trash(theirs, OWNER);
    expect((await searchIndexed('zookeeper')).results).toEqual([]);
    expect(mine).toBeTruthy();
  });

  it('shows nothing of captured text altered on disk, and says what it left out', async () => {
    const store = new NotebookStore(dataDir);
    const id = (await store.create('Tampered', OWNER)).summary.id;
    const snapshot = await pinSnapshot(store, id, straceText(10, 2, 'read(3, "original", 8) = 8'));
    const ref = snapshot.type === 'snapshot' ? snapshot.raw?.ref : undefined;
    if (!ref) throw new Error('no ref');
    writeFileSync(store.evidencePath(id, ref), 'forged text\n');
    library = new LibraryIndex(store);
    const result = await searchIndexed('forged');
    expect(result.results).toEqual([]);
    expect(result.notCovered).toMatch(/captured text of 1 snapshot is not searched/);
  });

  it('indexes captured text up to its cap per investigation and says so', async () => {
    const store = new NotebookStore(dataDir);
    const id = (await store.create('Big', OWNER)).summary.id;
    // About 0.9 MB each: the first fits under 1 MiB, the second only in part.
    await pinSnapshot(store, id, straceText(10_000, 100, 'early_marker here'));
    library = new LibraryIndex(store, 2 ** 20);
    expect((await searchIndexed('early_marker')).results).toHaveLength(1);
    await pinSnapshot(store, id, straceText(10_000, 9_000, 'late_marker here'));
    const late = await searchIndexed('late_marker');
    expect(late.results).toEqual([]);
    expect(late.notCovered).toMatch(/past the first 1 MiB of 1 investigation is not searched/);
  });
});
