/**
 * asciicast v2 (https://docs.asciinema.org/manual/asciicast/v2/), the capture log's format: a JSON
 * header line, then one JSON array per event, `[seconds, code, data]`: "o" output, "i" input,
 * "r" resize ("COLSxROWS"), "m" marker. Output bytes are kept losslessly (see bytesText.ts).
 */
import { concatBytes, textToBytes } from './bytesText';

export interface CastHeader {
  version: 2;
  width: number;
  height: number;
  /** Unix time of the start, seconds. */
  timestamp: number;
  title?: string;
  /** The remote command (absent for a login shell). */
  command?: string;
  env?: Record<string, string>;
  /** Ours (players ignore unknown keys): how undecodable bytes are written. */
  workbench?: { host: string; bytes: 'surrogateescape' };
}

export type CastCode = 'o' | 'i' | 'r' | 'm';
export type CastEvent = [seconds: number, code: CastCode, data: string];

export const headerLine = (header: CastHeader): string => `${JSON.stringify(header)}\n`;

/** One event line; times in microseconds, as asciinema writes them. */
export const eventLine = (seconds: number, code: CastCode, data: string): string =>
  `${JSON.stringify([Math.round(seconds * 1e6) / 1e6, code, data])}\n`;

export interface ParsedCast {
  header: CastHeader | null;
  events: CastEvent[];
  /** Lines that were not a header or an event (a log cut off mid-line, say). */
  badLines: number;
}

function isEvent(value: unknown): value is CastEvent {
  return (
    Array.isArray(value) &&
    value.length === 3 &&
    typeof value[0] === 'number' &&
    (value[1] === 'o' || value[1] === 'i' || value[1] === 'r' || value[1] === 'm') &&
    typeof value[2] === 'string'
  );
}

/** Reads a log; never throws: what is not understood is counted. */
export function parseCast(text: string): ParsedCast {
  const result: ParsedCast = { header: null, events: [], badLines: 0 };
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (line.trim() === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      result.badLines++;
      continue;
    }
    if (i === 0 && typeof value === 'object' && value !== null && !Array.isArray(value)) {
      const h = value as Partial<CastHeader>;
      if (h.version === 2 && typeof h.width === 'number' && typeof h.height === 'number') {
        result.header = h as CastHeader;
        continue;
      }
    }
    if (isEvent(value)) result.events.push(value);
    else result.badLines++;
  }
  return result;
}

/** The exact output bytes of a log, in order. */
export function outputBytes(events: readonly CastEvent[]): Uint8Array {
  return concatBytes(events.filter((e) => e[1] === 'o').map((e) => textToBytes(e[2])));
}
