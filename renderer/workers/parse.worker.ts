/// <reference lib="webworker" />
import './workerGlobals';
import { TopStreamParser } from '../../shared/parsers/top/index';
import type { StreamParser } from '../../shared/parsers/streamParser';
import type { ParseRequest, ParseResult, ParserOptions } from './parseProtocol';
import { createParser } from './parserRegistry';
import type { ParserKind } from '../../shared/captures/recipes';

/** After this much silence the top frame being read is shown: top has finished writing it. */
const QUIET_MS = 150;
/** Models of fast streams (strace at 20 000 lines/s) reach the UI at most this often. */
const MODEL_POST_INTERVAL_MS = 200;

type Stream =
  | {
      kind: 'top';
      decoder: TextDecoder;
      parser: TopStreamParser;
      quietTimer?: ReturnType<typeof setTimeout>;
    }
  | {
      kind: 'model';
      parserKind: ParserKind;
      decoder: TextDecoder;
      parser: StreamParser<unknown>;
      dirty: boolean;
      timer?: ReturnType<typeof setTimeout>;
    };

const streams = new Map<string, Stream>();
const post = (result: ParseResult) =>
  (self as unknown as DedicatedWorkerGlobalScope).postMessage(result);

function postTop(
  streamId: string,
  stream: Extract<Stream, { kind: 'top' }>,
  frame: ReturnType<TopStreamParser['peek']>,
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

function postModel(streamId: string, stream: Extract<Stream, { kind: 'model' }>) {
  stream.dirty = false;
  stream.timer = undefined;
  post({
    type: 'model',
    streamId,
    parser: stream.parserKind,
    model: stream.parser.snapshot(),
    unparsedLines: stream.parser.unparsedLines,
  });
}

function feed(streamId: string, stream: Stream, text: string): void {
  if (stream.kind === 'top') {
    const frames = stream.parser.push(text);
    postTop(streamId, stream, frames[frames.length - 1] ?? null, false);
    clearTimeout(stream.quietTimer);
    stream.quietTimer = setTimeout(
      () => postTop(streamId, stream, stream.parser.peek(), true),
      QUIET_MS,
    );
    return;
  }
  stream.parser.push(text);
  stream.dirty = true;
  // Throttle, not debounce: an endless flood still updates the view five times a second.
  stream.timer ??= setTimeout(() => postModel(streamId, stream), MODEL_POST_INTERVAL_MS);
}

function open(streamId: string, kind: ParserKind, options: ParserOptions = {}): void {
  // Bad UTF-8 becomes U+FFFD instead of an exception; `stream: true` keeps split characters whole.
  const decoder = new TextDecoder('utf-8');
  if (kind === 'top' && !options.screen) {
    streams.set(streamId, { kind: 'top', decoder, parser: new TopStreamParser() });
    return;
  }
  const parser = createParser(kind, options);
  if (parser)
    streams.set(streamId, { kind: 'model', parserKind: kind, decoder, parser, dirty: false });
}

function close(streamId: string): void {
  const stream = streams.get(streamId);
  if (!stream) return;
  streams.delete(streamId);
  if (stream.kind === 'top') {
    clearTimeout(stream.quietTimer);
    const frames = stream.parser.end();
    postTop(streamId, stream, frames[frames.length - 1] ?? null, false);
  } else {
    clearTimeout(stream.timer);
    stream.parser.end();
    postModel(streamId, stream);
  }
}

self.onmessage = (event: MessageEvent<ParseRequest>) => {
  const request = event.data;
  switch (request.type) {
    case 'open':
      return open(request.streamId, request.parser, request.options);
    case 'bytes': {
      const stream = streams.get(request.streamId);
      if (stream)
        feed(request.streamId, stream, stream.decoder.decode(request.bytes, { stream: true }));
      return;
    }
    case 'close':
      return close(request.streamId);
  }
};
