/// <reference lib="webworker" />
import './workerGlobals';
import {
  captureKind,
  type KindedPosted,
  type ParserKind,
  type ParserOptions,
} from '../../shared/captures/captureKinds';
import type { CaptureParser } from '../../shared/captures/captureParser';
import { StackTree } from '../../shared/flame/stackTree';
import { stackTreeBuffers, type StackTreeData, treeToData } from '../../shared/flame/stackTreeData';
import { partsOf, planParts, parseInHelper } from './blobParts';
import { CastInput } from './castInput';
import type { ParseRequest, ParseResult } from './parseProtocol';
import { workerParserEnv } from './parserEnv';

/** Models of fast streams (strace at 20 000 lines/s) reach the UI at most this often. */
const MODEL_POST_INTERVAL_MS = 200;

/** One parse stream: any kind, its model posted with its kind. */
interface Stream {
  parser: CaptureParser<unknown>;
  /** The model now, with its kind, and the buffers to transfer with it. */
  take(): { posted: KindedPosted; transfer: ArrayBuffer[] };
  decoder: TextDecoder;
  /** Recordings: the bytes are asciicast, the parser reads the output it recorded. */
  cast: CastInput | null;
  timer?: ReturnType<typeof setTimeout>;
  quietTimer?: ReturnType<typeof setTimeout>;
  lastPost: number;
}

const streams = new Map<string, Stream>();
// `self` is typed as a window here (the DOM lib); its options form of postMessage is a worker's too.
const post = (result: ParseResult, transfer: ArrayBuffer[] = []) =>
  self.postMessage(result, { transfer });

/** Opens a parser of one kind; `take` keeps the kind and the model's type together. */
function openKind<K extends ParserKind>(kind: K, options: ParserOptions) {
  const parser = captureKind(kind).create(options, workerParserEnv);
  const take = () => {
    const model = parser.snapshot();
    const posted: KindedPosted<K> = { parser: kind, model };
    return { posted, transfer: parser.transferables?.(model) ?? [] };
  };
  return { parser, take };
}

function postModel(streamId: string, stream: Stream): void {
  clearTimeout(stream.timer);
  stream.timer = undefined;
  stream.lastPost = performance.now();
  const { posted, transfer } = stream.take();
  post(
    {
      type: 'model',
      streamId,
      ...posted,
      unparsedLines: stream.parser.unparsedLines,
      overlongLines: stream.parser.overlongLines ?? 0,
    },
    transfer,
  );
}

/**
 * A post is due once the interval has passed. Checked on every chunk as well as by the timer:
 * under a flood of chunk messages the worker may not run a due timer until the flood ends.
 */
const due = (stream: Stream): boolean =>
  performance.now() - stream.lastPost >= MODEL_POST_INTERVAL_MS;

/** Runs `then` once the parser shows what it was given (a terminal emulator parses later). */
function whenSettled(parser: CaptureParser<unknown>, then: () => void): void {
  const settled = parser.settled?.();
  if (settled) void settled.then(then);
  else then();
}

function feed(streamId: string, stream: Stream, input: string | Uint8Array): void {
  if (typeof input === 'string') stream.parser.push(input);
  else stream.parser.pushBytes?.(input);
  if (stream.parser.quietMs !== undefined) {
    clearTimeout(stream.quietTimer);
    stream.quietTimer = setTimeout(() => {
      if (streams.get(streamId) === stream && stream.parser.quiet?.()) postModel(streamId, stream);
    }, stream.parser.quietMs);
  }
  whenSettled(stream.parser, () => schedulePost(streamId, stream));
}

/** The model changed: posted now if a post is due, else when it is. */
function schedulePost(streamId: string, stream: Stream): void {
  if (streams.get(streamId) !== stream) return; // closed meanwhile: close posts the last model
  if (stream.parser.ready === false) return;
  // Throttle, not debounce: an endless flood still updates the view five times a second.
  if (due(stream)) postModel(streamId, stream);
  else stream.timer ??= setTimeout(() => postModel(streamId, stream), MODEL_POST_INTERVAL_MS);
}

function open(streamId: string, kind: ParserKind, options: ParserOptions = {}): void {
  const previous = streams.get(streamId);
  if (previous) stop(previous);
  const { parser, take } = openKind(kind, options);
  streams.set(streamId, {
    parser,
    take,
    // Bad UTF-8 becomes U+FFFD instead of an exception; `stream: true` keeps characters whole.
    decoder: new TextDecoder('utf-8'),
    cast: options.cast ? new CastInput(options.cast.skipBytes) : null,
    lastPost: 0,
  });
}

/** Pieces of one stream decoded as one text (a character may be split between them). */
const decodeAll = (decoder: TextDecoder, pieces: readonly Uint8Array[]): string =>
  pieces.map((piece) => decoder.decode(piece, { stream: true })).join('');

