/**
 * Value parsers for `top` output: locale numbers, percentages, scaled memory sizes and TIME+.
 * Reference: docs/tool-output-formats.md §1.4.2–§1.4.4 and §1.5.
 */

/**
 * `[+-]?digits([.,]digits)?` spanning exactly `s[start, end)`, else NaN. Hand-rolled because it runs
 * several times per task row; (int·10ⁿ + frac) / 10ⁿ is exact-then-rounded, so it equals Number("99.9").
 */
export function decimalAt(s: string, start: number, end: number): number {
  let i = start;
  let sign = 1;
  const first = s.charCodeAt(i);
  if (first === 45 || first === 43) {
    sign = first === 45 ? -1 : 1;
    i++;
  }
  let value = 0;
  let digits = 0;
  for (; i < end; i++, digits++) {
    const d = s.charCodeAt(i) - 48;
    if (d < 0 || d > 9) break;
    value = value * 10 + d;
  }
  if (digits === 0) return NaN;
  let scale = 1;
  if (i < end) {
    const sep = s.charCodeAt(i);
    if (sep !== 46 && sep !== 44) return NaN;
    i++;
    const fracStart = i;
    for (; i < end; i++, digits++) {
      const d = s.charCodeAt(i) - 48;
      if (d < 0 || d > 9) return NaN;
      value = value * 10 + d;
      scale *= 10;
    }
    if (i === fracStart) return NaN;
  }
  if (digits > 15) {
    // Beyond exact integer arithmetic: let the engine round the decimal text.
    const n = Number(s.slice(start, end).replace(',', '.'));
    return Number.isFinite(n) ? n + 0 : NaN;
  }
  return (sign * value) / scale + 0; // + 0 turns -0 into 0
}

/** "0.15", "0,15" (comma-decimal locales), "-20", "1235" → number; anything else → null. */
export function parseLocaleNumber(token: string): number | null {
  const n = decimalAt(token, 0, token.length);
  return Number.isNaN(n) ? null : n;
}

/** A non-negative integer that fits a JS safe integer ("12345"), else null. */
export function parseUnsigned(token: string): number | null {
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

/** A signed integer such as NI "-20", else null. */
export function parseSigned(token: string): number | null {
  const c = token.charCodeAt(0);
  if (c !== 45 && c !== 43) return parseUnsigned(token);
  const v = parseUnsigned(token.slice(1));
  return v === null ? null : c === 45 ? -v + 0 : v; // + 0 turns -0 into 0
}

/** "99.9", "0,0", "1235", busybox "50%" or "0.0" → number, else null. */
export function parsePercent(token: string): number | null {
  return parseLocaleNumber(token.endsWith('%') ? token.slice(0, -1) : token);
}

const SCALE_STEPS = 'kmgtpezy';

/** Multiplier to KiB of a unit letter (k/K = 1, m = 1024, g = 1024², … y = 1024⁷), or null. */
export function unitToKiB(letter: string): number | null {
  const step = SCALE_STEPS.indexOf(letter.toLowerCase());
  return step < 0 ? null : 1024 ** step;
}

/**
 * VIRT/RES/SHR (procps `scale_mem`) or busybox VSZ: a plain number is KiB, a suffix k/m/g/t/p/e
 * (busybox also z/y) scales it; comma decimals accepted ("125,1m"). Result rounded to whole KiB.
 * "?" (nothing fitted) → null; unparseable → undefined.
 */
export function parseSizeKiB(token: string): number | null | undefined {
  if (token === '?' || token === '-') return null;
  let end = token.length;
  let factor = 1;
  const last = token.charCodeAt(end - 1);
  if (last > 57) {
    const f = unitToKiB(token.charAt(end - 1));
    if (f === null) return undefined;
    factor = f;
    end--;
  }
  if (token.charCodeAt(0) === 45 || token.charCodeAt(0) === 43) return undefined;
  const value = decimalAt(token, 0, end);
  const kib = Math.round(value * factor);
  return Number.isFinite(kib) ? kib : undefined;
}

const MIN_SEC_HUNDREDTHS = /^(\d{1,12}):(\d{2})\.(\d{2})$/;
const MIN_SEC = /^(\d{1,12}):(\d{2})$/;
const HOURS_COMMA_MIN = /^(\d{1,12}),(\d{2})$/;
const TWO_UNITS = /^(\d{1,12})([wd])\+(\d{1,12})([dh])$/i;
const ONE_UNIT = /^(\d{1,12})([wdh])$/i;
const UNIT_SECONDS: Record<string, number> = { w: 604_800, d: 86_400, h: 3_600 };

/**
 * procps TIME+ / TIME (`scale_tics`): `M:SS.hh`, `M:SS`, `H,MM` (hours,minutes: a literal comma,
 * never a locale decimal — "34,58" is 34 h 58 min), `Nd+Hh`, `Nw+Nd`, `Nd`, `Nh`, `Nw`; units may be
 * upper-case. Returns seconds, null for "?" or anything else.
 */
export function parseTopTime(token: string): number | null {
  const fast = minSecHundredths(token);
  if (fast >= 0) return fast;
  let m = MIN_SEC_HUNDREDTHS.exec(token);
  if (m) return (Number(m[1]) * 6000 + Number(m[2]) * 100 + Number(m[3])) / 100;
  m = MIN_SEC.exec(token);
  if (m) return Number(m[1]) * 60 + Number(m[2]);
  m = HOURS_COMMA_MIN.exec(token);
  if (m) return Number(m[1]) * 3600 + Number(m[2]) * 60;
  m = TWO_UNITS.exec(token);
  if (m) {
    const big = UNIT_SECONDS[(m[2] ?? '').toLowerCase()] ?? 0;
    const small = UNIT_SECONDS[(m[4] ?? '').toLowerCase()] ?? 0;
    // Only the orders procps prints: d+h and w+d.
    if (big <= small) return null;
    return Number(m[1]) * big + Number(m[3]) * small;
  }
  m = ONE_UNIT.exec(token);
  if (m) return Number(m[1]) * (UNIT_SECONDS[(m[2] ?? '').toLowerCase()] ?? 0);
  return null;
}

/** Fast path for the common `M:SS.hh` TIME+ (no regex, no allocation); -1 when it does not apply. */
function minSecHundredths(t: string): number {
  const n = t.length;
  if (n < 7 || n > 18 || t.charCodeAt(n - 3) !== 46 || t.charCodeAt(n - 6) !== 58) return -1;
  let minutes = 0;
  for (let i = 0; i < n - 6; i++) {
    const d = t.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    minutes = minutes * 10 + d;
  }
  const s1 = t.charCodeAt(n - 5) - 48;
  const s2 = t.charCodeAt(n - 4) - 48;
  const h1 = t.charCodeAt(n - 2) - 48;
  const h2 = t.charCodeAt(n - 1) - 48;
  if (s1 < 0 || s1 > 9 || s2 < 0 || s2 > 9 || h1 < 0 || h1 > 9 || h2 < 0 || h2 > 9) return -1;
  return (minutes * 6000 + (s1 * 10 + s2) * 100 + h1 * 10 + h2) / 100;
}

/** Whitespace-separated tokens of a line with their start/end offsets. */
export interface Token {
  text: string;
  start: number;
  end: number;
}

const NON_SPACE = /\S+/g;

export function tokenize(line: string): Token[] {
  const out: Token[] = [];
  NON_SPACE.lastIndex = 0;
  for (let m = NON_SPACE.exec(line); m; m = NON_SPACE.exec(line)) {
    out.push({ text: m[0], start: m.index, end: m.index + m[0].length });
  }
  return out;
}
