/// <reference lib="webworker" />
/**
 * A helper of the parse worker: parses one part of a large collapsed-stacks file (a Blob slice
 * that starts at a line start) in the mode the file's head decided, and posts what it read, flat
 * and transferred (see shared/parsers/collapsed/collapsedParts.ts). One part, then it is closed.
 */
import { CollapsedStackParser, partBuffers } from '../../shared/parsers/collapsed/index';
import { byteLineEnds } from '../../shared/parsers/lineSplitter';
import { collapsedByteReading } from './collapsedScanner';
import { PART_PROGRESS_MS, type PartRequest, type PartResult } from './partProtocol';

const post = (result: PartResult, transfer: ArrayBuffer[] = []) =>
  self.postMessage(result, { transfer });

async function parsePart({ blob, mode }: PartRequest): Promise<void> {
  const parser = new CollapsedStackParser({ mode });
  const reading = collapsedByteReading();
  let chars = 0;
  let lines = 0;
  const reader = blob.stream().getReader();
  let said = performance.now();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    // Bytes to the parser's scanner; progress counts them as characters.
    parser.pushBytes(value, reading);
    chars += value.length;
    lines += byteLineEnds(value);
    if (performance.now() - said >= PART_PROGRESS_MS) {
      said = performance.now();
      post({ type: 'progress', chars, lines });
    }
  }
  parser.end();
  const part = parser.part();
  post({ type: 'part', part, chars, lines }, partBuffers(part));
}

self.onmessage = (event: MessageEvent<PartRequest>) => {
  // Said once the request is here, not when this module has loaded: a request posted before the
  // helper started is forwarded by a task of the parse worker's thread, which reading its own
  // part as fast as the file comes (microtasks) never lets run. Its part then waited for the
  // whole of the other (measured: the helper began 737 ms after it had loaded).
  post({ type: 'ready' });
  parsePart(event.data).catch((error: unknown) =>
    post({ type: 'failed', error: error instanceof Error ? error.message : String(error) }),
  );
};
