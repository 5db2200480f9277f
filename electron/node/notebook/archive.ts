/**
 * An investigation as one file: a zip of its folder exactly as it is on disk (notes, item files,
 * evidence by SHA-256), so an import gives back the same files, byte for byte. An archive is
 * hostile input when it comes back: every name is matched against the folder's layout (no path
 * of its own choosing), every JSON file against its schema, every piece of evidence against its
 * name, and sizes are bounded before anything is unpacked.
 */
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { unzip, zip, type Unzipped, type UnzipFileInfo, type Zippable } from 'fflate';
import { NotebookItem } from '../../../shared/contract/index';
import { formatVerdict, InvestigationMeta } from './notebookFormat';

/** What an archive may hold, by name inside its one folder; nothing else is unpacked. */
const ENTRY =
  /^(investigation\.json|notes\.md|items\/[a-z]_[a-z0-9]{8,32}\.json|evidence\/sha256-[0-9a-f]{64})$/;
/** Bounds checked from the zip's directory, before any entry is inflated. */
export const ARCHIVE_LIMITS = { entries: 20_000, bytes: 2 * 1024 ** 3 } as const;

const promised = <T>(run: (done: (error: Error | null, value: T) => void) => void): Promise<T> =>
  new Promise((resolve, reject) => run((error, value) => (error ? reject(error) : resolve(value))));

/** The folder's files under `<id>/`, deflated (evidence at the fastest level: it can be large). */
export async function packFolder(folder: string, id: string): Promise<Uint8Array> {
  const files: Zippable = {};
  const add = async (name: string, level: 1 | 6) => {
    files[`${id}/${name}`] = [new Uint8Array(await readFile(join(folder, name))), { level }];
  };
  await add('investigation.json', 6);
  await add('notes.md', 6);
  for (const name of (await readdir(join(folder, 'items')).catch(() => [])).sort())
    if (ENTRY.test(`items/${name}`)) await add(`items/${name}`, 6);
  for (const name of (await readdir(join(folder, 'evidence')).catch(() => [])).sort())
    if (ENTRY.test(`evidence/${name}`)) await add(`evidence/${name}`, 1);
  // Fixed times: the same folder always gives the same archive.
  return promised((done) => zip(files, { mtime: new Date('2026-01-01T00:00:00Z') }, done));
}

export interface UnpackedInvestigation {
  meta: InvestigationMeta;
  /** Relative names (`notes.md`, `items/…`, `evidence/…`) and their bytes, all checked. */
  files: Map<string, Uint8Array>;
}

/** Reads an archive back, or throws with what is wrong with it; never writes anything. */
export async function unpackArchive(archive: Uint8Array): Promise<UnpackedInvestigation> {
  let folder: string | null = null;
  let entries = 0;
  let total = 0;
  const refused: string[] = [];
  const filter = (file: UnzipFileInfo): boolean => {
    entries++;
    total += file.originalSize;
    const slash = file.name.indexOf('/');
    const top = file.name.slice(0, slash);
    const rest = file.name.slice(slash + 1);
    if (file.name.endsWith('/')) return false;
    folder ??= top;
    if (slash <= 0 || top !== folder || !ENTRY.test(rest)) {
      refused.push(file.name);
      return false;
    }
    return entries <= ARCHIVE_LIMITS.entries && total <= ARCHIVE_LIMITS.bytes;
  };
  const unzipped: Unzipped = await promised<Unzipped>((done) =>
    unzip(archive, { filter }, done),
  ).catch((error: unknown) => {
    throw new Error(`This is not an investigation archive (${message(error)}).`);
  });
  if (entries > ARCHIVE_LIMITS.entries || total > ARCHIVE_LIMITS.bytes)
    throw new Error(
      `The archive is too big to import (${entries} files, ${(total / 1024 ** 2).toFixed(0)} MiB unpacked; at most ${ARCHIVE_LIMITS.entries} files and ${ARCHIVE_LIMITS.bytes / 1024 ** 3} GiB).`,
    );
  if (refused.length > 0)
    throw new Error(
      `The archive holds files an investigation does not have: ${refused.slice(0, 3).join(', ')}.`,
    );
  const files = new Map<string, Uint8Array>();
  for (const [name, bytes] of Object.entries(unzipped))
    files.set(name.slice(name.indexOf('/') + 1), bytes);
  return { meta: checkFiles(files), files };
}

/** UTF-8 text, or a clear refusal: the app only ever writes valid UTF-8. */
function text(bytes: Uint8Array, name = 'a file'): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new Error(`The archive’s ${name} is not text.`);
  }
}

function checkFiles(files: Map<string, Uint8Array>): InvestigationMeta {
  const metaBytes = files.get('investigation.json');
  if (!metaBytes) throw new Error('The archive has no investigation.json.');
  const meta = InvestigationMeta.safeParse(parseJson(text(metaBytes, 'investigation.json')));
  if (!meta.success) throw new Error('The archive’s investigation.json does not read.');
  const verdict = formatVerdict(meta.data.format);
  if (verdict.kind === 'newer') throw new Error(`Not imported: ${verdict.problem}.`);
  if (!files.has('notes.md')) throw new Error('The archive has no notes.md.');
  text(files.get('notes.md') ?? new Uint8Array(), 'notes.md');
  for (const [name, bytes] of files) {
    if (name.startsWith('items/')) {
      const item = NotebookItem.safeParse(parseJson(text(bytes, name)));
      if (!item.success || `items/${item.data.id}.json` !== name)
        throw new Error(`The archive’s ${name} is not an item this app can read.`);
    }
    if (name.startsWith('evidence/')) {
      const sum = `sha256-${createHash('sha256').update(bytes).digest('hex')}`;
      if (`evidence/${sum}` !== name)
        throw new Error(`The archive’s ${name} does not match its checksum.`);
    }
  }
  return meta.data;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));
