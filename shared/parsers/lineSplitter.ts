/**
 * The line plumbing of every line-oriented tool-output parser (top, ps, ss, nginx logs, strace,
 * py-spy dump, gdb py-bt, collapsed stacks): chunks of already decoded text in, whole clean lines
 * out, as a terminal (a PTY) would have shown them.
 *
 * - `\n` ends a line. Trailing `\r`s before it are the PTY's `\r\n` and are dropped.
 * - A lone `\r` inside a line returns the cursor to the start of the row, so what follows is drawn
 *   over what came before (progress output, prompt redraws): the line is the last `\r`-separated
 *   part that shows anything but spaces once cleaned; earlier parts are dropped, not split off.
 * - ANSI/VT sequences (CSI 7- and 8-bit, OSC/DCS/SOS/PM/APC strings, other ESC sequences) and
 *   control characters are removed, a tab becomes a space, and a backspace moves back one
 *   character so the next one overwrites it (`x\b \be` echoed by a shell shows `e`; `N\bN` bold and
 *   `_\bX` underline from `man`-style overstrike show `N` and `X`).
 * - U+FFFD (bytes that were not UTF-8, replaced by the decoder upstream) is ordinary text: kept.
 * - Only the current partial line is buffered. A raw line (terminator excluded, its `\r`s
 *   included) longer than `maxLine` is never assembled: its text is dropped as it arrives, and
 *   once it ends it is reported once through `onOverlong` and counted in `overlongLines`.
 *
 * Work happens only when a line ends, so any chunking of the same text gives the same calls.
 * An optional `onRawLine` sees each line first, uncleaned, as a range of the text it lies in (its
 * trailing `\r`s excluded); when it returns true the line is taken, else it is cleaned and goes to
 * `onLine` as usual. A parser uses it to read clean lines in place, without a substring per line.
 * Nothing here throws on any input (the callbacks may; callers guard their own handling).
 */

/** How many lines `text` ends (its `\n`s): for progress, counted apart from any parse. */
export function lineEnds(text: string): number {
  let n = 0;
  for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) n++;
  return n;
}

/** lineEnds of UTF-8 bytes. */
export function byteLineEnds(bytes: Uint8Array): number {
  let n = 0;
  for (let at = bytes.indexOf(10); at >= 0; at = bytes.indexOf(10, at + 1)) n++;
  return n;
}

/** Longest raw line kept by default (64 KiB); longer ones are reported, not parsed. */
export const MAX_LINE = 64 * 1024;

