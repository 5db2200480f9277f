/**
 * The leader of a strace line: `[pid N]` (`[pid  N]` padded, `[pid N<comm>]` with -Y) or a bare
 * `N ` (-o FILE with -f), the -t/-tt/-ttt stamp, the -r `(+ 0.000123)` or bare relative time,
 * and the -n `[ 230]` and -i `[00007fced749c545]` columns. Reference: tool-output-formats.md §1.6.1.
 *
 *   [pid 10907] 08:23:45 (+     0.000785) <... clock_nanosleep resumed>NULL) = 0
 */
import { decimalAt, digitsAt, stampAt } from './straceText';

/** The pid / time / -n / -i columns of a line and where its body starts. */
export interface Leader {
  pid: number | null;
  time: number | null;
  timeRaw: string | null;
  relative: number | undefined;
  comm: string | undefined;
  body: number;
}

export function skipSpaces(s: string, i: number): number {
  while (s.charCodeAt(i) === 32) i++;
  return i;
}

export function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** Reads `[pid N]` / `[pid N<comm>]` / `N `, the time columns and `[scno]` `[ip]`; null if malformed. */
export function readLeader(s: string): Leader | null {
  const lead: Leader = {
    pid: null,
    time: null,
    timeRaw: null,
    relative: undefined,
    comm: undefined,
    body: 0,
  };
  let i = skipSpaces(s, 0);
  if (s.startsWith('[pid', i)) {
    const close = s.indexOf(']', i);
    if (close < 0) return null;
    const a = skipSpaces(s, i + 4);
    let b = a;
    while (isDigit(s.charCodeAt(b))) b++;
    const pid = digitsAt(s, a, b);
    if (pid < 0) return null;
    if (b < close) {
      // -Y: `[pid 10910<python3>]`
      if (s.charCodeAt(b) !== 60 || s.charCodeAt(close - 1) !== 62) return null;
      lead.comm = s.slice(b + 1, close - 1);
    }
    lead.pid = pid;
    i = skipSpaces(s, close + 1);
  } else if (isDigit(s.charCodeAt(i))) {
    let j = i;
    while (isDigit(s.charCodeAt(j))) j++;
    if (s.charCodeAt(j) === 32) {
      lead.pid = digitsAt(s, i, j);
      if (lead.pid < 0) return null;
      i = skipSpaces(s, j);
    }
  }
  if (isDigit(s.charCodeAt(i))) {
    let j = i;
    let colon = false;
    let dot = -1;
    for (; j < s.length; j++) {
      const c = s.charCodeAt(j);
      if (c === 32) break;
      if (c === 58) colon = true;
      else if (c === 46 && dot < 0) dot = j;
    }
    const value = stampAt(s, i, j);
    if (Number.isNaN(value)) return null;
    if (!colon && (dot < 0 ? j : dot) - i < 9) lead.relative = value;
    else {
      lead.time = value;
      lead.timeRaw = s.slice(i, j);
    }
    i = skipSpaces(s, j);
  }
  if (s.startsWith('(+', i)) {
    const close = s.indexOf(')', i);
    const rel = close < 0 ? NaN : decimalAt(s, skipSpaces(s, i + 2), close);
    if (Number.isNaN(rel)) return null;
    lead.relative = rel;
    i = skipSpaces(s, close + 1);
  }
  // -n `[ 230]` and -i `[00007fced749c545]` columns.
  while (s.charCodeAt(i) === 91) {
    const close = s.indexOf(']', i);
    if (close < 0 || !/^[ 0-9a-fA-F?]+$/.test(s.slice(i + 1, close))) break;
    i = skipSpaces(s, close + 1);
  }
  lead.body = i;
  return lead;
}
