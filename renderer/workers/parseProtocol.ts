import type { ParserKind } from '../../shared/captures/recipes';
import type { StackTree } from '../../shared/flame/stackTree';
import type { StackTreeData } from '../../shared/flame/stackTreeData';
import type { TopFrame } from '../../shared/parsers/top/index';
import type { RecordCounts } from '../../shared/parsers/pyspy/recordChatter';

/** Settings a parser needs from the capture (e.g. the nginx log_format). */
export interface ParserOptions {
  logFormat?: string;
  /** Collapsed stacks from a paste: no recording marker to wait for. */
  ungated?: boolean;
  /** A full-screen tool typed by hand (interactive `top`): parse the emulated screen. */
  screen?: boolean;
  /** Pasted or opened text, not a live terminal: plain `\n` line ends, lines of any width. */
  savedText?: boolean;
  /** The bytes are a terminal recording (asciicast): its output, less the first `skipBytes`. */
  cast?: { skipBytes: number };
}

/** Messages between the UI thread and the parse worker. */
export type ParseRequest =
  | { type: 'open'; streamId: string; parser: ParserKind; options?: ParserOptions }
  | { type: 'bytes'; streamId: string; bytes: Uint8Array }
  | { type: 'close'; streamId: string }
  /** Before/after comparison of two flame-graph trees, built in the worker. */
  | { type: 'diff'; requestId: number; before: StackTreeData; after: StackTreeData };

export interface TopFrameResult {
  type: 'top-frame';
  streamId: string;
  frame: TopFrame;
  unparsedLines: number;
  /** The frame may still grow: a later result for the same frame replaces it. */
  provisional: boolean;
}

/** The model of any other parser, posted at most every MODEL_POST_INTERVAL_MS while it changes. */
export interface ModelResult {
  type: 'model';
  streamId: string;
  parser: ParserKind;
  model: unknown;
  unparsedLines: number;
  /** Of those, lines too long to keep, dropped unread. */
  overlongLines: number;
}

/** Where a flame-graph stream is: before its data, reading it, its tree built, or failed. */
export interface FlameProgress {
  phase: 'waiting' | 'reading' | 'built' | 'failed';
  /** Characters and lines of stack text read so far. */
  chars: number;
  lines: number;
  /** How long the last tree took to build in the worker, ms. */
  buildMs?: number;
  failure?: string;
  /** What `py-spy record` said it sampled, and how many samples it could not read. */
  reported?: RecordCounts;
}

/** The `collapsed` parser's model as the worker posts it: the tree only when newly built. */
export interface FlameStreamModel {
  progress: FlameProgress;
  tree: StackTreeData | null;
  /** Distinct stacks in the tree. */
  stacks: number;
}

/** The `collapsed` model as the store keeps it: the last tree built stays until a newer one. */
export interface FlameModel {
  progress: FlameProgress;
  tree: StackTree | null;
  stacks: number;
}

export interface DiffResult {
  type: 'diff';
  requestId: number;
  tree: StackTreeData | null;
  error?: string;
}

export type ParseResult = TopFrameResult | ModelResult | DiffResult;
