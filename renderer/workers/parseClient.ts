import type { ParserKind } from '../../shared/captures/recipes';
import type { TopFrame } from '../../shared/parsers/top/index';
import { useAppStore } from '../state/store';
import type { ParseRequest, ParseResult, ParserOptions } from './parseProtocol';

let worker: Worker | null = null;

function parseWorker(): Worker {
  if (worker) return worker;
  worker = new Worker(new URL('./parse.worker.ts', import.meta.url), {
    type: 'module',
    name: 'parse',
  });
  worker.onmessage = (event: MessageEvent<ParseResult>) => {
    const result = event.data;
    const state = useAppStore.getState();
    if (result.type === 'top-frame')
      state.topFrameParsed(result.streamId, result.frame, result.unparsedLines, result.provisional);
    else if (result.parser === 'top') {
      // Interactive top, read from its screen: the frame on screen now.
      if (result.model)
        state.topFrameParsed(
          result.streamId,
          result.model as TopFrame,
          result.unparsedLines,
          false,
        );
    } else state.modelParsed(result.streamId, result.parser, result.model, result.unparsedLines);
  };
  return worker;
}

const send = (request: ParseRequest, transfer: Transferable[] = []) =>
  parseWorker().postMessage(request, transfer);

/** Feeds a terminal's bytes to a parser in the worker; the store receives the models. */
export const parseStreams = {
  open: (streamId: string, parser: ParserKind, options?: ParserOptions) =>
    send({ type: 'open', streamId, parser, ...(options ? { options } : {}) }),
  /** The bytes are copied: xterm.js still needs the original. */
  feed(streamId: string, bytes: Uint8Array): void {
    const copy = bytes.slice();
    send({ type: 'bytes', streamId, bytes: copy }, [copy.buffer]);
  },
  close: (streamId: string) => send({ type: 'close', streamId }),
  /** Parses a whole text at once (a paste): open, one chunk, close. */
  parseText(streamId: string, parser: ParserKind, text: string, options?: ParserOptions): void {
    parseStreams.open(streamId, parser, options);
    parseStreams.feed(streamId, new TextEncoder().encode(text));
    parseStreams.close(streamId);
  },
};
