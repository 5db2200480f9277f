/**
 * A large collapsed-stacks file read by several threads at once: the parse worker reads the
 * first part into its own parser while helper workers (collapsedPart.worker.ts) parse the others,
 * then it merges theirs in file order (shared/parsers/collapsed/collapsedParts.ts says why the
 * result is the same as one thread's). On the bench's 89 MB profile, parsing is most of the time
 * from a picked file to its flame graph.
 */
import {
  CUT_SEARCH_BYTES,
  lineStartAfter,
  modeOfHead,
  nominalCuts,
  partRanges,
  type CollapsedMode,
} from '../../shared/parsers/collapsed/index';
import type { PartRequest, PartResult } from './partProtocol';

/** At most this many parts (threads) per file: beyond it, merging costs what parsing saves. */
export const MAX_PARTS = 4;

/**
 * Parts for a machine of `cores` cores: one core is left to the page's thread and the browser's
 * file reading. With the WebAssembly scanner a thread parses faster than Chromium hands it a
 * file's bytes, so on 2 cores a second thread only competed with the reading: the bench's 94 MB
 * profile took ~1.05 s in two parts at once (and ~130 ms to merge them) against ~0.95 s in one.
 */
export const defaultParts = (cores: number): number =>
  cores >= 3 ? Math.min(MAX_PARTS, Math.floor(cores) - 1) : 1;

/** `threads` if it is a part count this worker accepts, else the machine's default. */
export const partsOf = (threads: number | undefined, cores: number): number =>
  threads !== undefined && Number.isInteger(threads) && threads >= 1 && threads <= MAX_PARTS
    ? threads
    : defaultParts(cores);

export interface PartsPlan {
  mode: CollapsedMode;
  /** Byte ranges, in file order; each after the first starts at a line start. */
  ranges: [number, number][];
}

/** How to cut `blob` into `parts`, or null to read it in one (small, or no data line). */
export async function planParts(blob: Blob, parts: number): Promise<PartsPlan | null> {
  const nominal = nominalCuts(blob.size, Math.min(MAX_PARTS, parts));
  if (nominal.length === 0) return null;
  const head = await blob.slice(0, CUT_SEARCH_BYTES).arrayBuffer();
  const mode = modeOfHead(new TextDecoder('utf-8').decode(head));
  if (mode === null) return null;
  const cuts = await Promise.all(
    nominal.map(async (at) => {
      const window = await blob.slice(at, at + CUT_SEARCH_BYTES).arrayBuffer();
      const after = lineStartAfter(new Uint8Array(window));
      return after < 0 ? -1 : at + after;
    }),
  );
  const ranges = partRanges(blob.size, cuts);
  return ranges.length > 1 ? { mode, ranges } : null;
}

export type ParsedPart = Extract<PartResult, { type: 'part' }>;

export interface PartHelper {
  /**
   * Resolves once the helper has its part to read (or failed to start). A worker's helpers load,
   * and get a message posted before they started, through its event loop, which a stream read as
   * fast as it arrives (microtasks only) never lets run: wait for this before reading, or the
   * helpers start only when this worker's own part is done.
   */
  readonly started: Promise<void>;
  /** The part, or null when the helper could not be started or failed (read it here then). */
  readonly result: Promise<ParsedPart | null>;
  stop(): void;
}

/** A helper that has not said it runs after this long is waited for no more. */
const START_WAIT_MS = 1000;

/** Starts a helper worker on `slice` (which starts at a line start); `read` hears its progress. */
export function parseInHelper(
  slice: Blob,
  mode: CollapsedMode,
  read: (chars: number, lines: number) => void,
): PartHelper {
  let worker: Worker;
  try {
    worker = new Worker(new URL('./collapsedPart.worker.ts', import.meta.url), {
      type: 'module',
      name: 'parse part',
    });
  } catch {
    return { started: Promise.resolve(), result: Promise.resolve(null), stop: () => undefined };
  }
  let running: () => void = () => undefined;
  const started = new Promise<void>((resolve) => {
    running = resolve;
    setTimeout(resolve, START_WAIT_MS);
  });
  const result = new Promise<ParsedPart | null>((resolve) => {
    const finish = (part: ParsedPart | null) => {
      running();
      resolve(part);
      worker.terminate();
    };
    worker.onmessage = (event: MessageEvent<PartResult>) => {
      const message = event.data;
      if (message.type === 'ready') running();
      else if (message.type === 'progress') read(message.chars, message.lines);
      else finish(message.type === 'part' ? message : null);
    };
    worker.onerror = () => finish(null);
    worker.onmessageerror = () => finish(null);
  });
  const request: PartRequest = { blob: slice, mode };
  worker.postMessage(request);
  return { started, result, stop: () => worker.terminate() };
}
