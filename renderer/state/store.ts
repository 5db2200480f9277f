import { create } from 'zustand';
import { createHostsSlice, type HostsSlice } from './hostsSlice';
import { createModelsSlice, type ModelsSlice } from './modelsSlice';
import { createNoticesSlice, type NoticesSlice } from './noticesSlice';
import { createTabsSlice, type TabsSlice } from './tabsSlice';
import { createThreadsSlice, type ThreadsSlice } from './threadsSlice';
import { createUiSlice, type UiSlice } from './uiSlice';

export type AppState = HostsSlice & TabsSlice & ThreadsSlice & ModelsSlice & NoticesSlice & UiSlice;

/** One store of typed slices; actions are named after what happened. */
export const useAppStore = create<AppState>()((...a) => ({
  ...createHostsSlice(...a),
  ...createTabsSlice(...a),
  ...createThreadsSlice(...a),
  ...createModelsSlice(...a),
  ...createNoticesSlice(...a),
  ...createUiSlice(...a),
}));
