import type { ParserKind } from '../../shared/captures/recipes';
import type { TopFrame } from '../../shared/parsers/top/index';

/** Settings a parser needs from the capture (e.g. the nginx log_format). */
export interface ParserOptions {
  logFormat?: string;
  /** Collapsed stacks from a paste: no recording marker to wait for. */
  ungated?: boolean;
  /** A full-screen tool typed by hand (interactive `top`): parse the emulated screen. */
  screen?: boolean;
}

/** Messages between the UI thread and the parse worker. */
export type ParseRequest =
  | { type: 'open'; streamId: string; parser: ParserKind; options?: ParserOptions }
  | { type: 'bytes'; streamId: string; bytes: Uint8Array }
  | { type: 'close'; streamId: string };

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
}

export type ParseResult = TopFrameResult | ModelResult;
