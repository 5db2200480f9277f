import type { StateCreator } from 'zustand';
import type { AppState } from './store';

export interface Notice {
  id: number;
  level: 'error' | 'info';
  text: string;
  /** One button that fixes what the notice reports. */
  action?: { label: string; run(): void };
}

export interface NoticesSlice {
  notices: Notice[];
  noticeRaised(level: Notice['level'], text: string, action?: Notice['action']): void;
  noticeDismissed(id: number): void;
}

let nextNoticeId = 1;
const MAX_NOTICES = 5;

export const createNoticesSlice: StateCreator<AppState, [], [], NoticesSlice> = (set) => ({
  notices: [],
  noticeRaised: (level, text) =>
    set((s) => ({
      notices: [...s.notices, { id: nextNoticeId++, level, text }].slice(-MAX_NOTICES),
    })),
  noticeDismissed: (id) => set((s) => ({ notices: s.notices.filter((n) => n.id !== id) })),
});
