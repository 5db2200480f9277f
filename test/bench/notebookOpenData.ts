/** The big recording of the notebook-open benchmark: a real terminal's recording, repeated. */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { NotebookStore } from '../../electron/node/notebook/notebookStore';
import { eventLine, headerLine, parseCast } from '../../shared/captureLog/asciicast';
import type { NotebookItem } from '../../shared/contract/index';

/** The whole text of one piece of evidence, read through the store as the app reads it. */
async function readEvidence(store: NotebookStore, id: string, ref: string): Promise<string> {
  const parts: string[] = [];
  for (let offset = 0; ;) {
    const piece = await store.evidencePiece(id, ref, offset);
    parts.push(piece.text);
    if (piece.next >= piece.bytes || piece.next === offset) return parts.join('');
    offset = piece.next;
  }
}

/**
 * Writes an asciicast of at least `bytes` to `path`: a first line the benchmark waits for at
 * t = 0, then the sample's strace recording over and over, its clock going on. Returns its size.
 */
export async function writeBigRecording(
  store: NotebookStore,
  id: string,
  items: readonly NotebookItem[],
  path: string,
  bytes: number,
): Promise<number> {
  const source = items.find((i) => i.type === 'recording' && /strace/.test(i.title));
  if (source?.type !== 'recording') throw new Error('the sample has no strace recording');
  const { header, events } = parseCast(await readEvidence(store, id, source.recording.ref));
  const output = events.filter(([, code]) => code === 'o');
  const lasts = output.at(-1)?.[0] ?? 1;
  const out = createWriteStream(path);
  let written = 0;
  const write = async (line: string) => {
    written += Buffer.byteLength(line);
    if (!out.write(line)) await once(out, 'drain');
  };
  await write(
    headerLine({
      version: 2,
      width: header?.width ?? 120,
      height: header?.height ?? 30,
      timestamp: 1_796_000_000,
    }),
  );
  await write(eventLine(0, 'o', 'BENCH-START: a recording repeated to 100 MB\r\n'));
  for (let lap = 0; written < bytes; lap++)
    for (const [at, , data] of output) await write(eventLine(0.01 + lap * lasts + at, 'o', data));
  out.end();
  await once(out, 'finish');
  return written;
}
