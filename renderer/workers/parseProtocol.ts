import type { KindedPosted, ParserKind, ParserOptions } from '../../shared/captures/captureKinds';
import type { StackTreeData } from '../../shared/flame/stackTreeData';

export type { ParserOptions };
export type { FlameModel, FlameProgress, FlameStreamModel } from '../../shared/flame/flameModel';

/** Messages between the UI thread and the parse worker. */
export type ParseRequest =
  | { type: 'open'; streamId: string; parser: ParserKind; options?: ParserOptions }
  | { type: 'bytes'; streamId: string; bytes: Uint8Array }
  | { type: 'close'; streamId: string }
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

export type ParseResult = ModelResult | DiffResult;
