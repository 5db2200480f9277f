import type { TopFrame } from '../../shared/parsers/top/index';

/** Messages between the UI thread and the parse worker. */
export type ParseRequest =
  | { type: 'open'; streamId: string; parser: 'top' }
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

export type ParseResult = TopFrameResult;
