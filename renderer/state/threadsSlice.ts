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
}

export interface ThreadsSlice {
  threadViews: Record<string, ThreadsView>;
  topFrameParsed(terminalId: string, frame: TopFrame, unparsedLines: number): void;
}

export const emptyThreadsView: ThreadsView = {
  frame: null,
  framesSeen: 0,
  unparsedLines: 0,
  history: {},
};

export const createThreadsSlice: StateCreator<AppState, [], [], ThreadsSlice> = (set) => ({
  threadViews: {},
  topFrameParsed: (terminalId, frame, unparsedLines) =>
    set((s) => {
      const previous = s.threadViews[terminalId] ?? emptyThreadsView;
      const history: Record<number, number[]> = {};
      for (const row of frame.rows) {
        history[row.pid] = [...(previous.history[row.pid] ?? []), row.cpuPercent].slice(
          -HISTORY_FRAMES,
        );
      }
      const view: ThreadsView = {
        frame,
        framesSeen: previous.framesSeen + 1,
        unparsedLines,
        history,
      };
      return { threadViews: { ...s.threadViews, [terminalId]: view } };
    }),
});
