import type { DomainHandlers } from '../handlers/handlerTypes';
import type { LibraryIndex } from './libraryIndex';
import type { NotebookStore } from './notebookStore';

/** The notebook's requests for one page (`owner`): the page that opens an investigation writes it. */
export function notebookHandlers(
  store: NotebookStore,
  library: LibraryIndex,
  owner: string,
): DomainHandlers<'notebook'> {
  return {
    'notebook.list': () => store.list(),
    'notebook.create': ({ title }) => store.create(title, owner),
    'notebook.open': ({ investigationId }) => store.open(investigationId, owner),
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
    'notebook.evidence': async ({ investigationId, ref }) => ({
      text: await store.evidenceText(investigationId, ref),
    }),
    'notebook.search': ({ query }) => library.search(query),
  };
}
