/** Electron IPC channel names: the preload forwards these and nothing else. */
export const IpcChannels = {
  invoke: 'wb:invoke',
  event: 'wb:event',
  terminalAttach: 'wb:terminal-attach',
  terminalPort: 'wb:terminal-port',
} as const;

/** What the preload puts on `window.workbench` (a plain bridge; the typed client wraps it). */
export interface PreloadBridge {
  invoke(method: string, payload: unknown): Promise<unknown>;
  onEvent(listener: (name: string, payload: unknown) => void): () => void;
  /** Asks for a terminal's MessagePort; it arrives as a window message of type `wb:terminal-port`. */
  attachTerminal(terminalId: string): void;
}
