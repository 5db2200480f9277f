import {
  captureKind,
  type KindedModel,
  type KindedPosted,
  type ParserKind,
  type ParserOptions,
} from '../../shared/captures/captureKinds';
import { StackTree } from '../../shared/flame/stackTree';
import { isStackTreeData, stackTreeBuffers, treeToData } from '../../shared/flame/stackTreeData';
import { isParsedKind, type ParsedModel } from '../state/modelsSlice';
import { useAppStore } from '../state/store';
import type { DiffResult, ParseRequest, ParseResult, ReadResult } from '../workers/parseProtocol';

let worker: Worker | null = null;
let nextDiffId = 1;
const pendingDiffs = new Map<number, (result: DiffResult) => void>();
let nextReadId = 1;
const pendingReads = new Map<number, (result: ReadResult) => void>();

/** A posted model as the store keeps it, by its kind's registry entry (flame: the tree rebuilt). */
function received<K extends ParserKind>(
  posted: KindedPosted<K>,
  previous: ParsedModel | undefined,
): KindedModel<K> {
  const kind = posted.parser;
  const before = previous && isParsedKind(previous, kind) ? previous.model : null;
  return { parser: kind, model: captureKind(kind).receive(posted.model, before) };
}

function parseWorker(): Worker {
  if (worker) return worker;
  worker = new Worker(new URL('../workers/parse.worker.ts', import.meta.url), {
    type: 'module',
    name: 'parse',
  });
  worker.onmessage = (event: MessageEvent<ParseResult>) => {
    const result = event.data;
    if (result.type === 'diff') {
      pendingDiffs.get(result.requestId)?.(result);
      return;
    }
    if (result.type === 'read') {
      pendingReads.get(result.readId)?.(result);
      return;
    }
    const state = useAppStore.getState();
    state.modelParsed(result.streamId, {
      ...received(result, state.models[result.streamId]),
      unparsedLines: result.unparsedLines,
      overlongLines: result.overlongLines,
    });
  };
  return worker;
}

const send = (request: ParseRequest, transfer: Transferable[] = []) =>
  parseWorker().postMessage(request, transfer);

/**
 * Bytes waiting to go to the worker, by stream. A fast tool arrives as hundreds of small
 * WebSocket messages a second; one post per message cost the UI thread more than the parse.
 * Chunks are held for a few ms (or until 256 KiB) and posted as one copy.
 */
const FLUSH_MS = 8;
const FLUSH_BYTES = 256 * 1024;
const pending = new Map<string, { chunks: Uint8Array[]; bytes: number }>();
let flushTimer: ReturnType<typeof setTimeout> | undefined;

function flush(streamId: string): void {
  const waiting = pending.get(streamId);
  if (!waiting) return;
  pending.delete(streamId);
  // One copy: xterm.js still reads the originals, so they cannot be transferred.
  const joined = new Uint8Array(waiting.bytes);
  let at = 0;
  for (const chunk of waiting.chunks) {
    joined.set(chunk, at);
    at += chunk.length;
  }
  send({ type: 'bytes', streamId, bytes: joined }, [joined.buffer]);
}

function flushAll(): void {
  flushTimer = undefined;
  for (const streamId of [...pending.keys()]) flush(streamId);
}

/** Opens a parse stream whose source the worker reads itself; resolves with the bytes read. */
function readInWorker(
  streamId: string,
  parser: ParserKind,
  options: ParserOptions | undefined,
  hand: (readId: number) => void,
): Promise<number> {
  const readId = nextReadId++;
  flush(streamId);
  parseStreams.open(streamId, parser, options);
  return new Promise((resolve, reject) => {
    pendingReads.set(readId, (result) => {
      pendingReads.delete(readId);
      if (result.error === undefined) resolve(result.bytes);
      else reject(new Error(result.error));
    });
    hand(readId);
  });
}

/** Feeds a terminal's bytes to a parser in the worker; the store receives the models. */
export const parseStreams = {
  /**
   * Starts the worker now, so its script is loaded and compiled while the page starts rather
   * than when the first file or capture arrives (a few hundred ms on a 2-core machine).
   */
  start: (): void => void parseWorker(),
  open: (streamId: string, parser: ParserKind, options?: ParserOptions) =>
    send({ type: 'open', streamId, parser, ...(options ? { options } : {}) }),
  /** The bytes are read, not kept: the caller's buffer is left as it is. */
  feed(streamId: string, bytes: Uint8Array): void {
    if (bytes.length === 0) return;
    let waiting = pending.get(streamId);
    if (!waiting) {
      waiting = { chunks: [], bytes: 0 };
      pending.set(streamId, waiting);
    }
    waiting.chunks.push(bytes);
    waiting.bytes += bytes.length;
    if (waiting.bytes >= FLUSH_BYTES) flush(streamId);
    else flushTimer ??= setTimeout(flushAll, FLUSH_MS);
  },
  close(streamId: string): void {
    flush(streamId);
    send({ type: 'close', streamId });
  },
  /**
   * Parses a source the worker reads (a download's stream), piece by piece as it arrives:
   * reading overlaps parsing and a 90 MB profile is never one string. Resolves with the bytes
   * read once the source ends; rejects if reading fails. The parse stream is closed either way,
   * so its last model follows.
   */
  parseByteStream: (
    streamId: string,
    parser: ParserKind,
    source: ReadableStream<Uint8Array>,
    options?: ParserOptions,
  ): Promise<number> =>
    readInWorker(streamId, parser, options, (readId) =>
      send({ type: 'stream', streamId, readId, stream: source }, [source]),
    ),
  /**
   * A file (or any Blob), read by the worker from the file itself: a transferred stream would
   * be pumped chunk by chunk through this thread (an 89 MB profile kept it busy ~0.5 s).
   * `threads` sets how many threads read a large collapsed-stacks file (default: one per core
   * but one; see renderer/workers/blobParts.ts).
   */
  parseBlob: (
    streamId: string,
    parser: ParserKind,
    blob: Blob,
    options?: ParserOptions,
    threads?: number,
  ) =>
    readInWorker(streamId, parser, options, (readId) =>
      send({ type: 'blob', streamId, readId, blob, ...(threads === undefined ? {} : { threads }) }),
    ),
  /** Parses a whole text at once (a paste): open, one chunk, close. */
  parseText(streamId: string, parser: ParserKind, text: string, options?: ParserOptions): void {
    parseStreams.open(streamId, parser, options);
    parseStreams.feed(streamId, new TextEncoder().encode(text));
    parseStreams.close(streamId);
  },
};

/**
 * A before/after diff tree of two flame graphs, built in the worker. The trees are copied (the
 * views keep theirs); only the copies' buffers move.
 */
export function diffTrees(before: StackTree, after: StackTree): Promise<StackTree> {
  const requestId = nextDiffId++;
  const a = treeToData(before);
  const b = treeToData(after);
  return new Promise((resolve, reject) => {
    pendingDiffs.set(requestId, (result) => {
      pendingDiffs.delete(requestId);
      if (result.tree && isStackTreeData(result.tree)) resolve(StackTree.fromData(result.tree));
      else reject(new Error(result.error ?? 'the comparison could not be built'));
    });
    send({ type: 'diff', requestId, before: a, after: b }, [
      ...stackTreeBuffers(a),
      ...stackTreeBuffers(b),
    ]);
  });
}
