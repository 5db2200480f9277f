/**
 * Words for the library's full-text index, and the line of context shown for a match.
 *
 * A word is a run of letters, digits and `_` (so `compute_invoice` and `ECONNREFUSED` are one
 * word each), lower-cased. Captured text (tool output, up to gigabytes) keeps each word once per
 * piece, and leaves out what makes an index huge and is rarely typed: numbers of 5 or more digits
 * or with a leading zero (microseconds, durations, byte counts), hex strings of 8 or more
 * characters with a digit (addresses, request ids) and `0x…` words. Notes, titles and items keep
 * every word: a PID typed there is found.
 */

/** Longer words are not indexed (base64, minified text): nobody types them. */
const MAX_WORD = 40;

const isWordChar = (c: number) =>
  (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || c === 95 || c >= 0xc0;

/** Terminal escapes: CSI (colours, cursor), charset choice, OSC (window titles). */
const ESCAPES =
  // eslint-disable-next-line no-control-regex -- escapes are what this matches
  /\u001b\[[0-9;?]*[ -/]*[@-~]|\u001b[()][0-9A-Za-z]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)?/g;

/** Text as a terminal showed it: `\e[31mERROR` is the word ERROR, not `31merror`. */
const withoutEscapes = (text: string) =>
  text.includes('\u001b') ? text.replace(ESCAPES, '') : text;

const BACKSLASH = 92;
const isOctal = (c: number) => c >= 48 && c <= 55;
const isHex = (c: number) => (c >= 48 && c <= 57) || (c >= 97 && c <= 102);

/**
 * Where a C-style escape that starts at `i` (a backslash) ends: strace and py-spy print `\r\nHost`,
 * whose words are `Host`, not `nHost`. `text` is lower-case.
 */
function afterEscape(text: string, i: number): number {
  const c = text.charCodeAt(i + 1);
  if (c === 120) {
    let end = i + 2;
    while (end < i + 4 && isHex(text.charCodeAt(end))) end++;
    return end;
  }
  if (isOctal(c)) {
    let end = i + 2;
    while (end < i + 4 && isOctal(text.charCodeAt(end))) end++;
    return end;
  }
  return 'abefnrtv'.includes(text.charAt(i + 1)) ? i + 2 : i + 1;
}

/** Calls `take(start, end)` for each word of `text` (lower-case), in order. */
function eachWord(text: string, take: (start: number, end: number) => void): void {
  const n = text.length;
  let i = 0;
  while (i < n) {
    while (i < n && !isWordChar(text.charCodeAt(i)))
      i = text.charCodeAt(i) === BACKSLASH ? afterEscape(text, i) : i + 1;
    const start = i;
    while (i < n && isWordChar(text.charCodeAt(i))) i++;
    if (i > start && i - start <= MAX_WORD) take(start, i);
  }
}

/** Every word of a title, notes, an item or a query, lower-cased, in order. */
export function wordsOf(text: string): string[] {
  const lower = withoutEscapes(text).toLowerCase();
  const words: string[] = [];
  eachWord(lower, (start, end) => words.push(lower.slice(start, end)));
  return words;
}

/** Whether a word of captured text is one the index leaves out (see the top of this file). */
function isNoise(word: string, start: number, end: number): boolean {
  let digits = true;
  let hex = true;
  for (let i = start; i < end; i++) {
    const c = word.charCodeAt(i);
    if (c < 48 || c > 57) {
      digits = false;
      if (c < 97 || c > 102) hex = false;
    }
  }
  const length = end - start;
  const leadingZero = word.charCodeAt(start) === 48;
  if (digits) return length > 4 || (leadingZero && length > 2);
  if (hex && length >= 8) return true;
  return leadingZero && word.charCodeAt(start + 1) === 120; // 0x…
}

/** Whether the index leaves `word` (lower-case) out of captured text: search finds it elsewhere only. */
export const isCaptureNoise = (word: string) => word.length > 0 && isNoise(word, 0, word.length);

/** The distinct words of a piece of captured text worth indexing. */
export function captureWordsOf(text: string): string[] {
  const lower = withoutEscapes(text).toLowerCase();
  const words = new Set<string>();
  eachWord(lower, (start, end) => {
    if (!isNoise(lower, start, end)) words.add(lower.slice(start, end));
  });
  return [...words];
}

export interface Snippet {
  /** One line of context, at most SNIPPET_CHARS, control characters shown as spaces. */
  text: string;
  /** Where the matched words are in `text`: [start, end) pairs, in order, not overlapping. */
  marks: Array<[number, number]>;
}

export const SNIPPET_CHARS = 200;
const escapeRegExp = (word: string) => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
// eslint-disable-next-line no-control-regex -- shown as text: a terminal's escapes are noise here
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f]/g;

