import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrate } from '../../../electron/node/notebook/notebookFormat';
import { NotebookStore } from '../../../electron/node/notebook/notebookStore';

let dataDir: string;
beforeEach(() => void (dataDir = mkdtempSync(join(tmpdir(), 'wb-nb-'))));
afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

const folderOf = (id: string) => join(dataDir, 'investigations', id);
const now = () => new Date().toISOString();

describe('the notebook on disk', () => {
  it('keeps notes as Markdown and each item as a small JSON file with sorted keys', async () => {
    const store = new NotebookStore(dataDir);
    const { summary } = await store.create('Seed 000', 'page');
    await store.saveNotes(summary.id, '# Notes\n', 'page');
    const item = await store.addItem(
      summary.id,
      { type: 'action', text: 'Alert per core', owner: null, done: false, createdAt: now() },
      'page',
    );
    expect(readFileSync(join(folderOf(summary.id), 'notes.md'), 'utf8')).toBe('# Notes\n');
    const file = readFileSync(join(folderOf(summary.id), 'items', `${item.id}.json`), 'utf8');
    expect(Object.keys(JSON.parse(file))).toEqual([
      'createdAt',
      'done',
      'id',
      'owner',
      'text',
      'type',
    ]);
    expect(file.endsWith('}\n')).toBe(true);
    const again = await new NotebookStore(dataDir).open(summary.id, 'other');
    expect(again.notes).toBe('# Notes\n');
    expect(again.items).toEqual([item]);
  });

  it('stores evidence once under its SHA-256, sent in pieces, and refuses it once altered', async () => {
    const store = new NotebookStore(dataDir);
    const { summary } = await store.create('evidence', 'page');
    const up = (piece: string, done: boolean) =>
      store.uploadEvidence(summary.id, { uploadId: 'u_abcdefgh', piece, done }, 'page');
    await up('top - 10:00 ', false);
    const { ref, bytes } = await up('é\n', true);
    expect(ref).toMatch(/^sha256-[0-9a-f]{64}$/);
    expect(bytes).toBe(Buffer.byteLength('top - 10:00 é\n'));
    expect(await store.evidencePiece(summary.id, ref ?? '', 0)).toEqual({
      text: 'top - 10:00 é\n',
      next: bytes,
      bytes,
    });
    writeFileSync(join(folderOf(summary.id), 'evidence', ref ?? ''), 'forged\n');
    await expect(store.evidencePiece(summary.id, ref ?? '', 0)).rejects.toThrow(/damaged/);
  });

  it('reads evidence back in pieces of whole lines, never splitting a character', async () => {
    const store = new NotebookStore(dataDir);
    const { summary } = await store.create('pieces', 'page');
    // 3 MiB of lines with two-byte characters, and one 1.5 MiB line without a newline.
    const lines = Array.from({ length: 30_000 }, (_, i) => `${i} é ${'x'.repeat(90)}`).join('\n');
    const text = `${lines}\n${'é'.repeat(800_000)}`;
    let ref = '';
    for (let at = 0; at < text.length; at += 200_000) {
      const done = at + 200_000 >= text.length;
      const up = { uploadId: 'u_piecetest', piece: text.slice(at, at + 200_000), done };
      ref = (await store.uploadEvidence(summary.id, up, 'page')).ref ?? ref;
    }
    const parts: string[] = [];
    for (let offset = 0, pieces = 0; ; pieces++) {
      const piece = await store.evidencePiece(summary.id, ref, offset);
      expect(piece.text).not.toContain('\ufffd');
      if (piece.next < piece.bytes && piece.text.includes('\n'))
        expect(piece.text.endsWith('\n')).toBe(true);
      parts.push(piece.text);
      if (piece.next >= piece.bytes) break;
      expect(piece.next).toBeGreaterThan(offset);
      offset = piece.next;
      expect(pieces).toBeLessThan(100);
    }
    expect(parts.join('')).toBe(text);

    // Altered on disk: its first piece may go out while it is hashed, never its last.
    const path = join(folderOf(summary.id), 'evidence', ref);
    const altered = readFileSync(path);
    altered[10] = 0x21;
    writeFileSync(path, altered);
    const fresh = new NotebookStore(dataDir);
    const read = (offset: number) =>
      fresh.evidencePiece(summary.id, ref, offset).then(
        (piece) => ({ piece, error: null }),
        (error: unknown) => ({ piece: null, error }),
      );
    let refused: unknown = null;
    for (let offset = 0; ;) {
      const { piece, error } = await read(offset);
      if (!piece) {
        refused = error;
        break;
      }
      if (piece.next >= piece.bytes) break;
      offset = piece.next;
    }
    expect(String(refused)).toMatch(/damaged/);
  });

  it('keeps a terminal recording as one item, replaced by a longer copy at the next pin', async () => {
    const store = new NotebookStore(dataDir);
    const { summary } = await store.create('recording', 'page');
    const path = join(dataDir, 'log.cast');
    writeFileSync(path, '{"version":2,"width":80,"height":24}\n[0.5,"o","$ top\\r\\n"]\n');
    const log = { terminalId: 't_abcdef12', path, title: 'top', host: 'ops@db1', startedAt: now() };
    const first = await store.keepRecording(summary.id, log, 'page');
    expect(first).toMatchObject({ type: 'recording', seconds: 0.5, terminalId: 't_abcdef12' });
    writeFileSync(path, '[12.25,"o","top - 10:00\\r\\n"]\n', { flag: 'a' });
    const second = await store.keepRecording(summary.id, log, 'page');
    expect(second.id).toBe(first.id);
    expect(second.seconds).toBe(12.25);
    expect(second.recording.bytes).toBeGreaterThan(first.recording.bytes);
    const evidence = readdirSync(join(folderOf(summary.id), 'evidence'));
    expect(evidence).toEqual([second.recording.ref]);
    const again = await new NotebookStore(dataDir).open(summary.id, 'other');
    expect(again.items).toEqual([second]);
    const piece = await store.evidencePiece(summary.id, second.recording.ref, 0);
    expect(piece.text).toContain('top - 10:00');
  });

  it('opens without big snapshot models, gives them whole on request, and never loses them', async () => {
    const store = new NotebookStore(dataDir);
    const { summary } = await store.create('big', 'page');
    const snapshot = (lines: number) => ({
      type: 'snapshot' as const,
      title: `strace ${lines}`,
      eventAt: now(),
      pinnedAt: now(),
      hostTime: null,
      source: { host: 'lab', pid: 42, command: null, log: null },
      capture: {
        kind: 'strace' as const,
        unparsedLines: 0,
        data: {
          events: Array.from({ length: lines }, (_, i) => ({ line: `read(3, "x", 1) = ${i}` })),
        },
      },
      view: { sort: 'calls' },
      raw: null,
    });
    const small = await store.addItem(summary.id, snapshot(3), 'page');
    const big = await store.addItem(summary.id, snapshot(5_000), 'page');
    await store.close(summary.id, 'page');

    const open = await new NotebookStore(dataDir).open(summary.id, 'page');
    expect(open.deferred).toEqual([big.id]);
    const shown = open.items.find((i) => i.id === big.id);
    expect(shown?.type === 'snapshot' && shown.capture.data).toBeNull();
    expect(shown?.type === 'snapshot' && shown.title).toBe('strace 5000');
    expect(open.items.find((i) => i.id === small.id)).toEqual(small);
    expect(await store.item(summary.id, big.id)).toEqual(big);

    // A page that holds it without its model renames it: the model on disk stays.
    if (shown?.type !== 'snapshot') throw new Error('not a snapshot');
    const store2 = new NotebookStore(dataDir);
    await store2.open(summary.id, 'page2');
    await store2.updateItem(summary.id, { ...shown, title: 'renamed' }, 'page2');
    expect(await store2.item(summary.id, big.id)).toEqual({ ...big, title: 'renamed' });
  });

  it('opens a folder of a newer format, or with a damaged item, read-only, and never writes it', async () => {
    const store = new NotebookStore(dataDir);
    const { summary } = await store.create('future', 'page');
    await store.close(summary.id, 'page');
    const metaPath = join(folderOf(summary.id), 'investigation.json');
    const meta = JSON.parse(readFileSync(metaPath, 'utf8'));
    writeFileSync(metaPath, JSON.stringify({ ...meta, format: 99 }));
    const before = readFileSync(metaPath, 'utf8');
    const newer = await new NotebookStore(dataDir).open(summary.id, 'page');
    expect(newer.readOnly).toMatch(/newer workbench \(format 99/);
    const reader = new NotebookStore(dataDir);
    await reader.open(summary.id, 'page');
    await expect(reader.saveNotes(summary.id, 'x', 'page')).rejects.toThrow(/read-only/);
    expect(readFileSync(metaPath, 'utf8')).toBe(before);

    writeFileSync(metaPath, JSON.stringify({ ...meta, format: 1 }));
    writeFileSync(join(folderOf(summary.id), 'items', 'a_0000000000000000.json'), '{"type":');
    const damaged = await new NotebookStore(dataDir).open(summary.id, 'page');
    expect(damaged.readOnly).toMatch(/1 of its items cannot be read/);
    expect((await new NotebookStore(dataDir).list())[0]?.problem).toMatch(/cannot be read/);
  });

  it('lets one page write: a second page, or a second app instance, gets it read-only', async () => {
    const store = new NotebookStore(dataDir);
    const { summary } = await store.create('locked', 'page-1');
    const second = await store.open(summary.id, 'page-2');
    expect(second.readOnly).toMatch(/another window or tab/);
    await expect(store.saveNotes(summary.id, 'x', 'page-2')).rejects.toThrow(
      /not open for writing/,
    );
    // Another process on this host holds the lock file: a live pid is respected.
    const lockPath = join(folderOf(summary.id), 'lock');
    await store.close(summary.id, 'page-1');
    const sleeper = spawnSync(process.execPath, ['-e', 'console.log(process.pid)']);
    const deadPid = Number(sleeper.stdout.toString());
    const host = (await import('node:os')).hostname();
    writeFileSync(
      lockPath,
      JSON.stringify({ pid: process.ppid, host, instance: 'other', since: now() }),
    );
    const held = await new NotebookStore(dataDir).open(summary.id, 'page-3');
    expect(held.readOnly).toMatch(
      new RegExp(`another instance of the workbench \\(process ${process.ppid}`),
    );
    // Its process died (a kill -9): the stale lock is taken over.
    writeFileSync(
      lockPath,
      JSON.stringify({ pid: deadPid, host, instance: 'other', since: now() }),
    );
    const taken = await new NotebookStore(dataDir).open(summary.id, 'page-3');
    expect(taken.readOnly).toBeNull();
  });

  it('moves an investigation to the trash, never deletes it', async () => {
    const store = new NotebookStore(dataDir);
    const { summary } = await store.create('to trash', 'page');
    await store.trash(summary.id, 'page');
    expect(await store.list()).toEqual([]);
    expect(readdirSync(join(dataDir, 'trash'))[0]).toMatch(new RegExp(`^${summary.id}-\\d+$`));
  });

  it('opens a folder of format 1 as written by the first version, and upgrades it to 2', async () => {
    // Format 1, byte for byte as the first version wrote it (docs/notebook-format.md).
    const id = 'i_format1test';
    const folder = folderOf(id);
    mkdirSync(join(folder, 'items'), { recursive: true });
    const meta = `{\n  "createdAt": "2026-12-06T10:00:00.000Z",\n  "format": 1,\n  "id": "${id}",\n  "title": "Seed 000",\n  "updatedAt": "2026-12-06T10:20:00.000Z"\n}\n`;
    writeFileSync(join(folder, 'investigation.json'), meta);
    writeFileSync(join(folder, 'notes.md'), '# Seed 000\n');
    const action = `{\n  "createdAt": "2026-12-06T10:10:00.000Z",\n  "done": false,\n  "id": "a_format1item",\n  "owner": null,\n  "text": "Alert per core",\n  "type": "action"\n}\n`;
    writeFileSync(join(folder, 'items', 'a_format1item.json'), action);
    const opened = await new NotebookStore(dataDir).open(id, 'page');
    expect(opened.readOnly).toBeNull();
    expect(opened.notes).toBe('# Seed 000\n');
    expect(opened.items).toEqual([JSON.parse(action)]);
    expect(JSON.parse(readFileSync(join(folder, 'investigation.json'), 'utf8'))).toEqual({
      ...JSON.parse(meta),
      format: 2,
    });
    expect(readFileSync(join(folder, 'items', 'a_format1item.json'), 'utf8')).toBe(action);
  });

  it('runs the numbered migrations from an older format, in order, up to the current one', async () => {
    const steps: string[] = [];
    const reached = await migrate(dataDir, 1, [
      async () => void steps.push('1→2'),
      async () => void steps.push('2→3'),
    ]);
    expect(steps).toEqual(['1→2', '2→3']);
    expect(reached).toBe(3);
    expect(await migrate(dataDir, 3, [async () => void steps.push('x')])).toBe(3);
  });
});
