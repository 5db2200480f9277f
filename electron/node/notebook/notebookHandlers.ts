import { readFile } from 'node:fs/promises';
import type { DomainHandlers } from '../handlers/handlerTypes';
import type { ArchiveTransfers } from './archiveTransfers';
import type { LibraryIndex } from './libraryIndex';
import type { NotebookStore } from './notebookStore';
import type { KeptLog } from './recordings';

/** What the notebook's requests reach besides the store. */
export interface NotebookServices {
  /** Names a terminal's capture log: the renderer sends a terminal id, never a path. */
  logOf(terminalId: string): KeptLog | undefined;
  transfers: ArchiveTransfers;
  library: LibraryIndex;
  /** The archive of the sample investigation, if the app ships one. */
  sampleArchive: string | null;
}

/** The notebook's requests for one page (`owner`): the page that opens an investigation writes it. */
export function notebookHandlers(
  store: NotebookStore,
  owner: string,
  { logOf, transfers, library, sampleArchive }: NotebookServices,
): DomainHandlers<'notebook'> {
  return {
    'notebook.list': () => store.list(),
    'notebook.create': ({ title }) => store.create(title, owner),
    'notebook.open': ({ investigationId }) => store.open(investigationId, owner),
    'notebook.item': ({ investigationId, itemId }) => store.item(investigationId, itemId),
    'notebook.close': async ({ investigationId }) => {
      await store.close(investigationId, owner);
      return {};
    },
    'notebook.rename': ({ investigationId, title }) => store.rename(investigationId, title, owner),
    'notebook.trash': async ({ investigationId }) => {
      await store.trash(investigationId, owner);
      return {};
    },
    'notebook.saveNotes': ({ investigationId, notes }) =>
      store.saveNotes(investigationId, notes, owner),
    'notebook.addItem': ({ investigationId, item }) => store.addItem(investigationId, item, owner),
    'notebook.updateItem': ({ investigationId, item }) =>
      store.updateItem(investigationId, item, owner),
    'notebook.removeItem': async ({ investigationId, itemId }) => {
      await store.removeItem(investigationId, itemId, owner);
      return {};
    },
    'notebook.uploadEvidence': ({ investigationId, ...upload }) =>
      store.uploadEvidence(investigationId, upload, owner),
    'notebook.evidence': ({ investigationId, ref, offset }) =>
      store.evidencePiece(investigationId, ref, offset),
    'notebook.keepRecording': async ({ investigationId, terminalId }) => {
      const log = logOf(terminalId);
      if (!log) throw new Error('That terminal kept no capture log in this session of the app.');
      return store.keepRecording(investigationId, log, owner);
    },
    'notebook.archive': async ({ investigationId }) =>
      transfers.offer(await store.archive(investigationId)),
    'notebook.archivePiece': async ({ archiveId, offset }) => transfers.piece(archiveId, offset),
    'notebook.importPiece': async ({ importId, data, done }) => {
      const archive = transfers.receive(importId, data, done);
      return { imported: archive ? await store.importArchive(archive) : null };
    },
    'notebook.openSample': async () => {
      if (!sampleArchive) throw new Error('This build of the app has no sample investigation.');
      return store.importOnce(new Uint8Array(await readFile(sampleArchive)));
    },
    'notebook.search': ({ query }) => library.search(query),
  };
}
