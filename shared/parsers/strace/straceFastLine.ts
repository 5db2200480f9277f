/**
 * The fast path of the strace line parser, for the lines that make up nearly all of a live trace:
 *
 *   [pid 11737] 15:09:54.051055 read(12, "GET /x HTTP/1.1\r\n"..., 65536) = 523 <0.000050>
 *   11735 15:09:54.051120 rename("/srv/app.log.1", "/srv/app.log.2") = -1 ENOENT (No such file or directory) <0.000019>
 *   [pid 11740] 15:09:54.051200 futex(0x28598500, FUTEX_WAIT_BITSET_PRIVATE, 0, NULL <unfinished ...>
 *   [pid 11740] 15:09:54.081200 <... futex resumed>) = 0 <0.030000>
 *
 * One left-to-right pass with no intermediate objects: the pid and -t/-tt clock read in place,
 * names and errnos interned, the arguments' closing parenthesis found by one sticky regex (native
 * code, several times faster per character than a JS loop here), the result written straight into
 * the event. Anything else (signals, exits, -r/-ttt/-Y/-n/-i columns, cut or detached calls,
 * nesting deeper than the regex knows) returns null, and straceLine.ts, the general parser, reads
 * the line. Where this returns an event it is the one straceLine.ts builds (property-tested).
 */
import { extractPath, finishedEvent } from './straceArgs';
import { isDigit, skipSpaces } from './straceLeader';
import type { StraceEvent, StraceStamp } from './straceModel';
import { StringInterner } from './stringInterner';
import { digitsAt, stampAt } from './straceText';

const UNFINISHED = ' <unfinished ...>';

/**
 * Balanced call arguments, as straceArgs.findClose reads them (C strings with escapes, nested
 * (), [], {}), up to 4 levels deep. One character per iteration, so a failed match backtracks in
 * linear time. After `lastIndex = start; test()`, lastIndex is where balanced text stops: the
 * call's `)` when it is there.
 */
const BALANCED = ((): RegExp => {
  const plain = '[^"()[\\]{}]';
  const str = '"(?:[^"\\\\]|\\\\[\\s\\S])*"';
  let level = `(?:${plain}|${str})*`;
  for (let d = 0; d < 3; d++) {
    level = `(?:${plain}|${str}|\\(${level}\\)|\\[${level}\\]|\\{${level}\\})*`;
  }
  return new RegExp(level, 'y');
})();

const NAMES = new StringInterner(256);

function isNameChar(c: number): boolean {
  return isDigit(c) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
}

/** `s[start, end)` interned when it is a non-empty run of [A-Za-z0-9_], else null. */
function nameAt(s: string, start: number, end: number): string | null {
  if (end <= start) return null;
  for (let i = start; i < end; i++) if (!isNameChar(s.charCodeAt(i))) return null;
  return NAMES.slice(s, start, end);
}

/** Where the `)` closing arguments that start at `from` is, or -1 when the regex cannot tell. */
function balancedClose(s: string, from: number): number {
  BALANCED.lastIndex = from;
  BALANCED.test(s);
  const close = BALANCED.lastIndex;
  return s.charCodeAt(close) === 41 ? close : close === s.length ? s.length : -1;
}

/** The leader of the line being read (one object reused: no allocation per line). */
const leader: StraceStamp = { pid: null, time: null, timeRaw: null };

/** Reads `[pid N] ` or `N `, then an `HH:MM:SS[.frac] ` stamp (each optional); the body's start, or -1. */
function leaderEnd(s: string): number {
  leader.pid = null;
  leader.time = null;
  leader.timeRaw = null;
  let i = 0;
  const c = s.charCodeAt(0);
  if (c === 91) {
    if (!s.startsWith('[pid', 0)) return -1;
    const a = skipSpaces(s, 4);
    let b = a;
    while (isDigit(s.charCodeAt(b))) b++;
    if (s.charCodeAt(b) !== 93) return -1;
    const pid = digitsAt(s, a, b);
    if (pid < 0) return -1;
    leader.pid = pid;
    i = skipSpaces(s, b + 1);
  } else if (isDigit(c)) {
    let j = 1;
    while (isDigit(s.charCodeAt(j))) j++;
    if (s.charCodeAt(j) === 32) {
      const pid = digitsAt(s, 0, j);
      if (pid < 0) return -1;
      leader.pid = pid;
      i = skipSpaces(s, j);
    }
  } else if (c === 32) return -1;
  if (isDigit(s.charCodeAt(i))) {
    const sp = s.indexOf(' ', i);
    if (sp < 0 || s.charCodeAt(i + 2) !== 58) return -1;
    const value = stampAt(s, i, sp);
    if (Number.isNaN(value)) return -1;
    leader.time = value;
    leader.timeRaw = s.slice(i, sp);
    i = skipSpaces(s, sp);
  }
  const b = s.charCodeAt(i);
  return b === 40 || b === 91 ? -1 : i;
}

function callAt(s: string, at: number): StraceEvent | null {
  const paren = s.indexOf('(', at);
  if (paren < 0 || isDigit(s.charCodeAt(at))) return null;
  const name = nameAt(s, at, paren);
  if (name === null) return null;
  const close = balancedClose(s, paren + 1);
  if (close < 0) return null;
  if (close < s.length) {
    const eq = skipSpaces(s, close + 1);
    if (s.charCodeAt(eq) !== 61) return null;
    const args = s.slice(paren + 1, close);
    const ev = finishedEvent('syscall', leader, name, args, s, skipSpaces(s, eq + 1));
    const path = extractPath(name, args);
    if (path !== undefined && ev.kind === 'syscall') ev.path = path;
    return ev;
  }
  if (!s.endsWith(UNFINISHED)) return null;
  const { pid, time, timeRaw } = leader;
  return {
    kind: 'unfinished',
    pid,
    time,
    timeRaw,
    name,
    args: s.slice(paren + 1, s.length - UNFINISHED.length).trimEnd(),
  };
}

function resumedAt(s: string, at: number): StraceEvent | null {
  const end = s.indexOf(' resumed>', at + 5);
  if (end < 0) return null;
  const name = nameAt(s, at + 5, end);
  const from = end + 9;
  if (name === null || s.startsWith(UNFINISHED, from)) return null;
  const close = balancedClose(s, from);
  if (close < 0 || close === s.length) return null;
  const eq = skipSpaces(s, close + 1);
  if (s.charCodeAt(eq) !== 61) return null;
  return finishedEvent('resumed', leader, name, s.slice(from, close), s, skipSpaces(s, eq + 1));
}

/**
 * The event of a common call line (cleaned, no trailing spaces, no `strace: ` in it), or null when
 * the general parser must read it.
 */
export function fastStraceEvent(s: string): StraceEvent | null {
  const at = leaderEnd(s);
  if (at < 0) return null;
  const c = s.charCodeAt(at);
  if (c === 60) return s.startsWith('<... ', at) ? resumedAt(s, at) : null;
  if (c === 45 || c === 43) return null;
  return callAt(s, at);
}
