import { open } from 'node:fs/promises';
import MiniSearch from 'minisearch';
import type { LibraryHit, LibrarySearchResult, NotebookItem } from '../../../shared/contract/index';
import { readEvidencePieces } from './evidencePieces';
import type { NotebookChange, NotebookStore } from './notebookStore';
import { captureWordsOf, isCaptureNoise, snippetOf, wordsOf } from './searchText';

/** Captured text is indexed in pieces of about this much: a match's line is found in one read. */
const PIECE_BYTES = 256 * 1024;
/** Captured text indexed per investigation; the rest is said to be not searched. */
export const EVIDENCE_CAP_BYTES = 256 * 1024 * 1024;
const MAX_RESULTS = 40;
const PER_INVESTIGATION = 3;
/** A title outranks notes and items, which outrank captured text that says the same. */
const BOOST = { title: 3, item: 2, notes: 1.5, evidence: 1 } as const;

type Where = LibraryHit['where'];
interface Doc {
  id: number;
  /** Titles, notes and items: every word. */
  text?: string;
  /** Captured text: its distinct words, noise left out (searchText.ts). */
  capture?: string;
}
interface DocInfo {
  investigationId: string;
  where: Where;
  itemId?: string;
  /** The text itself, or, for captured text, where it is in its file. */
  text?: string;
  evidence?: { path: string; start: number; length: number };
}
interface Evidence {
  itemId: string;
  bytes: number;
  indexedBytes: number;
  state: 'queued' | 'indexing' | 'done' | 'failed';
  docs: number[];
}
interface Indexed {
  title: string;
  docs: number[];
  evidence: Map<string, Evidence>;
  /** Captured text left out because of EVIDENCE_CAP_BYTES. */
  capped: boolean;
}

const yieldToLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/** A text cut at line ends into pieces of about `size` characters. */
function linePieces(text: string, size: number): string[] {
  const pieces: string[] = [];
  for (let at = 0; at < text.length;) {
    const newline = text.indexOf('\n', at + size);
    const end = newline < 0 ? text.length : newline + 1;
    pieces.push(text.slice(at, end));
    at = end;
  }
  return pieces;
}

function itemText(item: NotebookItem): string {
  if (item.type === 'snapshot') {
    const { host, pid, command } = item.source;
    return [item.title, host, pid === null ? '' : `PID ${pid}`, command ?? ''].join('\n');
  }
  if (item.type === 'finding') return `${item.title}\n${item.text}`;
  if (item.type === 'recording') return `${item.title}\n${item.host}`;
  return item.owner ? `${item.text}\n${item.owner}` : item.text;
}

/**
 * Full-text search over every investigation of a NotebookStore, with MiniSearch. Built on the
 * first search: titles, notes and items at once, captured text (evidence) in the background, a
 * piece at a time with a turn of the event loop between pieces (terminals share this process).
 * Kept up to date by the store's writes: an investigation written since is read again before the
 * next search; evidence is named by its checksum, so a piece already indexed never changes.
 */
export class LibraryIndex {
  private readonly index = new MiniSearch<Doc>({
    fields: ['text', 'capture'],
    tokenize: (text, field) => (field === 'capture' ? captureWordsOf(text) : wordsOf(text)),
    processTerm: (term) => term,
    searchOptions: { tokenize: wordsOf, processTerm: (term) => term },
  });
  private readonly docs = new Map<number, DocInfo>();
  private readonly investigations = new Map<string, Indexed>();
  private readonly stale = new Set<string>();
  /** When each folder's `investigation.json` was last written, as last seen. */
  private readonly versions = new Map<string, number | null>();
  private readonly queue: Array<{ investigationId: string; ref: string }> = [];
  private nextDoc = 0;
  private started = false;
  private indexing = false;
  private refreshed: Promise<void> = Promise.resolve();
  private readonly stopWatching: () => void;

  constructor(
    private readonly store: NotebookStore,
    private readonly capBytes = EVIDENCE_CAP_BYTES,
  ) {
    this.stopWatching = store.watch((change) => this.changed(change));
  }

  dispose(): void {
    this.stopWatching();
    this.queue.length = 0;
  }

