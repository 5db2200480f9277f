/**
 * Header and row of a procps `ps` listing. Columns are mapped by header name over whitespace
 * tokens; the last column (COMMAND/CMD = args) takes the rest of the line, spaces included.
 *   USER         PID %CPU %MEM    VSZ   RSS TTY      STAT START   TIME COMMAND
 *   root       18151 99.6  0.1 1192944 38276 ?       Sl   07:43   7:07 /usr/bin/python3 -m uvicorn app:app
 *     PID    PPID USER     %CPU %MEM STAT     ELAPSED COMMAND         COMMAND
 *   18151   18149 root     99.6  0.1 Sl         07:07 python3         /usr/bin/python3 -m uvicorn app:app
 * A command column that is not last (`comm` before `args`) is left-aligned and padded to a fixed
 * width, so it is cut by the header's positions. `lstart` (STARTED) spans five tokens. Reference:
 * procps-ng ps(1) "STANDARD FORMAT SPECIFIERS"; column widths from procps ps/output.c.
 */
import { scanTokens, tokenEnds, tokenStarts } from '../lineTokens';
import { parseLocaleNumber, parseUnsigned } from '../top/topValues';
import type { PsRow } from './psModel';
import { parsePsDuration, programName } from './psValues';

type Kind =
  | 'pid'
  | 'ppid'
  | 'tid'
  | 'threads'
  | 'user'
  | 'cpu'
  | 'mem'
  | 'vsz'
  | 'rss'
  | 'tty'
  | 'stat'
  | 'started'
  | 'time'
  | 'elapsed'
  | 'command'
  | 'extra';

const KINDS = new Map<string, Kind>([
  ['PID', 'pid'],
  ['PPID', 'ppid'],
  ['LWP', 'tid'],
  ['SPID', 'tid'],
  ['TID', 'tid'],
  ['NLWP', 'threads'],
  ['THCNT', 'threads'],
  ['USER', 'user'],
  ['UID', 'user'],
  ['RUSER', 'user'],
  ['EUSER', 'user'],
  ['RUID', 'user'],
  ['EUID', 'user'],
  ['%CPU', 'cpu'],
  ['C', 'cpu'],
  ['%MEM', 'mem'],
  ['VSZ', 'vsz'],
  ['VSIZE', 'vsz'],
  ['RSS', 'rss'],
  ['RSZ', 'rss'],
  ['TTY', 'tty'],
  ['TT', 'tty'],
  ['STAT', 'stat'],
  ['S', 'stat'],
  ['START', 'started'],
  ['STIME', 'started'],
  ['STARTED', 'started'],
  ['TIME', 'time'],
  ['ELAPSED', 'elapsed'],
  ['COMMAND', 'command'],
  ['CMD', 'command'],
  ['COMM', 'command'],
  ['ARGS', 'command'],
]);

export interface PsPlan {
  names: string[];
  kinds: Kind[];
  /** Header column start offsets (for the fixed-width `comm` column). */
  starts: number[];
}

const HEADER_NAME = /^[A-Za-z%][A-Za-z0-9%+_.:-]*$/;

function tokens(line: string): { text: string; start: number }[] {
  const n = scanTokens(line);
  const out: { text: string; start: number }[] = [];
  for (let k = 0; k < n; k++) {
    const start = tokenStarts[k] ?? 0;
    out.push({ text: line.slice(start, tokenEnds[k]), start });
  }
  return out;
}

/** A ps header line: a PID-like column plus another known one, names only. Else null. */
export function parsePsHeader(line: string): PsPlan | null {
  if (/^\s*\d/.test(line)) return null; // a row (fast path: most lines)
  const toks = tokens(line);
  if (toks.length < 2 || toks.length > 64) return null;
  const kinds: Kind[] = [];
  let known = 0;
  let ids = 0;
  for (const t of toks) {
    if (!HEADER_NAME.test(t.text) || /\d/.test(t.text)) return null;
    const kind = KINDS.get(t.text.toUpperCase()) ?? 'extra';
    if (kind !== 'extra') known++;
    if (kind === 'pid' || kind === 'tid') ids++;
    kinds.push(kind);
  }
  if (ids === 0 || known < 2) return null;
  return { names: toks.map((t) => t.text), kinds, starts: toks.map((t) => t.start) };
}

const WEEKDAY = /^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)$/;
const MONTH = /^(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)$/;

/** Tokens taken by a start-time column: `lstart` 5, `start` older than a day ("Nov 23") 2, else 1. */
function startedWidth(line: string, n: number, i: number): number {
  const first = line.slice(tokenStarts[i], tokenEnds[i]);
  if (WEEKDAY.test(first)) return 5;
  if (
    i + 1 < n &&
    MONTH.test(first) &&
    /^\d{1,2}$/.test(line.slice(tokenStarts[i + 1], tokenEnds[i + 1]))
  ) {
    return 2;
  }
  return 1;
}

