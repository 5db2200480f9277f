/**
 * A recording rewritten for sharing: its output events merged so that each ends at a line end,
 * then every text in it (output, title, command, environment, host) passed through one function.
 * A terminal's output arrives in pieces cut wherever the SSH channel cut it, so a token can be
 * split across two events; redacting event by event would miss it. Merged, a line is whole.
 */
import { eventLine, headerLine, parseCast, type CastEvent, type CastHeader } from './asciicast';

/** A merged event never grows past this (a full-screen tool may print no line end for long). */
const MAX_MERGED_CHARS = 1024 * 1024;

/**
 * Output events joined up to line ends: a merged event takes the time of its first piece. Other
 * events (resize, marker) end the output before them, so the order of everything is kept.
 */
export function outputToLineEnds(events: readonly CastEvent[]): CastEvent[] {
  const merged: CastEvent[] = [];
  let pending: { at: number; parts: string[]; chars: number } | null = null;
  const flush = () => {
    if (pending) merged.push([pending.at, 'o', pending.parts.join('')]);
    pending = null;
  };
  for (const event of events) {
    const [at, code, data] = event;
    if (code !== 'o') {
      flush();
      merged.push(event);
      continue;
    }
    pending ??= { at, parts: [], chars: 0 };
    pending.parts.push(data);
    pending.chars += data.length;
    if (data.endsWith('\n') || pending.chars >= MAX_MERGED_CHARS) flush();
  }
  flush();
  return merged;
}

export interface CastForSharing {
  header: CastHeader | null;
  events: CastEvent[];
  /** Lines of the file that were neither header nor event: left out of the shared copy. */
  badLines: number;
}

/** A recording's text read and merged to line ends, ready to be scanned and rewritten. */
export function castForSharing(text: string): CastForSharing {
  const { header, events, badLines } = parseCast(text);
  return { header, events: outputToLineEnds(events), badLines };
}

/** Every text of a recording a reader sees: the header's strings and each event's data. */
export function castTexts(cast: CastForSharing): string[] {
  const texts: string[] = [];
  const { header } = cast;
  if (header) {
    if (header.title !== undefined) texts.push(header.title);
    if (header.command !== undefined) texts.push(header.command);
    for (const [name, value] of Object.entries(header.env ?? {})) texts.push(name, value);
    if (header.workbench) texts.push(header.workbench.host);
  }
  for (const [, , data] of cast.events) texts.push(data);
  return texts;
}

/** The recording as an asciicast v2 file, with every text passed through `text`. */
export function writeCast(cast: CastForSharing, text: (s: string) => string): string {
  const header = cast.header ?? { version: 2, width: 80, height: 24, timestamp: 0 };
  const env = header.env
    ? Object.fromEntries(
        Object.entries(header.env).map(([name, value]) => [text(name), text(value)]),
      )
    : undefined;
  const out: string[] = [
    headerLine({
      ...header,
      ...(header.title === undefined ? {} : { title: text(header.title) }),
      ...(header.command === undefined ? {} : { command: text(header.command) }),
      ...(env === undefined ? {} : { env }),
      ...(header.workbench
        ? { workbench: { ...header.workbench, host: text(header.workbench.host) } }
        : {}),
    }),
  ];
  for (const [at, code, data] of cast.events) out.push(eventLine(at, code, text(data)));
  return out.join('');
}