  async search(query: string): Promise<LibrarySearchResult> {
    this.started = true;
    this.refreshed = this.refreshed.then(async () => {
      await this.noticeOtherWrites();
      await this.refresh();
    });
    await this.refreshed;
    const words = wordsOf(query);
    const results: LibraryHit[] = [];
    const perInvestigation = new Map<string, number>();
    const found = words.length
      ? this.index.search(query, {
          combineWith: 'AND',
          prefix: (term) => term.length >= 3,
          // One typo in a longer word; more costs tens of ms over a big index.
          fuzzy: (term) => (term.length >= 6 ? 1 : false),
          boostDocument: (id: number) => BOOST[this.docs.get(id)?.where ?? 'evidence'],
        })
      : [];
    for (const result of found) {
      const info = this.docs.get(Number(result.id));
      const shown = info ? (perInvestigation.get(info.investigationId) ?? 0) : 0;
      if (!info || shown >= PER_INVESTIGATION) continue;
      const snippet = snippetOf(await this.textOf(info), result.terms);
      if (!snippet) continue;
      perInvestigation.set(info.investigationId, shown + 1);
      results.push({
        investigationId: info.investigationId,
        title: this.investigations.get(info.investigationId)?.title ?? info.investigationId,
        where: info.where,
        ...(info.itemId ? { itemId: info.itemId } : {}),
        snippet: snippet.text,
        marks: snippet.marks,
        score: result.score,
      });
      if (results.length >= MAX_RESULTS) break;
    }
    const indexing = this.progress();
    const notCovered = this.notCovered(words);
    return { results, ...(indexing ? { indexing } : {}), ...(notCovered ? { notCovered } : {}) };
  }

  /**
   * Another instance of the app (or a copy made by hand) writes the same folders without telling
   * this store: every write ends by rewriting `investigation.json`, so a changed time there, a new
   * folder or a missing one is seen at the next search. The first search finds them all new.
   */
  private async noticeOtherWrites(): Promise<void> {
    const ids = await this.store.ids();
    const here = new Set(ids);
    for (const id of [...this.versions.keys()])
      if (!here.has(id)) {
        this.versions.delete(id);
        this.drop(id);
      }
    for (const id of ids) {
      const version = await this.store.version(id);
      if (version === this.versions.get(id)) continue;
      this.versions.set(id, version);
      this.stale.add(id);
    }
  }

  private changed({ investigationId, trashed }: NotebookChange): void {
    if (trashed) this.drop(investigationId);
    else if (this.started) this.stale.add(investigationId);
  }

  /** Reads again what changed since the last search; new captured text goes to the queue. */
  private async refresh(): Promise<void> {
    const ids = [...this.stale];
    this.stale.clear();
    for (const id of ids) await this.reindex(id);
    void this.indexEvidence();
  }

  private add(doc: Omit<Doc, 'id'>, info: DocInfo): number {
    const id = this.nextDoc++;
    this.index.add({ id, ...doc });
    this.docs.set(id, info);
    return id;
  }

  private discard(ids: readonly number[]): void {
    for (const id of ids) {
      if (this.docs.delete(id)) this.index.discard(id);
    }
  }

  private drop(investigationId: string): void {
    const indexed = this.investigations.get(investigationId);
    this.stale.delete(investigationId);
    if (!indexed) return;
    this.discard(indexed.docs);
    for (const evidence of indexed.evidence.values()) this.discard(evidence.docs);
    this.investigations.delete(investigationId);
  }

  private async reindex(investigationId: string): Promise<void> {
    const contents = await this.store.contents(investigationId).catch(() => null);
    if (!contents) return this.drop(investigationId);
    const { summary, notes, items } = contents;
    const indexed: Indexed = this.investigations.get(investigationId) ?? {
      title: summary.title,
      docs: [],
      evidence: new Map(),
      capped: false,
    };
    this.investigations.set(investigationId, indexed);
    this.discard(indexed.docs);
    indexed.title = summary.title;
    const at = (where: Where, text: string, itemId?: string) =>
      this.add({ text }, { investigationId, where, text, ...(itemId ? { itemId } : {}) });
    indexed.docs = [at('title', summary.title)];
    for (const piece of linePieces(notes, PIECE_BYTES)) indexed.docs.push(at('notes', piece));
    for (const item of items) indexed.docs.push(at('item', itemText(item), item.id));

    const wanted = new Map<string, { itemId: string; bytes: number }>();
    for (const item of items) {
      if (item.type === 'snapshot' && item.raw && !wanted.has(item.raw.ref))
        wanted.set(item.raw.ref, { itemId: item.id, bytes: item.raw.bytes });
    }
    for (const [ref, evidence] of indexed.evidence) {
      if (wanted.has(ref)) continue;
      this.discard(evidence.docs);
      indexed.evidence.delete(ref);
    }
    for (const [ref, { itemId, bytes }] of wanted) {
      if (indexed.evidence.has(ref)) continue;
      indexed.evidence.set(ref, { itemId, bytes, indexedBytes: 0, state: 'queued', docs: [] });
      this.queue.push({ investigationId, ref });
    }
  }

