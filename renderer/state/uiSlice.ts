import type { StateCreator } from 'zustand';
import type { RecipeId } from '../../shared/captures/recipes';
import type { AppState } from './store';

/** A request to open the capture dialog, preset: from a thread row, a shortcut, a button. */
export interface CaptureRequest {
  recipe: RecipeId;
  pid?: number;
  /** The thread to focus in the resulting stacks view. */
  focusTid?: number;
  /** strace: false to trace the one thread given as PID (no -f). */
  followThreads?: boolean;
  connectionId?: string;
}

export interface UiSlice {
  captureRequest: CaptureRequest | null;
  /** Capture tabs: terminal and parsed view side by side, or the parsed view alone. */
  captureLayout: 'split' | 'view';
  captureLayoutToggled(): void;
  /** Dragging the terminal closed (or open again) sets the layout too. */
  captureLayoutSet(layout: 'split' | 'view'): void;
  captureRequested(request: CaptureRequest): void;
  captureDialogClosed(): void;
}

export const createUiSlice: StateCreator<AppState, [], [], UiSlice> = (set) => ({
  captureRequest: null,
  captureLayout: 'split',
  captureLayoutToggled: () =>
    set((s) => ({ captureLayout: s.captureLayout === 'split' ? 'view' : 'split' })),
  captureLayoutSet: (layout) => set({ captureLayout: layout }),
  captureRequested: (request) => set({ captureRequest: request }),
  captureDialogClosed: () => set({ captureRequest: null }),
});