interface FirstMatch {
  index: number;
  lineStart: number;
  lineEnd: number;
}

const lineAround = (text: string, at: number) => {
  const newline = text.indexOf('\n', at);
  return {
    lineStart: text.lastIndexOf('\n', at) + 1,
    lineEnd: newline < 0 ? text.length : newline,
  };
};

/**
 * The first whole-word match of `words` in `text`. The regex (with its look-behind) runs only on
 * lines where `indexOf` saw a word: over a 256 KiB piece that is ten times faster.
 */
function firstMatch(text: string, words: readonly string[], whole: RegExp): FirstMatch | null {
  const lower = text.toLowerCase();
  if (lower.length !== text.length) {
    // Lower-casing changed lengths (a few Unicode letters): positions would not line up.
    const match = whole.exec(text);
    return match ? { index: match.index, ...lineAround(text, match.index) } : null;
  }
  let best: FirstMatch | null = null;
  for (const word of words) {
    for (let at = lower.indexOf(word); at >= 0 && (!best || at < best.index);) {
      const line = lineAround(text, at);
      const match = whole.exec(text.slice(line.lineStart, line.lineEnd));
      if (match) {
        best = { index: line.lineStart + match.index, ...line };
        break;
      }
      at = lower.indexOf(word, line.lineEnd);
    }
  }
  return best;
}

/**
 * The line of `text` where one of `words` (index words: lower-case, whole) first appears, cut to
 * SNIPPET_CHARS around it, with every match in it marked; null when none appears.
 */
export function snippetOf(raw: string, words: readonly string[]): Snippet | null {
  const text = withoutEscapes(raw);
  const wanted = words.filter((w) => w.length > 0 && w.length <= MAX_WORD);
  if (wanted.length === 0) return null;
  // A word starts after a non-word character or an escape such as `\\n` (see afterEscape).
  const pattern = `(?<=^|[^\\p{L}\\p{N}_]|\\\\(?:[abefnrtv]|x[0-9a-f]{1,2}|[0-7]{1,3}))(?:${wanted.map(escapeRegExp).join('|')})(?![\\p{L}\\p{N}_])`;
  const first = firstMatch(text, wanted, new RegExp(pattern, 'iu'));
  if (!first) return null;
  const { lineStart, lineEnd } = first;
  // Centre the first match; a short line is shown whole.
  let from = Math.max(lineStart, first.index - Math.floor(SNIPPET_CHARS / 3));
  const to = Math.min(lineEnd, from + SNIPPET_CHARS);
  from = Math.max(lineStart, Math.min(from, to - SNIPPET_CHARS));
  const head = from > lineStart ? '…' : '';
  const tail = to < lineEnd ? '…' : '';
  const body = text.slice(from, to).replace(/\r$/, '').replace(CONTROL, ' ');
  const marks: Array<[number, number]> = [];
  for (const match of body.matchAll(new RegExp(pattern, 'giu'))) {
    marks.push([head.length + match.index, head.length + match.index + match[0].length]);
  }
  return { text: `${head}${body}${tail}`, marks };
}
