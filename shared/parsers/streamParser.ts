/**
 * The shape every live tool-output parser has, so the parse worker can run any of them:
 * text in (already decoded, in chunks of any size), a model out. A parser never throws; what it
 * does not understand it counts. Feeding the same text in any chunking gives the same model.
 */
export interface StreamParser<Model> {
  /** Consumes more output. */
  push(text: string): void;
  /** The output ended: flush a partial last line or record. */
  end(): void;
  /** The model so far. It must be safe to post to another thread (plain data, no functions). */
  snapshot(): Model;
  /** Lines (or records) seen but not understood so far. */
  readonly unparsedLines: number;
  /** Of those, lines too long to keep (a multi-megabyte line): dropped unread, memory bounded. */
  readonly overlongLines?: number;
  /**
   * Parsers that read asynchronously (through a terminal emulator): resolves once everything
   * pushed so far shows in `snapshot()`. Absent: `snapshot()` is always up to date.
   */
  settled?(): Promise<void>;
}
