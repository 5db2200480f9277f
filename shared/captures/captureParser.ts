import type { CollapsedPartsTarget } from '../parsers/collapsed/collapsedParts';
import type { StreamParser } from '../parsers/streamParser';

/**
 * A live parser as the parse worker runs it: a StreamParser, plus what some tools need beyond
 * text in, model out. `top` finishes a frame only when the next one starts, so after a pause it
 * shows the frame read so far; a flame graph builds its tree when the text pauses.
 */
export interface CaptureParser<Model> extends StreamParser<Model> {
  /** After this long without input, `quiet()` runs. */
  readonly quietMs?: number;
  /** The input paused: true when the model changed and should be posted. */
  quiet?(): boolean;
  /** False while there is nothing to show yet (a recording before its data): nothing is posted. */
  readonly ready?: boolean;
  /**
   * Work the end of the input leaves (a flame graph's tree): the worker posts the model first, so
   * the view can say the work is under way, then runs this and posts again.
   */
  afterEnd?(): void;
  /**
   * A cheap first view of what afterEnd builds (a large flame graph's visible nodes), made
   * before it: true when there is one, and the worker posts it before running afterEnd.
   */
  preview?(): boolean;
  /** Buffers inside a model to move to the other thread instead of copying. */
  transferables?(model: Model): ArrayBuffer[];
  /**
   * Set when the parser reads a file's UTF-8 bytes itself (a collapsed-stacks file through the
   * WebAssembly scanner): the worker then hands it the bytes instead of their text.
   */
  pushBytes?(bytes: Uint8Array): void;
  /** Set when a large file may be parsed in parts by other threads and merged here. */
  readonly collapsedParts?: CollapsedPartsTarget;
}
