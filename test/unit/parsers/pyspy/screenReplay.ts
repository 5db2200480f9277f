/**
 * Replays a `script(1)` recording of a full-screen tool (`py-spy top`) through @xterm/headless and
 * returns the screen as text lines, the way the app's terminal would show it. Wrapped rows are
 * joined with their continuation (xterm's `isWrapped`), so each entry is one logical line.
 */
import { readFileSync } from 'node:fs';
import xtermHeadless from '@xterm/headless';

const { Terminal } = xtermHeadless;

export interface Recording {
  /** Terminal size: from `stty cols N rows M` in the recorded command, else 80×24. */
  cols: number;
  rows: number;
  /** The bytes the program wrote, without script's header and trailer lines. */
  data: string;
}

/** Reads a `.typescript` file: drops `Script started …` (first line) and `Script done …` (last). */
export function readRecording(file: string): Recording {
  const text = readFileSync(file, 'utf8');
  const firstNl = text.indexOf('\n');
  const header = firstNl >= 0 ? text.slice(0, firstNl) : '';
  let data = header.startsWith('Script started') ? text.slice(firstNl + 1) : text;
  const done = data.lastIndexOf('\nScript done');
  if (done >= 0) data = data.slice(0, done);
  const size = /stty cols (\d+)(?: rows (\d+))?/.exec(header);
  return { cols: Number(size?.[1] ?? 80), rows: Number(size?.[2] ?? 24), data };
}

/** Screen lines (logical: wrapped rows joined), trailing blanks trimmed. */
export function screenLines(term: InstanceType<typeof Terminal>): string[] {
  const buf = term.buffer.active;
  const out: string[] = [];
  for (let y = 0; y < buf.length; y++) {
    const line = buf.getLine(y);
    if (line === undefined) continue;
    const text = line.translateToString(true);
    if (line.isWrapped && out.length > 0) out[out.length - 1] += text;
    else out.push(text);
  }
  return out.slice(-term.rows);
}

function write(term: InstanceType<typeof Terminal>, data: string): Promise<void> {
  return new Promise((resolve) => term.write(data, resolve));
}

/** The final screen after replaying the whole recording. */
export async function replayScreen(rec: Recording): Promise<string[]> {
  const term = new Terminal({ cols: rec.cols, rows: rec.rows, allowProposedApi: true });
  try {
    await write(term, rec.data);
    return screenLines(term);
  } finally {
    term.dispose();
  }
}

/** The screen after each full redraw (py-spy starts each with `ESC[H`). */
export async function replayFrames(rec: Recording): Promise<string[][]> {
  const term = new Terminal({ cols: rec.cols, rows: rec.rows, allowProposedApi: true });
  const frames: string[][] = [];
  try {
    const parts = rec.data.split('\x1b[H');
    for (let i = 0; i < parts.length; i++) {
      await write(term, (i === 0 ? '' : '\x1b[H') + (parts[i] ?? ''));
      if (i > 0) frames.push(screenLines(term));
    }
    return frames;
  } finally {
    term.dispose();
  }
}
