/// <reference lib="webworker" />
import './workerGlobals';
import { TopStreamParser } from '../../shared/parsers/top/index';
import type { StreamParser } from '../../shared/parsers/streamParser';
import { StackTree } from '../../shared/flame/stackTree';
import { stackTreeBuffers, type StackTreeData } from '../../shared/flame/stackTreeData';
import { FlameStream } from './flameStream';
import type { ParseRequest, ParseResult, ParserOptions } from './parseProtocol';
import { CastInput } from './castInput';
import { createParser } from './parserRegistry';
import type { ParserKind } from '../../shared/captures/recipes';

/** After this much silence the top frame being read is shown: top has finished writing it. */
const QUIET_MS = 150;
/** Models of fast streams (strace at 20 000 lines/s) reach the UI at most this often. */
const MODEL_POST_INTERVAL_MS = 200;
/** A flame-graph stream that pauses this long gets its tree built (a recognised, unending one). */
const FLAME_QUIET_MS = 1000;

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
      lastPost: number;
    }
  | {
      kind: 'flame';
      decoder: TextDecoder;
      flame: FlameStream;
      timer?: ReturnType<typeof setTimeout>;
      lastPost: number;
      quietTimer?: ReturnType<typeof setTimeout>;
    };

const streams = new Map<string, Stream>();
/** Streams whose bytes are a recording: its output is what the parser reads. */
const casts = new Map<string, CastInput>();
const post = (result: ParseResult, transfer: Transferable[] = []) =>
  (self as unknown as DedicatedWorkerGlobalScope).postMessage(result, transfer);

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
  clearTimeout(stream.timer);
  stream.timer = undefined;
  stream.lastPost = performance.now();
  post({
    type: 'model',
    streamId,
    parser: stream.parserKind,
    model: stream.parser.snapshot(),
    unparsedLines: stream.parser.unparsedLines,
    overlongLines: stream.parser.overlongLines ?? 0,
  });
}

/**
 * A post is due once the interval has passed. Checked on every chunk as well as by the timer:
 * under a flood of chunk messages the worker may not run a due timer until the flood ends.
 */
const due = (stream: { lastPost: number }): boolean =>
  performance.now() - stream.lastPost >= MODEL_POST_INTERVAL_MS;

function postFlame(streamId: string, stream: Extract<Stream, { kind: 'flame' }>, build: boolean) {
  clearTimeout(stream.timer);
  stream.timer = undefined;
  stream.lastPost = performance.now();
  const model = build
    ? stream.flame.build()
    : { progress: stream.flame.progress(), tree: null, stacks: 0 };
  post(
    {
      type: 'model',
      streamId,
      parser: 'collapsed',
      model,
      unparsedLines: stream.flame.unparsedLines,
      overlongLines: stream.flame.overlongLines,
    },
    model.tree ? stackTreeBuffers(model.tree) : [],
  );
}

function feedFlame(streamId: string, stream: Extract<Stream, { kind: 'flame' }>, text: string) {
  const wasStarted = stream.flame.started;
  stream.flame.push(text);
  if (!stream.flame.started) return;
  if (!wasStarted || due(stream)) postFlame(streamId, stream, false);
  else
    stream.timer ??= setTimeout(() => postFlame(streamId, stream, false), MODEL_POST_INTERVAL_MS);
  clearTimeout(stream.quietTimer);
  stream.quietTimer = setTimeout(() => {
    if (stream.flame.changed) postFlame(streamId, stream, true);
  }, FLAME_QUIET_MS);
}

function feed(streamId: string, stream: Stream, text: string): void {
  if (stream.kind === 'flame') return feedFlame(streamId, stream, text);
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
  whenSettled(stream.parser, () => {
    if (streams.get(streamId) !== stream) return; // closed meanwhile: close posts the last model
    stream.dirty = true;
    // Throttle, not debounce: an endless flood still updates the view five times a second.
    if (due(stream)) postModel(streamId, stream);
    else stream.timer ??= setTimeout(() => postModel(streamId, stream), MODEL_POST_INTERVAL_MS);
  });
}

/** Runs `then` once the parser shows what it was given (a terminal emulator parses later). */
function whenSettled(parser: StreamParser<unknown>, then: () => void): void {
  const settled = parser.settled?.();
  if (settled) void settled.then(then);
  else then();
}

function open(streamId: string, kind: ParserKind, options: ParserOptions = {}): void {
  if (options.cast) casts.set(streamId, new CastInput(options.cast.skipBytes));
  else casts.delete(streamId);
  // Bad UTF-8 becomes U+FFFD instead of an exception; `stream: true` keeps split characters whole.
  const decoder = new TextDecoder('utf-8');
  if (kind === 'top' && !options.screen) {
    streams.set(streamId, { kind: 'top', decoder, parser: new TopStreamParser() });
    return;
  }
  if (kind === 'collapsed') {
    const flame = new FlameStream({ ungated: Boolean(options.ungated) });
    streams.set(streamId, { kind: 'flame', decoder, flame, lastPost: performance.now() });
    return;
  }
  const parser = createParser(kind, options);
  if (parser)
    streams.set(streamId, {
      kind: 'model',
      parserKind: kind,
      decoder,
      parser,
      dirty: false,
      lastPost: performance.now(),
    });
}

/** Bytes for a stream: a recording's are replaced by the output it recorded. */
function received(streamId: string, bytes: Uint8Array): void {
  const stream = streams.get(streamId);
  if (!stream) return;
  const cast = casts.get(streamId);
  const text = cast
    ? decodeAll(stream.decoder, cast.bytes(bytes))
    : decodeAll(stream.decoder, [bytes]);
  if (text) feed(streamId, stream, text);
}

/** Pieces of one stream decoded as one text (a character may be split between them). */
const decodeAll = (decoder: TextDecoder, pieces: readonly Uint8Array[]): string =>
  pieces.map((piece) => decoder.decode(piece, { stream: true })).join('');

function close(streamId: string): void {
  const stream = streams.get(streamId);
  const cast = casts.get(streamId);
  casts.delete(streamId);
  if (!stream) return;
  const rest = cast ? decodeAll(stream.decoder, cast.end()) : '';
  if (rest) feed(streamId, stream, rest);
  streams.delete(streamId);
  if (stream.kind === 'top') {
    clearTimeout(stream.quietTimer);
    const frames = stream.parser.end();
    postTop(streamId, stream, frames[frames.length - 1] ?? null, false);
  } else if (stream.kind === 'flame') {
    clearTimeout(stream.quietTimer);
    stream.flame.end();
    postFlame(streamId, stream, stream.flame.changed);
  } else {
    clearTimeout(stream.timer);
    stream.parser.end();
    whenSettled(stream.parser, () => postModel(streamId, stream));
  }
}

function diff(requestId: number, before: StackTreeData, after: StackTreeData): void {
  try {
    const tree = StackTree.diffTrees(
      StackTree.fromData(before),
      StackTree.fromData(after),
    ).toData();
    post({ type: 'diff', requestId, tree }, stackTreeBuffers(tree));
  } catch (error) {
    post({ type: 'diff', requestId, tree: null, error: String(error) });
  }
}

self.onmessage = (event: MessageEvent<ParseRequest>) => {
  const request = event.data;
  switch (request.type) {
    case 'open':
      return open(request.streamId, request.parser, request.options);
    case 'bytes':
      return received(request.streamId, request.bytes);
    case 'close':
      return close(request.streamId);
    case 'diff':
      return diff(request.requestId, request.before, request.after);
  }
};
