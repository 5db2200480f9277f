import { create } from 'zustand';
import { createHostsSlice, type HostsSlice } from './hostsSlice';
import { createModelsSlice, type ModelsSlice } from './modelsSlice';
import { createNoticesSlice, type NoticesSlice } from './noticesSlice';
import { createNotebookSlice, type NotebookSlice } from './notebookSlice';
import { createTabsSlice, type TabsSlice } from './tabsSlice';
import { createUiSlice, type UiSlice } from './uiSlice';

export type AppState = HostsSlice &
  TabsSlice &
  ModelsSlice &
  NoticesSlice &
  NotebookSlice &
  UiSlice;

/** One store of typed slices; actions are named after what happened. */
export const useAppStore = create<AppState>()((...a) => ({
  ...createHostsSlice(...a),
  ...createTabsSlice(...a),
  ...createModelsSlice(...a),
  ...createNoticesSlice(...a),
  ...createNotebookSlice(...a),
  ...createUiSlice(...a),
}));
