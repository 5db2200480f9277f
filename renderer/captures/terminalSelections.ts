/**
 * What is selected in each mounted terminal, read when the engineer pins: the screen (xterm.js)
 * registers how to read its selection, the notebook asks by terminal id.
 */
const readers = new Map<string, () => string>();

/** Registers a terminal's selection reader; returns the unregister. */
export function registerSelection(terminalId: string, read: () => string): () => void {
  readers.set(terminalId, read);
  return () => {
    if (readers.get(terminalId) === read) readers.delete(terminalId);
  };
}

/** The text selected in that terminal, or '' when nothing is (or it is not on screen). */
export const selectionOf = (terminalId: string): string => readers.get(terminalId)?.() ?? '';
