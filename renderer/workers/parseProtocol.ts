import type { TopFrame } from '../../shared/parsers/top/index';

/** Messages between the UI thread and the parse worker. */
export type ParseRequest =
  | { type: 'open'; streamId: string; parser: 'top' }
  | { type: 'bytes'; streamId: string; bytes: Uint8Array }
  | { type: 'close'; streamId: string };

export type ParseResult = {
  type: 'top-frame';
  streamId: string;
  frame: TopFrame;
  unparsedLines: number;
};
