/**
 * One strace output line → one typed event (or null when it is not strace's).
 * Grammar: docs/tool-output-formats.md §1.6.1 (strace 4.x … 7.2); recordings
 * of strace 6.1 and 7.2 in test/fixtures/strace. Examples:
 *
 *   [pid 10909] 08:23:42.308061 connect(4, {…}, 16) = -1 ECONNREFUSED (Connection refused) <0.000131>
 *   11735 15:09:54.051055 rename("/srv/lab/app.log.1", …) = -1 ENOENT (No such file or directory) <0.000019>
 *   [pid 10908] 08:23:42.301598 futex(0x28598500, FUTEX_WAIT_BITSET_PRIVATE, 0, NULL <unfinished ...>
 *   [pid 10908] 08:23:42.332302 <... futex resumed>) = 0 <0.030691>
 *   08:33:48.302576 --- SIGCHLD {si_signo=SIGCHLD, si_code=CLD_EXITED, …} ---
 *   [pid 16314] 08:33:49.504319 +++ killed by SIGKILL +++
 *   strace: attach: ptrace(PTRACE_SEIZE, 1): Operation not permitted
 *   08:23:13.614129 wait4(-1, strace: Process 9718 detached      ← a message cuts a call (stderr)
 *
 * Never throws; pure string work.
 */
import type { StraceEvent, StraceExitEvent, StraceStamp } from './straceModel';
import { extractPath, findClose, findCloseLoosely, finishedEvent } from './straceArgs';
import { isDigit, readLeader, skipSpaces, type Leader } from './straceLeader';
import { embeddedMessageAt, parseStraceMessage } from './straceMessage';
import { cleanLine } from '../lineSplitter';

const UNFINISHED = ' <unfinished ...>';
const DETACHED = ' <detached ...>';
/** Adds the optional -r / -Y columns to an event built from `lead` (objects keep one shape). */
function withExtras<T extends StraceStamp>(ev: T, lead: Leader): T {
  if (lead.relative !== undefined) ev.relative = lead.relative;
  if (lead.comm !== undefined) ev.comm = lead.comm;
  return ev;
}

/** The finished call `name(args) = …` whose result starts at `s[from]`. */
function callEvent(lead: Leader, name: string, args: string, s: string, from: number): StraceEvent {
  const ev = finishedEvent('syscall', lead, name, args, s, from);
  const path = extractPath(name, args);
  if (path !== undefined && ev.kind === 'syscall') ev.path = path;
  return withExtras(ev, lead);
}

function unfinishedEvent(lead: Leader, name: string, args: string, detached: boolean): StraceEvent {
  const ev: StraceEvent = {
    kind: 'unfinished',
    pid: lead.pid,
    time: lead.time,
    timeRaw: lead.timeRaw,
    name,
    args,
  };
  if (detached) ev.detached = true;
  return withExtras(ev, lead);
}

function parseSignal(s: string, lead: Leader): StraceEvent | null {
  const at = lead.body;
  if (!s.endsWith(' ---') || s.length < at + 8) return null;
  const inner = s.slice(at + 4, s.length - 4).trim();
  let signal: string;
  let info: string;
  if (inner.startsWith('stopped by ')) [signal, info] = [inner.slice(11).trim(), 'stopped by'];
  else {
    const sp = inner.indexOf(' ');
    signal = sp < 0 ? inner : inner.slice(0, sp);
    info = sp < 0 ? '' : inner.slice(sp + 1);
  }
  if (!/^(?:SIG[A-Z0-9_+-]+|\d+)$/.test(signal)) return null;
  const { pid, time, timeRaw } = lead;
  const ev: StraceEvent = { kind: 'signal', pid, time, timeRaw, signal, info };
  return withExtras(ev, lead);
}

function parseExit(s: string, lead: Leader): StraceEvent | null {
  if (!s.endsWith(' +++')) return null;
  const inner = s.slice(lead.body + 4, s.length - 4).trim();
  const { pid, time, timeRaw } = lead;
  const ev: StraceExitEvent = { kind: 'exit', pid, time, timeRaw, code: null, killedBy: null };
  let m = /^exited with (-?\d+)$/.exec(inner);
  if (m) ev.code = Number(m[1]);
  else if ((m = /^killed by (\S+)( \(core dumped\))?$/.exec(inner))) {
    ev.killedBy = m[1] ?? '';
    if (m[2]) ev.coreDumped = true;
  } else if ((m = /^superseded by execve in pid (\d+)$/.exec(inner))) {
    ev.supersededBy = Number(m[1]);
  } else return null;
  return withExtras(ev, lead);
}

