import { open } from 'node:fs/promises';
import type { NotebookItem } from '../../../shared/contract/index';
import type { TerminalLog } from '../terminals/terminalManager';

/** A terminal's capture log as the Node side knows it: never a path the renderer sent. */
export type KeptLog = TerminalLog;

/** What the end of a file is read for: the last event line of a flood is far shorter. */
const TAIL_BYTES = 256 * 1024;

/** How long an asciicast lasts: the time of its last event (0 when it has none). */
export async function castSeconds(path: string): Promise<number> {
  const handle = await open(path, 'r');
  try {
    const size = (await handle.stat()).size;
    const length = Math.min(size, TAIL_BYTES);
    const buffer = Buffer.alloc(length);
    await handle.read(buffer, 0, length, size - length);
    const lines = buffer.toString('utf8').split('\n').reverse();
    for (const line of lines) {
      const time = /^\[\s*(\d+(?:\.\d+)?)\s*,/.exec(line)?.[1];
      if (time !== undefined) return Number(time);
    }
    return 0;
  } finally {
    await handle.close();
  }
}

/** Whether an item keeps `ref` as its evidence. */
export function refersTo(item: NotebookItem, ref: string | undefined): boolean {
  if (ref === undefined) return false;
  if (item.type === 'snapshot') return item.raw?.ref === ref;
  return item.type === 'recording' && item.recording.ref === ref;
}
