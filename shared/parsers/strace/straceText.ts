/**
 * Text helpers for strace output: C string literals as strace prints them
 * (`"caf\303\251 \"x\""`), numbers and times. Lines are cleaned (ANSI colours of strace ≥ 7 on a
 * TTY, PTY control characters) by ../lineSplitter; strace escapes every non-printable byte inside
 * strings (`\33`, `\t`), so that cleaning loses nothing of the trace itself.
 * Reference: docs/tool-output-formats.md §1.6.1.
 */

/** Decimal digits at `s[i, end)` as an integer, or -1 when there are none or too many. */
export function digitsAt(s: string, i: number, end: number): number {
  if (i >= end || end - i > 15) return -1;
  let v = 0;
  for (let k = i; k < end; k++) {
    const d = s.charCodeAt(k) - 48;
    if (d < 0 || d > 9) return -1;
    v = v * 10 + d;
  }
  return v;
}

/**
 * `digits[.digits]` (or `,` as in comma locales' `-c` tables) spanning exactly `s[start, end)`,
 * else NaN. Hand-rolled: it runs for every time and duration column.
 */
export function decimalAt(s: string, start: number, end: number): number {
  let i = start;
  let int = 0;
  for (; i < end; i++) {
    const d = s.charCodeAt(i) - 48;
    if (d < 0 || d > 9) break;
    int = int * 10 + d;
  }
  if (i === start || i - start > 15) return NaN;
  if (i === end) return int;
  const sep = s.charCodeAt(i);
  if (sep !== 46 && sep !== 44) return NaN;
  const fracStart = ++i;
  let frac = 0;
  for (; i < end; i++) {
    const d = s.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return NaN;
    frac = frac * 10 + d;
  }
  const digits = end - fracStart;
  if (digits === 0 || digits > 15) return NaN;
  const scale = 10 ** digits;
  // (int·10ⁿ + frac) / 10ⁿ is exact-then-rounded, so it equals Number("1.61"); past 2⁵³ let the
  // engine round the decimal text.
  const scaled = int * scale + frac;
  return scaled <= Number.MAX_SAFE_INTEGER
    ? scaled / scale
    : Number(s.slice(start, end).replace(',', '.'));
}

/** "0.000123", "12" or "0,000123" → number; else NaN. */
export function parseDecimal(token: string): number {
  return decimalAt(token, 0, token.length);
}

/** A -t/-tt/-ttt stamp at `s[start, end)`: "15:09:54", "15:09:54.050853", "1795422224.584234". */
export function stampAt(s: string, start: number, end: number): number {
  const n = end - start;
  if (n >= 8 && s.charCodeAt(start + 2) === 58 && s.charCodeAt(start + 5) === 58) {
    const h = digitsAt(s, start, start + 2);
    const m = digitsAt(s, start + 3, start + 5);
    const sec = digitsAt(s, start + 6, start + 8);
    if (h < 0 || m < 0 || sec < 0) return NaN;
    const whole = h * 3600 + m * 60 + sec;
    if (n === 8) return whole;
    if (s.charCodeAt(start + 8) !== 46 || n === 9) return NaN;
    const frac = digitsAt(s, start + 9, end);
    if (frac < 0) return NaN;
    const scale = 10 ** (n - 9);
    return (whole * scale + frac) / scale;
  }
  // strace prints times with a literal '.', never the locale's ','.
  for (let i = start; i < end; i++) if (s.charCodeAt(i) === 44) return NaN;
  return decimalAt(s, start, end);
}

/** stampAt for a whole token. */
export function parseStamp(token: string): number {
  return stampAt(token, 0, token.length);
}

/** UTF-8 bytes → string; invalid or truncated sequences become U+FFFD. */
export function decodeUtf8(bytes: readonly number[]): string {
  let out = '';
  for (let i = 0; i < bytes.length;) {
    const b = bytes[i] ?? 0;
    const need =
      b < 0x80
        ? 0
        : b >= 0xc2 && b < 0xe0
          ? 1
          : b >= 0xe0 && b < 0xf0
            ? 2
            : b >= 0xf0 && b < 0xf5
              ? 3
              : -1;
    if (need < 0) {
      out += '\ufffd';
      i++;
      continue;
    }
    let cp = need === 0 ? b : b & (0x3f >> need);
    let k = 1;
    for (; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) break;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (
      k <= need ||
      (need === 2 && (cp < 0x800 || (cp >= 0xd800 && cp < 0xe000))) ||
      (need === 3 && (cp < 0x10000 || cp > 0x10ffff))
    ) {
      out += '\ufffd';
      i += Math.max(1, k);
      continue;
    }
    out += String.fromCodePoint(cp);
    i += need + 1;
  }
  return out;
}

const SIMPLE_ESCAPES: Partial<Record<string, number>> = {
  n: 10,
  t: 9,
  r: 13,
  v: 11,
  f: 12,
  a: 7,
  b: 8,
  e: 27,
};
const HEX2 = /^[0-9a-fA-F]{2}$/;

/**
 * Reads the C string literal that opens at `s[start] === '"'`. Returns its decoded text (octal and
 * `\x` escapes taken as UTF-8 bytes) and the index after the closing quote, or null if it is not
 * closed on this line.
 */
export function readCString(s: string, start: number): { value: string; end: number } | null {
  // Fast path: plain ASCII without escapes (most paths).
  for (let i = start + 1; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 34) return { value: s.slice(start + 1, i), end: i + 1 };
    if (c === 92 || c >= 0x80) break;
  }
  const bytes: number[] = [];
  let out = '';
  const flush = (): void => {
    if (bytes.length > 0) {
      out += decodeUtf8(bytes);
      bytes.length = 0;
    }
  };
  for (let i = start + 1; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 34) {
      flush();
      return { value: out, end: i + 1 };
    }
    if (c !== 92) {
      if (c < 0x80) bytes.push(c);
      else {
        flush();
        out += s[i];
      }
      continue;
    }
    i++;
    const e = s.charCodeAt(i);
    if (Number.isNaN(e)) return null;
    if (e >= 48 && e <= 55) {
      let v = 0;
      let k = 0;
      for (; k < 3; k++) {
        const d = s.charCodeAt(i + k) - 48;
        if (!(d >= 0 && d <= 7)) break;
        v = v * 8 + d;
      }
      bytes.push(v & 0xff);
      i += k - 1;
    } else if (e === 120 && HEX2.test(s.slice(i + 1, i + 3))) {
      bytes.push(parseInt(s.slice(i + 1, i + 3), 16));
      i += 2;
    } else if (e < 0x80) {
      bytes.push(SIMPLE_ESCAPES[String.fromCharCode(e)] ?? e);
    } else {
      flush();
      out += s[i];
    }
  }
  return null;
}

/** Only spaces (or nothing). */
export function isBlank(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) !== 32) return false;
  return true;
}

/** Caps retained text so a pathological line cannot pin megabytes in the recent list. */
export function capText(s: string, max: number): string {
  return s.length <= max ? s : `${s.slice(0, max)}…`;
}
