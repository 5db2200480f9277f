import type { StateCreator } from 'zustand';
import type { TopFrame } from '../../shared/parsers/top/index';
import type { AppState } from './store';

/** How many frames of CPU history each thread keeps (one per top interval). */
export const HISTORY_FRAMES = 60;

export interface ThreadsView {
  frame: TopFrame | null;
  framesSeen: number;
  unparsedLines: number;
  /** %CPU per thread id over the last frames, oldest first. */
  history: Record<number, number[]>;
  /** The shown frame may still be replaced by its complete version. */
  provisional: boolean;
}

export interface ThreadsSlice {
  threadViews: Record<string, ThreadsView>;
  topFrameParsed(
    terminalId: string,
    frame: TopFrame,
    unparsedLines: number,
    provisional: boolean,
  ): void;
}

export const emptyThreadsView: ThreadsView = {
  frame: null,
  framesSeen: 0,
  unparsedLines: 0,
  history: {},
  provisional: false,
};

export const createThreadsSlice: StateCreator<AppState, [], [], ThreadsSlice> = (set) => ({
  threadViews: {},
  topFrameParsed: (terminalId, frame, unparsedLines, provisional) =>
    set((s) => {
      const previous = s.threadViews[terminalId] ?? emptyThreadsView;
      // A frame shown early and then completed is one sample, not two.
      const replacing = previous.provisional;
      const history: Record<number, number[]> = {};
      for (const row of frame.rows) {
        const past = previous.history[row.pid] ?? [];
        const kept = replacing ? past.slice(0, -1) : past;
        history[row.pid] = [...kept, row.cpuPercent].slice(-HISTORY_FRAMES);
      }
      const view: ThreadsView = {
        frame,
        framesSeen: previous.framesSeen + (replacing ? 0 : 1),
        unparsedLines,
        history,
        provisional,
      };
      return { threadViews: { ...s.threadViews, [terminalId]: view } };
    }),
});
