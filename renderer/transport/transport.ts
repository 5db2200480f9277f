/** A terminal's byte stream as the renderer sees it, whatever carries it. */
export interface TerminalStream {
  onData(listener: (bytes: Uint8Array) => void): void;
  /** The program ended and all its output has been delivered to `onData`. */
  onEnd(listener: () => void): void;
  /** A line of the workbench's own, in order with the output: shown, never parsed. */
  onNote(listener: (text: string) => void): void;
  /** Any length: it is sent in pieces, in order. */
  sendInput(data: string): void;
  /** Tells the Node side that `bytes` more have been written into xterm.js. */
  ack(bytes: number): void;
  /** The stream was closed by the other side or the network (not by `close`): why, in words. */
  onClosed(listener: (reason: string) => void): void;
  close(): void;
}

/** The two ways to reach the Node side: Electron's preload, or the browser mode's WebSocket. */
export interface Transport {
  invoke(method: string, payload: unknown): Promise<unknown>;
  onEvent(listener: (name: string, payload: unknown) => void): () => void;
  openTerminalStream(terminalId: string): TerminalStream;
}
