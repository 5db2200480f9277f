/**
 * Reading a terminal recording back: the capture log's own asciicast v2 files and asciinema's
 * (v2, and v3, whose events carry intervals instead of times: only the order matters here).
 * The output events ("o") become the exact bytes the terminal received again (bytesText.ts), so
 * a recording can be fed to the parser of the tool it recorded, as the live terminal was.
 */
import { textToBytes } from './bytesText';

export interface CastSummary {
  version: 2 | 3;
  width: number;
  height: number;
  title?: string;
  /** The command recorded (absent for a login shell). */
  command?: string;
}

/** A longer event line (a flood's 64 KiB batch escaped is far less) is skipped and counted. */
const MAX_EVENT_LINE = 16 * 1024 * 1024;

const record = (value: unknown): Record<string, unknown> | null =>
  typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : null;

const positive = (value: unknown): number | null =>
  typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : null;

const text = (value: unknown): string | undefined =>
  typeof value === 'string' ? value : undefined;

/** The header of a recording, from its first line; null when the text is not one. */
export function readCastHeader(firstLine: string): CastSummary | null {
  let value: unknown;
  try {
    value = JSON.parse(firstLine);
  } catch {
    return null;
  }
  const header = record(value);
  if (!header) return null;
  const term = record(header['term']);
  const version = header['version'];
  const width = positive(version === 3 ? term?.['cols'] : header['width']);
  const height = positive(version === 3 ? term?.['rows'] : header['height']);
  if ((version !== 2 && version !== 3) || width === null || height === null) return null;
  const title = text(header['title']);
  const command = text(header['command']);
  return {
    version,
    width,
    height,
    ...(title !== undefined ? { title } : {}),
    ...(command !== undefined ? { command } : {}),
  };
}

/** An event line's code and data ("o" output, "i", "r", "m", v3's "x"), or null for any other line. */
export function readCastEvent(
  line: string,
): { seconds: number; code: string; data: string } | null {
  if (!line.startsWith('[')) return null;
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return null;
  }
  return Array.isArray(value) &&
    value.length === 3 &&
    typeof value[0] === 'number' &&
    typeof value[1] === 'string' &&
    typeof value[2] === 'string'
    ? { seconds: value[0], code: value[1], data: value[2] }
    : null;
}

/**
 * Incremental: the text of a recording in chunks of any size, its output bytes out, the first
 * `skipBytes` of them left out (what a shell printed before the recognised command ran).
 * Never throws; lines that are not events are counted.
 */
export class CastOutput {
  private line = '';
  private overlong = false;
  private toSkip: number;
  private lines = 0;
  private bad = 0;

  constructor(skipBytes = 0) {
    this.toSkip = Math.max(0, skipBytes);
  }

  push(chunk: string): Uint8Array[] {
    const out: Uint8Array[] = [];
    if (typeof chunk !== 'string') return out;
    let from = 0;
    for (let nl = chunk.indexOf('\n'); nl >= 0; nl = chunk.indexOf('\n', from)) {
      this.append(chunk.slice(from, nl));
      this.takeLine(out);
      from = nl + 1;
    }
    this.append(chunk.slice(from));
    return out;
  }

  end(): Uint8Array[] {
    const out: Uint8Array[] = [];
    if (this.line !== '' || this.overlong) this.takeLine(out);
    return out;
  }

  /** Lines that were neither the header nor an event (a log cut off mid-line, say). */
  get badLines(): number {
    return this.bad;
  }

  private append(part: string): void {
    if (this.overlong) return;
    if (this.line.length + part.length > MAX_EVENT_LINE) {
      this.overlong = true;
      this.line = '';
    } else this.line += part;
  }

  private takeLine(out: Uint8Array[]): void {
    const line = this.line;
    const overlong = this.overlong;
    this.line = '';
    this.overlong = false;
    const first = this.lines++ === 0;
    if (overlong) return void this.bad++;
    if (line.trim() === '' || (first && readCastHeader(line))) return;
    const event = readCastEvent(line);
    if (event === null) return void this.bad++;
    if (event.code !== 'o') return;
    let bytes = textToBytes(event.data);
    if (this.toSkip > 0) {
      const skipped = Math.min(this.toSkip, bytes.length);
      this.toSkip -= skipped;
      bytes = bytes.subarray(skipped);
    }
    if (bytes.length > 0) out.push(bytes);
  }
}