function parseResumed(s: string, lead: Leader): StraceEvent | null {
  const at = lead.body;
  const end = s.indexOf(' resumed>', at + 5);
  if (end < 0) return null;
  const name = s.slice(at + 5, end);
  if (!/^\w+$/.test(name)) return null;
  let from = end + 9;
  if (s.startsWith(UNFINISHED, from)) from += UNFINISHED.length; // killed in the call: `) = ?`
  let close = findClose(s, from);
  if (close < 0) close = findCloseLoosely(s, from);
  if (close < 0) return null;
  const eq = skipSpaces(s, close + 1);
  if (s.charCodeAt(eq) !== 61) return null;
  const ev = finishedEvent('resumed', lead, name, s.slice(from, close), s, skipSpaces(s, eq + 1));
  return withExtras(ev, lead);
}

function parseCall(s: string, lead: Leader, cut: boolean): StraceEvent | null {
  const at = lead.body;
  let p = at;
  for (; p < s.length; p++) {
    const c = s.charCodeAt(p);
    if (!(isDigit(c) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95)) break;
  }
  if (p === at || s.charCodeAt(p) !== 40 || isDigit(s.charCodeAt(at))) return null;
  const name = s.slice(at, p);
  let close = findClose(s, p + 1);
  if (close < 0 && !cut && !s.endsWith(UNFINISHED) && !s.endsWith(DETACHED)) {
    close = findCloseLoosely(s, p + 1);
  }
  if (close >= 0 && !cut) {
    const eq = skipSpaces(s, close + 1);
    if (s.charCodeAt(eq) === 61) {
      return callEvent(lead, name, s.slice(p + 1, close), s, skipSpaces(s, eq + 1));
    }
    if (!s.endsWith(UNFINISHED) && !s.endsWith(DETACHED)) return null;
  }
  if (cut) return unfinishedEvent(lead, name, s.slice(p + 1).trimEnd(), true);
  if (s.endsWith(UNFINISHED)) {
    return unfinishedEvent(
      lead,
      name,
      s.slice(p + 1, s.length - UNFINISHED.length).trimEnd(),
      false,
    );
  }
  if (s.endsWith(DETACHED)) {
    return unfinishedEvent(lead, name, s.slice(p + 1, s.length - DETACHED.length).trimEnd(), true);
  }
  return null;
}

/** Parses a cleaned line (no colours, no trailing spaces); `cut`: a message interrupted it. */
function parseBody(s: string, cut: boolean, mentionsStrace: boolean): StraceEvent | null {
  if (!cut && mentionsStrace) {
    const msg = parseStraceMessage(s);
    if (msg) return msg;
  }
  const lead = readLeader(s);
  if (!lead) return null;
  const at = lead.body;
  const c = s.charCodeAt(at);
  if (c === 45 && s.startsWith('--- ', at)) return parseSignal(s, lead);
  if (c === 43 && s.startsWith('+++ ', at)) return parseExit(s, lead);
  if (c === 60) {
    if (s.startsWith('<... ', at)) return parseResumed(s, lead);
    if (s.startsWith('<detached ...>', at) && s.length === at + 14) {
      return { kind: 'detach', pid: lead.pid, text: '<detached ...>' };
    }
    return null;
  }
  return parseCall(s, lead, cut);
}

/**
 * The head of a line that a strace message cut (`wait4(-1, `), when its rest never came: an
 * unfinished call, `detached` (it will never resume) when the message was a detach.
 */
export function parseCutCall(head: string, detached = true): StraceEvent | null {
  const ev = parseBody(cleanLine(head).trimEnd(), true, false);
  if (ev && ev.kind === 'unfinished' && !detached) delete ev.detached;
  return ev;
}

/** Every event on one line: usually one, two when a message cut a call, none if not understood. */
export function parseStraceLineEvents(raw: string): StraceEvent[] {
  return eventsOfCleanLine(cleanLine(raw).trimEnd());
}

/** parseStraceLineEvents for a line already cleaned of control characters and trailing spaces. */
export function eventsOfCleanLine(s: string): StraceEvent[] {
  const mentionsStrace = s.indexOf('strace: ') >= 0;
  const split = mentionsStrace ? embeddedMessageAt(s) : -1;
  if (split < 0) {
    const ev = parseBody(s, false, mentionsStrace);
    return ev ? [ev] : [];
  }
  const head = parseBody(s.slice(0, split).trimEnd(), true, false);
  const msg = parseStraceMessage(s.slice(split));
  return head && msg ? [head, msg] : msg ? [msg] : [];
}

/** Parses one line of strace output; null when it is blank or not understood. */
export function parseStraceLine(raw: string): StraceEvent | null {
  return parseStraceLineEvents(raw)[0] ?? null;
}