  /** Works through the queue of captured text, one piece per turn of the event loop. */
  private async indexEvidence(): Promise<void> {
    if (this.indexing) return;
    this.indexing = true;
    try {
      for (let job = this.queue.shift(); job; job = this.queue.shift()) await this.indexOne(job);
    } finally {
      this.indexing = false;
    }
  }

  private async indexOne({ investigationId, ref }: { investigationId: string; ref: string }) {
    const indexed = this.investigations.get(investigationId);
    const evidence = indexed?.evidence.get(ref);
    if (!indexed || !evidence || evidence.state !== 'queued') return;
    evidence.state = 'indexing';
    const path = this.store.evidencePath(investigationId, ref);
    // Still wanted: not trashed, its snapshot not removed, meanwhile.
    const wanted = () => this.investigations.get(investigationId)?.evidence.get(ref) === evidence;
    const name = await readEvidencePieces(path, PIECE_BYTES, async (piece) => {
      if (!wanted()) return false;
      if (this.indexedBytes(indexed) + piece.length > this.capBytes) {
        indexed.capped = true;
        return false;
      }
      const info = { investigationId, where: 'evidence' as const, itemId: evidence.itemId };
      evidence.docs.push(
        this.add(
          { capture: piece.text },
          { ...info, evidence: { path, start: piece.start, length: piece.length } },
        ),
      );
      evidence.indexedBytes += piece.length;
      await yieldToLoop();
      return true;
    }).catch(() => undefined);
    if (name === ref || (name === null && indexed.capped)) {
      evidence.state = 'done';
    } else if (wanted()) {
      // Unreadable, or no longer what its name says: nothing of it is shown.
      this.discard(evidence.docs);
      evidence.docs = [];
      evidence.state = 'failed';
    }
  }

  private indexedBytes(indexed: Indexed): number {
    let sum = 0;
    for (const evidence of indexed.evidence.values()) sum += evidence.indexedBytes;
    return sum;
  }

  private async textOf(info: DocInfo): Promise<string> {
    if (info.text !== undefined) return info.text;
    if (!info.evidence) return '';
    const { path, start, length } = info.evidence;
    const handle = await open(path, 'r').catch(() => null);
    if (!handle) return '';
    try {
      const data = Buffer.alloc(length);
      const { bytesRead } = await handle.read(data, 0, length, start);
      return data.toString('utf8', 0, bytesRead);
    } catch {
      return '';
    } finally {
      await handle.close();
    }
  }

  /** Bytes of captured text indexed so far, of all there is, while some is still waiting. */
  private progress(): { done: number; total: number } | null {
    let done = 0;
    let total = 0;
    let waiting = false;
    for (const indexed of this.investigations.values()) {
      for (const evidence of indexed.evidence.values()) {
        const finished = evidence.state === 'done' || evidence.state === 'failed';
        waiting ||= !finished;
        total += evidence.bytes;
        done += finished ? evidence.bytes : evidence.indexedBytes;
      }
    }
    return waiting ? { done, total } : null;
  }

  private notCovered(words: readonly string[]): string | null {
    const said: string[] = [];
    const indexed = [...this.investigations.values()];
    const capped = indexed.filter((i) => i.capped).length;
    if (capped)
      said.push(
        `Captured text past the first ${this.capBytes / 2 ** 20} MiB of ${capped} investigation${capped === 1 ? '' : 's'} is not searched.`,
      );
    const failed = indexed
      .flatMap((i) => [...i.evidence.values()])
      .filter((e) => e.state === 'failed').length;
    if (failed)
      said.push(
        `The captured text of ${failed} snapshot${failed === 1 ? '' : 's'} is not searched: unreadable, or altered since it was saved.`,
      );
    if (words.some((w) => isCaptureNoise(w)))
      said.push(
        'Numbers of 5 or more digits, hex strings and 0x… words are searched in titles, notes and items, not in captured text.',
      );
    return said.length ? said.join(' ') : null;
  }
}
