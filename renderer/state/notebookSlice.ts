import type { StateCreator } from 'zustand';
import type {
  InvestigationSummary,
  NotebookItem,
  OpenInvestigation,
} from '../../shared/contract/index';
import type { ExportKind } from '../../shared/notebook/exportFormats';
import type { AppState } from './store';

/** Where the notes are on disk: saved, being saved, or not saved (kept here, retried). */
export type NotesSaveState =
  | { state: 'saved'; at: string | null }
  | { state: 'saving' }
  | { state: 'failed'; message: string };

export interface ExportRequest {
  kind: ExportKind | 'archive';
  itemId?: string;
}

export interface NotebookSlice {
  /** The investigation this page works in (its notes live in the editor, not here). */
  investigation: OpenInvestigation | null;
  notesSave: NotesSaveState;
  /** The notebook panel beside the tabs. */
  notebookShown: boolean;
  library: InvestigationSummary[] | null;
  /** The export dialog, when open: the format it starts on and, for one item's format, the item. */
  exportDialog: ExportRequest | null;
  exportDialogShown(request: ExportRequest | null): void;
  investigationOpened(open: OpenInvestigation): void;
  investigationClosed(): void;
  notebookItemSaved(item: NotebookItem): void;
  notebookItemRemoved(itemId: string): void;
  notesSaveChanged(save: NotesSaveState): void;
  notebookToggled(shown?: boolean): void;
  libraryLoaded(list: InvestigationSummary[]): void;
}

export const createNotebookSlice: StateCreator<AppState, [], [], NotebookSlice> = (set) => ({
  investigation: null,
  notesSave: { state: 'saved', at: null },
  notebookShown: false,
  library: null,
  exportDialog: null,
  exportDialogShown: (exportDialog) =>
    set({ exportDialog, ...(exportDialog ? { notebookShown: true } : {}) }),
  investigationOpened: (open) =>
    set({ investigation: open, notebookShown: true, notesSave: { state: 'saved', at: null } }),
  investigationClosed: () => set({ investigation: null }),
  notebookItemSaved: (item) =>
    set((s) => {
      if (!s.investigation) return {};
      const items = s.investigation.items.filter((i) => i.id !== item.id);
      return { investigation: { ...s.investigation, items: [...items, item] } };
    }),
  notebookItemRemoved: (itemId) =>
    set((s) =>
      s.investigation
        ? {
            investigation: {
              ...s.investigation,
              items: s.investigation.items.filter((i) => i.id !== itemId),
            },
          }
        : {},
    ),
  notesSaveChanged: (notesSave) => set({ notesSave }),
  notebookToggled: (shown) => set((s) => ({ notebookShown: shown ?? !s.notebookShown })),
  libraryLoaded: (library) => set({ library }),
});