/* eslint-disable no-control-regex -- these patterns exist to match control characters */
// OSC/DCS/SOS/PM/APC strings (ended by BEL or ST, or the line end), CSI (7-bit `ESC [` or 8-bit
// 0x9b), then any other `ESC [intermediates] final`.
const ESCAPES =
  /\x1b[\]PX^_][^\x07\x1b]*(?:\x07|\x1b\\)?|(?:\x1b\[|\x9b)[\x30-\x3f]*[\x20-\x2f]*[\x40-\x7e]?|\x1b[\x20-\x2f]*[\x30-\x7e]?/g;
/** C0 and C1 controls except backspace and tab, which are interpreted. */
const CONTROLS = /[\x00-\x07\x0a-\x1f\x7f-\x9f]/g;
const NEEDS_CLEANING = /[\x00-\x1f\x7f-\x9f]/;
/** NEEDS_CLEANING of one UTF-16 code: a line holding none of these is one cleanLine leaves as it is. */
export const needsCleaning = (c: number): boolean => c < 0x20 || (c >= 0x7f && c <= 0x9f);
/** NEEDS_CLEANING but for `\n`: tested once per chunk, so lines of a clean chunk skip cleanLine. */
const CHUNK_NEEDS_CLEANING = /[\x00-\x09\x0b-\x1f\x7f-\x9f]/;
/* eslint-enable no-control-regex */
const NOT_BLANK = /[^ ]/;

const UNKNOWN = 0;
const CLEAN = 1;
const DIRTY = 2;

/**
 * What one line shows on a terminal: escape sequences and control characters removed, a tab as a
 * space, backspaces and lone `\r`s applied as overwrites (see the module comment). Idempotent.
 */
export function cleanLine(line: string): string {
  if (!NEEDS_CLEANING.test(line)) return line;
  if (line.indexOf('\r') < 0) return cleanRow(line);
  const parts = line.split('\r');
  for (let i = parts.length - 1; i > 0; i--) {
    const shown = cleanRow(parts[i] ?? '');
    if (NOT_BLANK.test(shown)) return shown;
  }
  return cleanRow(parts[0] ?? '');
}

/** cleanLine for text without `\r`. */
function cleanRow(s: string): string {
  if (!NEEDS_CLEANING.test(s)) return s;
  let t = s.replace(ESCAPES, '').replace(CONTROLS, '');
  if (t.indexOf('\t') >= 0) t = t.replace(/\t/g, ' ');
  return t.indexOf('\b') >= 0 ? overstrike(t) : t;
}

/** Applies backspaces as a terminal does: the cursor moves left and the next character overwrites. */
function overstrike(s: string): string {
  const cells: string[] = [];
  let col = 0;
  for (const ch of s) {
    if (ch === '\b') {
      if (col > 0) col--;
    } else {
      cells[col++] = ch;
    }
  }
  return cells.join('');
}

/**
 * A line before cleaning: `text.slice(start, end)`. Returns true when it was taken; false to have it
 * cleaned and passed to `onLine`. It must take only lines that `cleanLine` leaves unchanged.
 */
export type RawLineTaker = (text: string, start: number, end: number) => boolean;

/**
 * Splits a stream of text chunks into cleaned lines (see the module comment). `onLine` gets each
 * line without its terminator; `onOverlong` is called once per line longer than `maxLine`.
 */
export class LineSplitter {
  private partial = '';
  /** `partial` has no character cleanLine would change. */
  private partialClean = true;
  private discarding = false;
  /** The chunk being pushed ('' at the end of the stream) and whether it needs no cleaning. */
  private chunk = '';
  private chunkClean = UNKNOWN;
  private overlong = 0;

  constructor(
    private readonly onLine: (line: string) => void,
    private readonly onOverlong: () => void,
    private readonly maxLine: number = MAX_LINE,
    private readonly onRawLine?: RawLineTaker,
  ) {}

  /** Lines dropped so far for being longer than `maxLine`. */
  get overlongLines(): number {
    return this.overlong;
  }

  /** Characters held for the unfinished line: never more than `maxLine`. */
  get bufferedChars(): number {
    return this.partial.length;
  }

  /**
   * The unfinished line as it would be emitted if the stream ended now ('' when there is none or
   * it is being dropped for length). For live views of tools that end their output without a
   * newline until more comes (procps `top -b` writes a frame's last row's `\n` one interval later).
   */
  get pendingLine(): string {
    return this.discarding ? '' : cleanLine(this.partial);
  }

  /** Consumes a chunk; calls back for every line it completes. */
  push(chunk: string): void {
    if (typeof chunk !== 'string' || chunk.length === 0) return;
    // Whether the chunk needs no cleaning: tested once, and only when a line is not taken raw.
    this.chunk = chunk;
    this.chunkClean = UNKNOWN;
    let start = 0;
    for (let nl = chunk.indexOf('\n'); nl >= 0; nl = chunk.indexOf('\n', start)) {
      if (this.discarding || this.partial.length + (nl - start) > this.maxLine) {
        this.partial = '';
        this.partialClean = true;
        this.dropLine();
      } else if (this.partial === '') {
        this.emitRange(chunk, start, nl, true);
      } else {
        const raw = this.partial + chunk.slice(start, nl);
        const partialClean = this.partialClean;
        this.partial = '';
        this.partialClean = true;
        this.emitRange(raw, 0, raw.length, partialClean);
      }
      start = nl + 1;
    }
    this.chunk = ''; // not kept alive past this call
    if (this.discarding || start >= chunk.length) return;
    if (this.partial.length + (chunk.length - start) > this.maxLine) {
      // Too long already: keep nothing of it until its end.
      this.partial = '';
      this.partialClean = true;
      this.discarding = true;
    } else {
      const tail = start === 0 ? chunk : chunk.slice(start);
      this.partial += tail;
      this.partialClean =
        this.partialClean &&
        (this.chunkClean === UNKNOWN
          ? !CHUNK_NEEDS_CLEANING.test(tail)
          : this.chunkClean === CLEAN);
    }
  }

  /** The stream ended: flushes a last line that had no `\n`. The splitter can be reused after. */
  end(): void {
    if (this.discarding) {
      this.dropLine();
    } else if (this.partial !== '') {
      const last = this.partial;
      this.partial = '';
      this.partialClean = true;
      this.emitRange(last, 0, last.length, false);
    }
  }

  private dropLine(): void {
    this.discarding = false;
    this.overlong++;
    this.onOverlong();
  }

  /**
   * Emits the line `text[start, to)` (its terminator excluded). `restClean`: the part of the line
   * not from the current chunk, if any, needs no cleaning; with a chunk that needs none either, the
   * line goes out as it is (it has no control character, so no `\r` either).
   */
  private emitRange(text: string, start: number, to: number, restClean: boolean): void {
    let end = to;
    while (end > start && text.charCodeAt(end - 1) === 13) end--;
    if (this.onRawLine === undefined) {
      const line = start === 0 && end === text.length ? text : text.slice(start, end);
      this.onLine(restClean && this.isChunkClean() ? line : cleanLine(line));
    } else if (!this.onRawLine(text, start, end)) {
      // Most lines were taken raw: testing this one alone is cheaper than the whole chunk.
      this.onLine(cleanLine(text.slice(start, end)));
    }
  }

  private isChunkClean(): boolean {
    if (this.chunkClean === UNKNOWN) {
      this.chunkClean = this.chunk !== '' && !CHUNK_NEEDS_CLEANING.test(this.chunk) ? CLEAN : DIRTY;
    }
    return this.chunkClean === CLEAN;
  }
}
