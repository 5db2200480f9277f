/**
 * Cuts streamed text into clean lines for the line-oriented parsers (ps, ss, nginx logs), the way
 * `TopStreamParser` does: `\n` ends a line, trailing `\r`s (PTY `\r\n`) are dropped, an inner lone
 * `\r` splits the line, ANSI/VT sequences and control characters are removed. Only the current
 * partial line is buffered; a line longer than `maxLine` is dropped and reported through
 * `onOverlong`, so memory stays bounded on an endless stream. Work happens only at line ends, so
 * any chunking of the same text gives the same calls.
 */
import { cleanLine } from './top/topValues';

/** Longest raw line kept by default (64 KiB); longer ones are reported, not parsed. */
export const DEFAULT_MAX_LINE = 64 * 1024;

export class TextLines {
  private partial = '';
  private discarding = false;

  constructor(
    private readonly onLine: (line: string) => void,
    private readonly onOverlong: () => void,
    private readonly maxLine = DEFAULT_MAX_LINE,
  ) {}

  push(chunk: string): void {
    if (typeof chunk !== 'string' || chunk.length === 0) return;
    let start = 0;
    for (let nl = chunk.indexOf('\n'); nl >= 0; nl = chunk.indexOf('\n', start)) {
      if (this.discarding) {
        this.discarding = false;
        this.onOverlong();
      } else {
        const seg = chunk.slice(start, nl);
        const raw = this.partial === '' ? seg : this.partial + seg;
        this.partial = '';
        this.rawLine(raw);
      }
      start = nl + 1;
    }
    if (this.discarding || start >= chunk.length) return;
    this.partial += start === 0 ? chunk : chunk.slice(start);
    if (this.partial.length > this.maxLine) {
      this.partial = '';
      this.discarding = true;
    }
  }

  /** Flushes a last line that had no `\n`. */
  end(): void {
    if (this.discarding) {
      this.discarding = false;
      this.onOverlong();
    } else if (this.partial !== '') {
      const last = this.partial;
      this.partial = '';
      this.rawLine(last);
    }
  }

  private rawLine(raw: string): void {
    if (raw.length > this.maxLine) {
      this.onOverlong();
      return;
    }
    let end = raw.length;
    while (end > 0 && raw.charCodeAt(end - 1) === 13) end--;
    const body = end === raw.length ? raw : raw.slice(0, end);
    if (body.indexOf('\r') < 0) this.onLine(cleanLine(body));
    else for (const part of body.split('\r')) this.onLine(cleanLine(part));
  }
}
