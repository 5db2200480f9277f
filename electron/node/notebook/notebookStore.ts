import { mkdir, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import {
  NotebookItem,
  RecordingItem,
  type InvestigationSummary,
  type NewItem,
  type OpenInvestigation,
} from '../../../shared/contract/index';
import { newId } from '../util/ids';
import { packFolder, unpackArchive } from './archive';
import { writeDurably } from './durableWrite';
import { EvidenceStore } from './evidenceStore';
import {
  FORMAT_VERSION,
  InvestigationMeta,
  migrate,
  MIGRATIONS,
  type Migration,
} from './notebookFormat';
import { NotebookLocks } from './notebookLock';
import { castSeconds, refersTo, type KeptLog } from './recordings';
import { stableJson } from './stableJson';
import {
  openOf,
  parseJson,
  readFolder,
  readItem,
  summaryOf,
  type ReadFolder,
  type ReadOptions,
} from './folderRead';

const ITEM_PREFIX = { snapshot: 's', finding: 'f', action: 'a', recording: 'r' } as const;
/** Item files longer than this open without their model (see folderRead.ts). */
const DEFER_ITEM_CHARS = 64 * 1024;

/** A write to an investigation, told to watchers (the library's search index) once it is on disk. */
export interface NotebookChange {
  investigationId: string;
  /** Moved to the trash: gone from the library. */
  trashed: boolean;
}

/**
 * Investigations on disk (docs/notebook-format.md): a folder each under `investigations/`, every
 * write durable (temporary file, fsync, rename), one writer per investigation (NotebookLocks).
 * A folder it cannot fully understand (damaged, or from a newer version) opens read-only and is
 * never written.
 */
export class NotebookStore {
  private readonly locks = new NotebookLocks();
  private readonly evidence = new EvidenceStore();
  /** Investigations open read-only because of what is on disk, with the reason. */
  private readonly damaged = new Map<string, string>();
  private readonly watchers = new Set<(change: NotebookChange) => void>();

  constructor(
    private readonly dataDir: string,
    private readonly migrations: readonly Migration[] = MIGRATIONS,
    private readonly format = FORMAT_VERSION,
  ) {}

  private folder = (id: string) => join(this.dataDir, 'investigations', id);
  private lockPath = (id: string) => join(this.folder(id), 'lock');

  /** Calls `watcher` after every write; returns what stops it. */
  watch(watcher: (change: NotebookChange) => void): () => void {
    this.watchers.add(watcher);
    return () => void this.watchers.delete(watcher);
  }

  private changed(investigationId: string, trashed = false): void {
    for (const watcher of this.watchers) watcher({ investigationId, trashed });
  }

  /** The folder names under `investigations/` (not checked: `contents` says what each holds). */
  async ids(): Promise<string[]> {
    return readdir(join(this.dataDir, 'investigations')).catch(() => []);
  }

  /** When an investigation was last written, by anyone (its `investigation.json` changes last). */
  async version(id: string): Promise<number | null> {
    const info = await stat(join(this.folder(id), 'investigation.json')).catch(() => null);
    return info ? info.mtimeMs : null;
  }

  async list(): Promise<InvestigationSummary[]> {
    const summaries: InvestigationSummary[] = [];
    for (const id of await this.ids()) {
      const read = await this.read(id).catch(() => null);
      if (read) summaries.push(summaryOf(read));
    }
    return summaries;
  }

  async create(title: string, owner: string): Promise<OpenInvestigation> {
    const now = new Date().toISOString();
    const meta: InvestigationMeta = {
      format: this.format,
      id: newId('i'),
      title,
      createdAt: now,
      updatedAt: now,
    };
    const folder = this.folder(meta.id);
    await mkdir(join(folder, 'items'), { recursive: true, mode: 0o700 });
    await writeDurably(join(folder, 'notes.md'), '');
    await writeDurably(join(folder, 'investigation.json'), stableJson(meta));
    this.changed(meta.id);
    return this.open(meta.id, owner);
  }

  async open(id: string, owner: string): Promise<OpenInvestigation> {
    let read = await this.read(id, { deferOver: DEFER_ITEM_CHARS });
    if (!read.problem && read.meta.format < this.format) {
      // Migrations write: only under the lock, then read again.
      const refused = await this.locks.acquire(id, this.lockPath(id), owner);
      if (refused) return { ...openOf(read), readOnly: `${refused}; it needs an upgrade first` };
      await migrate(this.folder(id), read.meta.format, this.migrations);
      this.changed(id);
      read = await this.read(id, { deferOver: DEFER_ITEM_CHARS });
    }
    if (read.problem) {
      this.damaged.set(id, read.problem);
      return { ...openOf(read), readOnly: read.problem };
    }
    this.damaged.delete(id);
    const refused = await this.locks.acquire(id, this.lockPath(id), owner);
    return { ...openOf(read), readOnly: refused };
  }

  async close(id: string, owner: string): Promise<void> {
    await this.locks.release(id, this.lockPath(id), owner);
  }

  /** A page went away: what it held may be opened for writing elsewhere. */
  async releaseAll(owner: string): Promise<void> {
    for (const id of this.locks.heldBy(owner)) await this.close(id, owner);
  }

  async rename(id: string, title: string, owner: string): Promise<InvestigationSummary> {
    await this.writable(id, owner);
    const read = await this.read(id);
    const meta = await this.touch(id, read.meta, { title });
    return summaryOf({ ...read, meta });
  }

  /** Moves the folder to `trash/` (never deleted here); nobody else may hold it. */
  async trash(id: string, owner: string): Promise<void> {
    const refused = await this.locks.acquire(id, this.lockPath(id), owner);
    if (refused) throw new Error(`Not moved to the trash: ${refused}.`);
    const trash = join(this.dataDir, 'trash');
    await mkdir(trash, { recursive: true, mode: 0o700 });
    await this.close(id, owner);
    await rename(this.folder(id), join(trash, `${id}-${Date.now()}`));
    this.changed(id, true);
  }

  async saveNotes(id: string, notes: string, owner: string): Promise<{ savedAt: string }> {
    const current = await this.writable(id, owner);
    await writeDurably(join(this.folder(id), 'notes.md'), notes);
    const meta = await this.touch(id, current, {});
    return { savedAt: meta.updatedAt };
  }

  async addItem(id: string, item: NewItem, owner: string): Promise<NotebookItem> {
    const current = await this.writable(id, owner);
    const saved = NotebookItem.parse({ ...item, id: newId(ITEM_PREFIX[item.type]) });
    await writeDurably(join(this.folder(id), 'items', `${saved.id}.json`), stableJson(saved));
    await this.touch(id, current, {});
    return saved;
  }

  /** One item whole: a snapshot's model too (opening may have left it out). */
  async item(id: string, itemId: string): Promise<NotebookItem> {
    const item = await readItem(this.folder(id), itemId);
    if (!item) throw new Error('That item is not in this investigation, or cannot be read.');
    return item;
  }

  async updateItem(id: string, item: NotebookItem, owner: string): Promise<NotebookItem> {
    const current = await this.writable(id, owner);
    const path = join(this.folder(id), 'items', `${item.id}.json`);
    const stored = await readItem(this.folder(id), item.id);
    if (!stored || stored.type !== item.type)
      throw new Error('That item is not in this investigation.');
    // What was captured is not the page's to change (and a page may hold it without its model).
    const next =
      stored.type === 'snapshot' && item.type === 'snapshot'
        ? { ...item, capture: stored.capture, raw: stored.raw }
        : item;
    await writeDurably(path, stableJson(next));
    await this.touch(id, current, {});
    return next;
  }

  async removeItem(id: string, itemId: string, owner: string): Promise<void> {
    const current = await this.writable(id, owner);
    await rm(join(this.folder(id), 'items', `${itemId}.json`), { force: true });
    await this.touch(id, current, {});
  }

  async uploadEvidence(
    id: string,
    upload: { uploadId: string; piece: string; done: boolean },
    owner: string,
  ): Promise<{ ref: string | null; bytes: number }> {
    await this.writable(id, owner);
    return this.evidence.append(this.folder(id), id, upload.uploadId, upload.piece, upload.done);
  }

  async evidencePiece(
    id: string,
    ref: string,
    offset: number,
  ): Promise<{ text: string; next: number; bytes: number }> {
    return this.evidence.readPiece(this.folder(id), ref, offset);
  }

  /**
   * Copies a terminal's capture log in as its recording: a new item the first time, the same
   * item with the longer copy afterwards (the older copy is dropped).
   */
  async keepRecording(id: string, log: KeptLog, owner: string): Promise<RecordingItem> {
    const current = await this.writable(id, owner);
    const folder = this.folder(id);
    const kept = await this.evidence.keepFile(folder, log.path);
    const { items } = await this.read(id);
    const before = items.find(
      (item): item is RecordingItem =>
        item.type === 'recording' && item.terminalId === log.terminalId,
    );
    const item = RecordingItem.parse({
      type: 'recording',
      id: before?.id ?? newId('r'),
      title: log.title,
      host: log.host,
      terminalId: log.terminalId,
      eventAt: log.startedAt,
      seconds: await castSeconds(log.path),
      keptAt: new Date().toISOString(),
      recording: kept,
    });
    await writeDurably(join(folder, 'items', `${item.id}.json`), stableJson(item));
    const stillUsed = items.some(
      (other) => other.id !== before?.id && refersTo(other, before?.recording.ref),
    );
    if (before && before.recording.ref !== kept.ref && !stillUsed)
      await this.evidence.drop(folder, before.recording.ref);
    await this.touch(id, current, {});
    return item;
  }

  /** The investigation's folder as one zip (see archive.ts): read only, no lock needed. */
  async archive(id: string): Promise<Uint8Array> {
    await this.read(id);
    return packFolder(this.folder(id), id);
  }

  /** An archive's investigation: the one already here with its id, else imported. */
  async importOnce(archive: Uint8Array): Promise<InvestigationSummary> {
    const { meta } = await unpackArchive(archive);
    const here = await this.read(meta.id).catch(() => null);
    return here ? summaryOf(here) : this.importArchive(archive);
  }

  /**
   * Unpacks a checked archive as a new folder, whole or not at all (a hidden folder renamed into
   * place). An id already here gets a new one: the copy never replaces what is on disk.
   */
  async importArchive(archive: Uint8Array): Promise<InvestigationSummary> {
    const { meta, files } = await unpackArchive(archive);
    const taken = await stat(this.folder(meta.id)).catch(() => null);
    const id = taken ? newId('i') : meta.id;
    const root = join(this.dataDir, 'investigations');
    const temp = join(root, `.import-${id}`);
    await rm(temp, { recursive: true, force: true });
    try {
      for (const [name, bytes] of files)
        if (name !== 'investigation.json') await writeDurably(join(temp, name), bytes);
      await mkdir(join(temp, 'items'), { recursive: true, mode: 0o700 });
      // The same bytes as in the archive, unless a copy needs an id and a title of its own.
      const original = files.get('investigation.json') ?? stableJson(meta);
      const kept = taken
        ? stableJson({ ...meta, id, title: `${meta.title} (imported)` })
        : original;
      await writeDurably(join(temp, 'investigation.json'), kept);
      await rename(temp, this.folder(id));
      this.changed(id);
    } catch (error) {
      await rm(temp, { recursive: true, force: true });
      throw error;
    }
    return summaryOf(await this.read(id));
  }

  /** Where a piece of evidence is, to be read in parts (its name is checked by whoever reads it all). */
  evidencePath(id: string, ref: string): string {
    return join(this.folder(id), 'evidence', ref);
  }

  /** What an investigation holds, read without taking its lock (nothing is written). */
  async contents(id: string): Promise<Omit<OpenInvestigation, 'readOnly'>> {
    return openOf(await this.read(id));
  }

  /**
   * Its `investigation.json`, if this page holds it and nothing in it forbids writing. Only the
   * meta is read: a save (once a second while typing) must not re-read every item.
   */
  private async writable(id: string, owner: string): Promise<InvestigationMeta> {
    const problem = this.damaged.get(id);
    if (problem) throw new Error(`This investigation is read-only: ${problem}.`);
    if (!this.locks.holds(id, owner))
      throw new Error('This investigation is not open for writing here: open it again.');
    const text = await readFile(join(this.folder(id), 'investigation.json'), 'utf8');
    const meta = InvestigationMeta.safeParse(parseJson(text));
    if (!meta.success)
      throw new Error('This investigation is read-only: its investigation.json is damaged.');
    return meta.data;
  }

  private async touch(
    id: string,
    meta: InvestigationMeta,
    change: Partial<Pick<InvestigationMeta, 'title'>>,
  ): Promise<InvestigationMeta> {
    const next = { ...meta, ...change, updatedAt: new Date().toISOString() };
    await writeDurably(join(this.folder(id), 'investigation.json'), stableJson(next));
    // Every write ends here: notes, items, a new title.
    this.changed(id);
    return next;
  }

  /** Reads a folder without throwing on what is in it (see folderRead.ts). */
  private read(id: string, options: ReadOptions = {}): Promise<ReadFolder> {
    return readFolder(this.folder(id), id, this.format, options);
  }
}
