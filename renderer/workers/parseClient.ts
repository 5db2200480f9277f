import type { ParserKind } from '../../shared/captures/recipes';
import { StackTree } from '../../shared/flame/stackTree';
import { isStackTreeData, stackTreeBuffers } from '../../shared/flame/stackTreeData';
import type { TopFrame } from '../../shared/parsers/top/index';
import { useAppStore } from '../state/store';
import type {
  DiffResult,
  FlameModel,
  FlameStreamModel,
  ModelResult,
  ParseRequest,
  ParseResult,
  ParserOptions,
} from './parseProtocol';

let worker: Worker | null = null;
let nextDiffId = 1;
const pendingDiffs = new Map<number, (result: DiffResult) => void>();

/** The worker posts a tree only when it built one; the last one stays meanwhile. */
function flameModel(streamId: string, posted: FlameStreamModel): FlameModel {
  const previous = useAppStore.getState().models[streamId]?.model as FlameModel | undefined;
  if (posted.tree && isStackTreeData(posted.tree))
    return {
      progress: posted.progress,
      tree: StackTree.fromData(posted.tree),
      stacks: posted.stacks,
    };
  return {
    progress: posted.progress,
    tree: previous?.tree ?? null,
    stacks: previous?.stacks ?? 0,
  };
}

function modelParsed(result: ModelResult): void {
  const state = useAppStore.getState();
  if (result.parser === 'top') {
    // Interactive top, read from its screen: the frame on screen now.
    if (result.model)
      state.topFrameParsed(result.streamId, result.model as TopFrame, result.unparsedLines, false);
    return;
  }
  const model =
    result.parser === 'collapsed'
      ? flameModel(result.streamId, result.model as FlameStreamModel)
      : result.model;
  state.modelParsed(
    result.streamId,
    result.parser,
    model,
    result.unparsedLines,
    result.overlongLines,
  );
}

function parseWorker(): Worker {
  if (worker) return worker;
  worker = new Worker(new URL('./parse.worker.ts', import.meta.url), {
    type: 'module',
    name: 'parse',
  });
  worker.onmessage = (event: MessageEvent<ParseResult>) => {
    const result = event.data;
    if (result.type === 'top-frame')
      useAppStore
        .getState()
        .topFrameParsed(result.streamId, result.frame, result.unparsedLines, result.provisional);
    else if (result.type === 'diff') pendingDiffs.get(result.requestId)?.(result);
    else modelParsed(result);
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

/** Feeds a terminal's bytes to a parser in the worker; the store receives the models. */
export const parseStreams = {
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
   * Parses a file (or any Blob) in the pieces the browser reads it in: a 90 MB profile is never
   * one string on the UI thread. Rejects if reading fails; the stream is closed either way.
   */
  async parseBlob(streamId: string, parser: ParserKind, blob: Blob, options?: ParserOptions) {
    parseStreams.open(streamId, parser, options);
    try {
      const reader = blob.stream().getReader();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        parseStreams.feed(streamId, value);
      }
    } finally {
      parseStreams.close(streamId);
    }
  },
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
  const a = before.toData();
  const b = after.toData();
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