function emptyRow(pid: number): PsRow {
  return {
    pid,
    ppid: null,
    tid: null,
    threads: null,
    user: null,
    cpuPercent: null,
    memPercent: null,
    vszKiB: null,
    rssKiB: null,
    tty: null,
    stat: null,
    started: null,
    cpuTimeSeconds: null,
    elapsedSeconds: null,
    comm: null,
    command: '',
    name: '',
  };
}

type NumField =
  | 'ppid'
  | 'tid'
  | 'threads'
  | 'cpuPercent'
  | 'memPercent'
  | 'vszKiB'
  | 'rssKiB'
  | 'cpuTimeSeconds'
  | 'elapsedSeconds';

const NUMERIC: Partial<Record<Kind, { field: NumField; parse: (v: string) => number | null }>> = {
  ppid: { field: 'ppid', parse: parseUnsigned },
  tid: { field: 'tid', parse: parseUnsigned },
  threads: { field: 'threads', parse: parseUnsigned },
  cpu: { field: 'cpuPercent', parse: parseLocaleNumber },
  mem: { field: 'memPercent', parse: parseLocaleNumber },
  vsz: { field: 'vszKiB', parse: parseUnsigned },
  rss: { field: 'rssKiB', parse: parseUnsigned },
  time: { field: 'cpuTimeSeconds', parse: parsePsDuration },
  elapsed: { field: 'elapsedSeconds', parse: parsePsDuration },
};

const TEXT: Partial<Record<Kind, 'user' | 'tty' | 'stat' | 'started'>> = {
  user: 'user',
  tty: 'tty',
  stat: 'stat',
  started: 'started',
};

/** Applies one column's text; false when it does not fit the column (the row is rejected). */
function apply(row: PsRow, kind: Kind, name: string, v: string, commandCols: string[]): boolean {
  const num = NUMERIC[kind];
  if (num) {
    // "-" is how ps prints "none" (a kernel thread's VSZ, an unset field).
    const n = v === '-' ? null : num.parse(v);
    if (n === null && v !== '-') return false;
    row[num.field] = n;
    return true;
  }
  const text = TEXT[kind];
  if (text) row[text] = v;
  else if (kind === 'pid') row.pid = parseUnsigned(v) ?? -1;
  else if (kind === 'command') commandCols.push(v);
  else (row.extra ??= {})[name] = v;
  return row.pid !== -1 || kind !== 'pid';
}

/** One row under `plan`, or null when it does not fit (too few tokens, a non-number in %CPU…). */
export function parsePsRow(line: string, plan: PsPlan): PsRow | null {
  const n = scanTokens(line);
  const text = (k: number): string => line.slice(tokenStarts[k], tokenEnds[k]);
  const row = emptyRow(-1);
  const commandCols: string[] = [];
  const last = plan.kinds.length - 1;
  let ti = 0;
  for (let ci = 0; ci <= last; ci++) {
    const kind = plan.kinds[ci] ?? 'extra';
    let value: string;
    if (ci === last) {
      // The last column may be empty (a zombie's args on some systems) only if it is a command.
      if (ti >= n && kind !== 'command') return null;
      value = ti >= n ? '' : line.slice(tokenStarts[ti]).trimEnd();
      ti = n;
    } else if (ti >= n) {
      return null;
    } else if (kind === 'started') {
      const width = Math.min(startedWidth(line, n, ti), n - ti);
      value = line.slice(tokenStarts[ti], tokenEnds[ti + width - 1]).replace(/\s+/g, ' ');
      ti += width;
    } else if (kind === 'command') {
      // Fixed width: from the header's column start to the next column's, minus one space.
      const width = (plan.starts[ci + 1] ?? 0) - (plan.starts[ci] ?? 0) - 1;
      const from = tokenStarts[ti] ?? 0;
      const end = from + width;
      const boundary = width > 0 && end <= line.length && (line[end] ?? ' ') === ' ';
      value = boundary ? line.slice(from, end).trimEnd() : text(ti);
      const stop = boundary ? end : (tokenEnds[ti] ?? 0);
      while (ti < n && (tokenStarts[ti] ?? 0) < stop) ti++;
    } else {
      value = text(ti);
      ti++;
    }
    if (!apply(row, kind, plan.names[ci] ?? '', value, commandCols)) return null;
  }
  if (row.pid < 0 || ti < n) return null;
  row.command = commandCols[commandCols.length - 1] ?? '';
  if (commandCols.length > 1) row.comm = commandCols[0] ?? null;
  row.name = row.comm ?? programName(row.command);
  return row;
}
