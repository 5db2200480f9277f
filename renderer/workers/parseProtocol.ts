import type { KindedPosted, ParserKind, ParserOptions } from '../../shared/captures/captureKinds';
import type { StackTreeData } from '../../shared/flame/stackTreeData';

export type { ParserOptions };
export type { FlameModel, FlameProgress, FlameStreamModel } from '../../shared/flame/flameModel';

/** Messages between the UI thread and the parse worker. */
export type ParseRequest =
  | { type: 'open'; streamId: string; parser: ParserKind; options?: ParserOptions }
  | { type: 'bytes'; streamId: string; bytes: Uint8Array }
  | { type: 'close'; streamId: string }
  /**
   * A whole source (a download) handed over as a stream: the worker reads it as it comes and
   * closes the parse stream at its end, so reading overlaps parsing. (A transferred stream is
   * still pumped by the UI thread, chunk by chunk, into the worker.) Answered by a `read` result.
   */
  | { type: 'stream'; streamId: string; readId: number; stream: ReadableStream<Uint8Array> }
  /** A file: the worker opens its stream itself, so no byte of it crosses the UI thread. */
  /** `threads`: how many threads read a large collapsed-stacks file (default: cores − 1). */
  | { type: 'blob'; streamId: string; readId: number; blob: Blob; threads?: number }
  /** Before/after comparison of two flame-graph trees, built in the worker. */
  | { type: 'diff'; requestId: number; before: StackTreeData; after: StackTreeData };

/** A parser's model, posted at most every MODEL_POST_INTERVAL_MS while it changes. */
export type ModelResult = KindedPosted & {
  type: 'model';
  streamId: string;
  unparsedLines: number;
  /** Of those, lines too long to keep, dropped unread. */
  overlongLines: number;
};

export interface DiffResult {
  type: 'diff';
  requestId: number;
  tree: StackTreeData | null;
  error?: string;
}

/** A `stream` request's source was read to its end (or failed); its last model follows. */
export interface ReadResult {
  type: 'read';
  readId: number;
  bytes: number;
  error?: string;
}

export type ParseResult = ModelResult | DiffResult | ReadResult;