/** Bytes for a stream: a recording's are replaced by the output it recorded. */
function received(streamId: string, bytes: Uint8Array): void {
  const stream = streams.get(streamId);
  if (!stream) return;
  const { parser } = stream;
  if (parser.pushBytes && !stream.cast) return feed(streamId, stream, bytes);
  const text = decodeAll(stream.decoder, stream.cast ? stream.cast.bytes(bytes) : [bytes]);
  if (text) feed(streamId, stream, text);
}

function stop(stream: Stream): void {
  clearTimeout(stream.timer);
  clearTimeout(stream.quietTimer);
}

function close(streamId: string): void {
  const stream = streams.get(streamId);
  if (!stream) return;
  const rest = stream.cast
    ? decodeAll(stream.decoder, stream.cast.end())
    : stream.decoder.decode(new Uint8Array(0));
  if (rest) stream.parser.push(rest);
  streams.delete(streamId);
  stop(stream);
  stream.parser.end();
  whenSettled(stream.parser, () => {
    const { parser } = stream;
    if (parser.afterEnd) {
      postModel(streamId, stream); // says what is under way before it runs
      if (parser.preview?.()) postModel(streamId, stream);
      parser.afterEnd();
    }
    postModel(streamId, stream);
  });
}

/**
 * Reads a handed-over source to its end, parsing each piece as it arrives, then (`rest`) what
 * else the source has (a file's other parts), then closes.
 */
async function readStream(
  streamId: string,
  readId: number,
  source: ReadableStream<Uint8Array>,
  rest?: (wanted: () => boolean) => Promise<number>,
): Promise<void> {
  const target = streams.get(streamId);
  // Reopened or closed meanwhile (another file in the same tab): this source is no longer wanted.
  const wanted = () => streams.get(streamId) === target;
  let bytes = 0;
  let error: string | undefined;
  try {
    bytes += await pump(streamId, source, wanted);
    if (rest && target && wanted()) {
      clearTimeout(target.quietTimer); // waiting for the other parts is not a pause in the text
      bytes += await rest(wanted);
    }
  } catch (failure) {
    error = failure instanceof Error ? failure.message : String(failure);
  }
  post({ type: 'read', readId, bytes, ...(error === undefined ? {} : { error }) });
  if (wanted()) close(streamId);
}

/** Parses `source` into the stream as it arrives; the bytes read. */
async function pump(
  streamId: string,
  source: ReadableStream<Uint8Array>,
  wanted: () => boolean,
): Promise<number> {
  const reader = source.getReader();
  let bytes = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (!wanted()) {
      await reader.cancel();
      break;
    }
    bytes += value.length;
    received(streamId, value);
  }
  return bytes;
}

/**
 * A file: a large collapsed-stacks one is parsed in parts by helper workers at the same time as
 * this worker reads its first part (see blobParts.ts); any other is read here as it comes.
 */
async function readBlob(
  streamId: string,
  readId: number,
  blob: Blob,
  threads: number | undefined,
): Promise<void> {
  const stream = streams.get(streamId);
  const target = stream?.parser.collapsedParts;
  const parts = partsOf(threads, self.navigator.hardwareConcurrency || 1);
  const plan = target ? await planParts(blob, parts).catch(() => null) : null;
  // Reopened or closed while the plan was made: this file is no longer wanted.
  const superseded = () => streams.get(streamId) !== stream;
  if (superseded()) return post({ type: 'read', readId, bytes: 0 });
  const [first, ...others] = plan?.ranges ?? [];
  if (!target || !plan || !first) return readStream(streamId, readId, blob.stream());
  const helpers = others.map(([from, to], k) => ({
    from,
    to,
    ...parseInHelper(blob.slice(from, to), plan.mode, (chars, lines) => {
      target.reading(k + 1, chars, lines);
      if (stream) schedulePost(streamId, stream);
    }),
  }));
  await Promise.all(helpers.map((helper) => helper.started));
  if (superseded()) {
    for (const helper of helpers) helper.stop();
    return post({ type: 'read', readId, bytes: 0 });
  }
  const rest = async (wanted: () => boolean): Promise<number> => {
    let bytes = 0;
    try {
      for (const [k, helper] of helpers.entries()) {
        const parsed = await helper.result;
        if (!wanted()) break;
        if (parsed) target.absorb(k + 1, parsed.part, parsed.chars, parsed.lines);
        else {
          target.reading(k + 1, 0, 0); // read here instead, and counted as it is
          await pump(streamId, blob.slice(helper.from, helper.to).stream(), wanted);
        }
        bytes += helper.to - helper.from;
      }
    } finally {
      for (const helper of helpers) helper.stop();
    }
    return bytes;
  };
  return readStream(streamId, readId, blob.slice(first[0], first[1]).stream(), rest);
}

function diff(requestId: number, before: StackTreeData, after: StackTreeData): void {
  try {
    const tree = treeToData(
      StackTree.diffTrees(StackTree.fromData(before), StackTree.fromData(after)),
      true, // a tree of its own: handed over, not copied
    );
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
    case 'stream':
      return void readStream(request.streamId, request.readId, request.stream);
    case 'blob':
      return void readBlob(request.streamId, request.readId, request.blob, request.threads);
    case 'diff':
      return diff(request.requestId, request.before, request.after);
  }
};
