/**
 * asciicast v2 (https://docs.asciinema.org/manual/asciicast/v2/), the capture log's format: a JSON
 * header line, then one JSON array per event, `[seconds, code, data]`: "o" output, "i" input,
 * "r" resize ("COLSxROWS"), "m" marker. Output bytes are kept losslessly (see bytesText.ts).
 */
import { concatBytes, textToBytes } from './bytesText';
import { readCastEvent } from './castOutput';

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

const CAST_CODES: readonly string[] = ['o', 'i', 'r', 'm'];
const isCastCode = (code: string): code is CastCode => CAST_CODES.includes(code);

/** The first line as the capture log writes it (asciicast v2), or null. */
function readOwnHeader(line: string): CastHeader | null {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const h = value as Partial<CastHeader>;
  return h.version === 2 && typeof h.width === 'number' && typeof h.height === 'number'
    ? (h as CastHeader)
    : null;
}

/** Reads a log; never throws: what is not understood is counted. */
export function parseCast(text: string): ParsedCast {
  const result: ParsedCast = { header: null, events: [], badLines: 0 };
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (line.trim() === '') continue;
    if (i === 0) {
      const header = readOwnHeader(line);
      if (header) {
        result.header = header;
        continue;
      }
    }
    const event = readCastEvent(line);
    if (event && isCastCode(event.code))
      result.events.push([event.seconds, event.code, event.data]);
    else result.badLines++;
  }
  return result;
}

/** The exact output bytes of a log, in order. */
export function outputBytes(events: readonly CastEvent[]): Uint8Array {
  return concatBytes(events.filter((e) => e[1] === 'o').map((e) => textToBytes(e[2])));
}
