/// <reference lib="webworker" />
import { TopStreamParser } from '../../shared/parsers/top/index';
import type { ParseRequest, ParseResult } from './parseProtocol';

/** After this much silence the frame being read is shown: top has finished writing it. */
const QUIET_MS = 150;

interface Stream {
  decoder: TextDecoder;
  parser: TopStreamParser;
  quietTimer: ReturnType<typeof setTimeout> | undefined;
}

const streams = new Map<string, Stream>();
const post = (result: ParseResult) =>
  (self as unknown as DedicatedWorkerGlobalScope).postMessage(result);

function postFrame(
  streamId: string,
  stream: Stream,
  frame: ParseResult['frame'] | undefined,
  provisional: boolean,
) {
  if (frame)
    post({
      type: 'top-frame',
      streamId,
      frame,
      unparsedLines: stream.parser.unparsedLines,
      provisional,
    });
}

/** Only the newest complete frame of a batch is posted: the table shows one frame at a time. */
function feed(streamId: string, stream: Stream, text: string): void {
  const frames = stream.parser.push(text);
  postFrame(streamId, stream, frames[frames.length - 1], false);
  clearTimeout(stream.quietTimer);
  stream.quietTimer = setTimeout(
    () => postFrame(streamId, stream, stream.parser.peek() ?? undefined, true),
    QUIET_MS,
  );
}

self.onmessage = (event: MessageEvent<ParseRequest>) => {
  const request = event.data;
  switch (request.type) {
    case 'open':
      // Bad UTF-8 becomes U+FFFD instead of an exception; `stream: true` keeps split characters whole.
      streams.set(request.streamId, {
        decoder: new TextDecoder('utf-8'),
        parser: new TopStreamParser(),
        quietTimer: undefined,
      });
      return;
    case 'bytes': {
      const stream = streams.get(request.streamId);
      if (stream)
        feed(request.streamId, stream, stream.decoder.decode(request.bytes, { stream: true }));
      return;
    }
    case 'close': {
      const stream = streams.get(request.streamId);
      if (!stream) return;
      clearTimeout(stream.quietTimer);
      streams.delete(request.streamId);
      const frames = stream.parser.end();
      postFrame(request.streamId, stream, frames[frames.length - 1], false);
      return;
    }
  }
};
