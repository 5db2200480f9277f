import { workbenchClient } from '../../state/client';
import { useAppStore } from '../../state/store';

/** Typing is saved this long after it pauses… */
const QUIET_MS = 400;
/** …and never later than this after the first unsaved change: at most a second of typing is at risk. */
const MAX_WAIT_MS = 1000;
/** A failed save (a full disk, the server gone) is tried again this often; the text stays here. */
const RETRY_MS = 3000;

let investigationId: string | null = null;
let writable = false;
/** The latest text, read only when it is saved: the editor's immutable document, not a copy per key. */
let latest: () => string = () => '';
let latestText = '';
let saved = '';
let firstUnsaved = 0;
let timer: ReturnType<typeof setTimeout> | undefined;
let inFlight: Promise<void> | null = null;

const setState = useAppStore.getState;

function schedule(delay: number): void {
  clearTimeout(timer);
  timer = setTimeout(() => {
    timer = undefined;
    void save();
  }, delay);
}

/** One save at a time, always of the latest text; a change during a save is saved after it. */
async function save(): Promise<void> {
  clearTimeout(timer);
  if (inFlight) return inFlight;
  const id = investigationId;
  if (!id || !writable) return;
  const text = latest();
  latestText = text;
  if (text === saved) return;
  setState().notesSaveChanged({ state: 'saving' });
  inFlight = workbenchClient()
    .call('notebook.saveNotes', { investigationId: id, notes: text })
    .then(
      ({ savedAt }) => {
        if (id !== investigationId) return;
        saved = text;
        firstUnsaved = 0;
        setState().notesSaveChanged({ state: 'saved', at: savedAt });
      },
      (error: unknown) => {
        if (id !== investigationId) return;
        const message = error instanceof Error ? error.message : String(error);
        setState().notesSaveChanged({ state: 'failed', message });
        schedule(RETRY_MS);
      },
    )
    .finally(() => {
      inFlight = null;
      if (id === investigationId && latest() !== saved && !timer) schedule(0);
    });
  return inFlight;
}

/**
 * The notes of the open investigation, saved as they are typed, off the typing path: the editor
 * hands over its text, saves run in the background, one at a time, latest text first.
 */
export const notesAutosave = {
  start(id: string, text: string, canWrite: boolean): void {
    clearTimeout(timer);
    timer = undefined;
    investigationId = id;
    writable = canWrite;
    latest = () => text;
    latestText = text;
    saved = text;
    firstUnsaved = 0;
  },
  changed(text: () => string): void {
    if (!investigationId) return;
    latest = text;
    const now = Date.now();
    if (firstUnsaved === 0) firstUnsaved = now;
    schedule(Math.max(0, Math.min(QUIET_MS, firstUnsaved + MAX_WAIT_MS - now)));
  },
  /** The text typed so far, saved or not (the editor shows it after a re-render). */
  text: (): string => (investigationId ? latest() : latestText),
  async flush(): Promise<void> {
    await inFlight;
    await save();
  },
  stop(): void {
    clearTimeout(timer);
    timer = undefined;
    latestText = latest();
    investigationId = null;
  },
};
