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
  /** The triage dialog is open (Ctrl+Shift+D). */
  triageShown: boolean;
  triageShownSet(shown: boolean): void;
  /** The fleet dialog is open (Ctrl+Shift+L). */
  fleetShown: boolean;
  fleetShownSet(shown: boolean): void;
  captureRequest: CaptureRequest | null;
  captureRequested(request: CaptureRequest): void;
  captureDialogClosed(): void;
}

export const createUiSlice: StateCreator<AppState, [], [], UiSlice> = (set) => ({
  triageShown: false,
  triageShownSet: (shown) => set({ triageShown: shown }),
  fleetShown: false,
  fleetShownSet: (shown) => set({ fleetShown: shown }),
  captureRequest: null,
  captureRequested: (request) => set({ captureRequest: request }),
  captureDialogClosed: () => set({ captureRequest: null }),
});
