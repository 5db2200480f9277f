/**
 * Line plumbing shared by the stack parsers (py-spy dump text, gdb py-bt, collapsed stacks):
 * chunks of any size in, whole clean lines out. `\n`, `\r\n` and a lone `\r` end a line (PTY
 * output); ANSI/VT sequences (CSI, OSC, ...) and control characters are removed, a tab becomes a
 * space. A line longer than MAX_LINE is dropped and reported as one overlong line.
 *
 * Because work happens only on whole lines, any chunking of the same text yields the same lines.
 */

/** Longest raw line kept; longer ones are dropped and counted as not understood. */
export const MAX_LINE = 64 * 1024;

/* eslint-disable no-control-regex -- these patterns exist to match control characters */
// OSC/DCS/SOS/PM/APC strings (ended by BEL or ST, or the line end), CSI (7-bit or 8-bit 0x9b),
// then any other `ESC [intermediates] final`.
const ESCAPES =
  /\x1b[\]PX^_][^\x07\x1b]*(?:\x07|\x1b\\)?|(?:\x1b\[|\x9b)[\x30-\x3f]*[\x20-\x2f]*[\x40-\x7e]?|\x1b[\x20-\x2f]*[\x30-\x7e]?/g;
const CONTROLS = /[\x00-\x08\x0a-\x1f\x7f-\x9f]/g;
const NEEDS_CLEANING = /[\x00-\x1f\x7f-\x9f]/;
/* eslint-enable no-control-regex */

/** Strips ANSI/VT escape sequences and control characters; a tab becomes a space. */
export function cleanLine(line: string): string {
  if (!NEEDS_CLEANING.test(line)) return line;
  return line.replace(ESCAPES, '').replace(/\t/g, ' ').replace(CONTROLS, '');
}

/** Receives one cleaned line (no terminator), or `null` for a dropped overlong line. */
export type LineSink = (line: string | null) => void;

/** Splits a stream of text chunks into cleaned lines. Never throws on any input. */
export class LineSplitter {
  private partial = '';
  private discarding = false;

  constructor(private readonly sink: LineSink) {}

  push(chunk: string): void {
    if (typeof chunk !== 'string' || chunk.length === 0) return;
    let start = 0;
    for (let nl = chunk.indexOf('\n'); nl >= 0; nl = chunk.indexOf('\n', start)) {
      if (this.discarding) {
        this.discarding = false;
        this.sink(null);
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
    if (this.partial.length > MAX_LINE) {
      this.partial = '';
      this.discarding = true;
    }
  }

  /** Flushes a last line without terminator. */
  end(): void {
    if (this.discarding) {
      this.discarding = false;
      this.sink(null);
    } else if (this.partial !== '') {
      const last = this.partial;
      this.partial = '';
      this.rawLine(last);
    }
  }

  /** Trailing `\r`s belong to the PTY's `\r\n`; inner lone `\r`s split lines. */
  private rawLine(raw: string): void {
    if (raw.length > MAX_LINE) {
      this.sink(null);
      return;
    }
    let end = raw.length;
    while (end > 0 && raw.charCodeAt(end - 1) === 13) end--;
    const body = end === raw.length ? raw : raw.slice(0, end);
    if (body.indexOf('\r') < 0) this.sink(cleanLine(body));
    else for (const part of body.split('\r')) this.sink(cleanLine(part));
  }
}

/** A non-negative decimal integer that is a safe JS integer ("12345"), else null. */
export function parseUint(token: string): number | null {
  const n = token.length;
  if (n === 0 || n > 15) return null;
  let v = 0;
  for (let i = 0; i < n; i++) {
    const d = token.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return null;
    v = v * 10 + d;
  }
  return v;
}

/** `s.endsWith(suffix)` at a path boundary: "x/threading.py" and "threading.py" match "threading.py". */
export function fileIs(file: string, suffix: string): boolean {
  if (file === suffix) return true;
  return file.endsWith(suffix) && file.charCodeAt(file.length - suffix.length - 1) === 47;
}
