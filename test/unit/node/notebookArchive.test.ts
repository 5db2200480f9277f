import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NotebookStore } from '../../../electron/node/notebook/notebookStore';

let dataDir: string;
let otherDir: string;
beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'wb-arch-'));
  otherDir = mkdtempSync(join(tmpdir(), 'wb-arch2-'));
});
afterEach(() => {
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(otherDir, { recursive: true, force: true });
});

/** Every file of a folder (lock left out), by relative name, as bytes. */
function filesOf(folder: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name !== 'lock') out.set(relative(folder, path), readFileSync(path, 'hex'));
    }
  };
  walk(folder);
  return out;
}

async function investigationWithEverything(store: NotebookStore) {
  const { summary } = await store.create('Seed 000 <b>', 'page');
  await store.saveNotes(summary.id, '# Notes\nOne core é 🔥\n', 'page');
  const { ref } = await store.uploadEvidence(
    summary.id,
    {
      uploadId: 'u_archtest1',
      piece: 'top - 10:00:01 up 1 day\n\u0000\u001b[1mbold\n',
      done: true,
    },
    'page',
  );
  await store.addItem(
    summary.id,
    {
      type: 'action',
      text: 'Alert per core',
      owner: null,
      done: false,
      createdAt: new Date().toISOString(),
    },
    'page',
  );
  const cast = join(dataDir, 'log.cast');
  writeFileSync(cast, '{"version":2,"width":80,"height":24}\n[0.5,"o","$ top\\r\\n"]\n');
  await store.keepRecording(
    summary.id,
    {
      terminalId: 't_abcdef12',
      path: cast,
      title: 'top',
      host: 'db1',
      startedAt: new Date().toISOString(),
    },
    'page',
  );
  return { id: summary.id, ref };
}

describe('an investigation as one archive', () => {
  it('imports back on another machine with every file the same, byte for byte', async () => {
    const store = new NotebookStore(dataDir);
    const { id } = await investigationWithEverything(store);
    const archive = await store.archive(id);
    expect(await store.archive(id)).toEqual(archive);
    const elsewhere = new NotebookStore(otherDir);
    const summary = await elsewhere.importArchive(archive);
    expect(summary.id).toBe(id);
    expect(summary.problem).toBeNull();
    expect(filesOf(join(otherDir, 'investigations', id))).toEqual(
      filesOf(join(dataDir, 'investigations', id)),
    );
    const opened = await elsewhere.open(id, 'page');
    expect(opened.readOnly).toBeNull();
    expect(opened.items.map((i) => i.type).sort()).toEqual(['action', 'recording']);
  });

  it('imports a copy beside the original when the id is already here', async () => {
    const store = new NotebookStore(dataDir);
    const { id } = await investigationWithEverything(store);
    const copy = await store.importArchive(await store.archive(id));
    expect(copy.id).not.toBe(id);
    expect(copy.title).toBe('Seed 000 <b> (imported)');
    expect((await store.list()).length).toBe(2);
  });

  it('refuses hostile or broken archives with the reason, and writes nothing', async () => {
    const store = new NotebookStore(dataDir);
    const { id } = await investigationWithEverything(store);
    const good = filesOf(join(dataDir, 'investigations', id));
    const bytes = (name: string) => Buffer.from(good.get(name) ?? '', 'hex');
    const base = {
      [`${id}/investigation.json`]: bytes('investigation.json'),
      [`${id}/notes.md`]: bytes('notes.md'),
    };
    const cases: [string, Record<string, Uint8Array>, RegExp][] = [
      ['zip slip', { ...base, [`${id}/../../evil.sh`]: strToU8('x') }, /does not have/],
      ['absolute', { ...base, '/etc/cron.d/x': strToU8('x') }, /does not have/],
      ['two folders', { ...base, 'other/notes.md': strToU8('x') }, /does not have/],
      ['stray file', { ...base, [`${id}/run.sh`]: strToU8('x') }, /does not have/],
      [
        'forged evidence',
        { ...base, [`${id}/evidence/sha256-${'0'.repeat(64)}`]: strToU8('x') },
        /checksum/,
      ],
      ['bad item', { ...base, [`${id}/items/a_abcdefgh1.json`]: strToU8('{"type":') }, /item/],
      [
        'newer format',
        {
          ...base,
          [`${id}/investigation.json`]: strToU8(
            JSON.stringify({ ...JSON.parse(bytes('investigation.json').toString()), format: 99 }),
          ),
        },
        /newer workbench/,
      ],
      ['no notes', { [`${id}/investigation.json`]: bytes('investigation.json') }, /notes\.md/],
    ];
    const elsewhere = new NotebookStore(otherDir);
    for (const [what, files, reason] of cases)
      await expect(elsewhere.importArchive(zipSync(files)), what).rejects.toThrow(reason);
    await expect(elsewhere.importArchive(strToU8('not a zip at all'))).rejects.toThrow(
      /not an investigation archive/,
    );
    expect(readdirSync(otherDir)).not.toContain('evil.sh');
    expect(await elsewhere.list()).toEqual([]);
  });
});
