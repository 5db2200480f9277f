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

/**
 * How long a notice stays. One with a button waits for the engineer (its action may still be
 * needed); the others clear themselves, errors after long enough to be read.
 */
export const NOTICE_LIFETIME_MS: Record<Notice['level'], number> = { info: 6_000, error: 15_000 };

export const createNoticesSlice: StateCreator<AppState, [], [], NoticesSlice> = (set, get) => ({
  notices: [],
  noticeRaised: (level, text, action) => {
    const id = nextNoticeId++;
    const notice: Notice = action ? { id, level, text, action } : { id, level, text };
    set((s) => ({ notices: [...s.notices, notice].slice(-MAX_NOTICES) }));
    if (!action) setTimeout(() => get().noticeDismissed(id), NOTICE_LIFETIME_MS[level]);
  },
  noticeDismissed: (id) => set((s) => ({ notices: s.notices.filter((n) => n.id !== id) })),
});
