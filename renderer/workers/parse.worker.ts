/// <reference lib="webworker" />
import { TopStreamParser } from '../../shared/parsers/top/index';
import type { ParseRequest, ParseResult } from './parseProtocol';

interface Stream {
  decoder: TextDecoder;
  parser: TopStreamParser;
}

const streams = new Map<string, Stream>();
const post = (result: ParseResult) =>
  (self as unknown as DedicatedWorkerGlobalScope).postMessage(result);

/** Only the newest frame of a batch is posted: the table shows one frame at a time. */
function publish(streamId: string, stream: Stream, text: string): void {
  const frames = stream.parser.push(text);
  const last = frames[frames.length - 1];
  if (last)
    post({ type: 'top-frame', streamId, frame: last, unparsedLines: stream.parser.unparsedLines });
}

self.onmessage = (event: MessageEvent<ParseRequest>) => {
  const request = event.data;
  switch (request.type) {
    case 'open':
      // Bad UTF-8 becomes U+FFFD instead of an exception; `stream: true` keeps split characters whole.
      streams.set(request.streamId, {
        decoder: new TextDecoder('utf-8'),
        parser: new TopStreamParser(),
      });
      return;
    case 'bytes': {
      const stream = streams.get(request.streamId);
      if (stream)
        publish(request.streamId, stream, stream.decoder.decode(request.bytes, { stream: true }));
      return;
    }
    case 'close': {
      const stream = streams.get(request.streamId);
      if (!stream) return;
      streams.delete(request.streamId);
      const frames = stream.parser.end();
      const last = frames[frames.length - 1];
      if (last)
        post({
          type: 'top-frame',
          streamId: request.streamId,
          frame: last,
          unparsedLines: stream.parser.unparsedLines,
        });
      return;
    }
  }
};
