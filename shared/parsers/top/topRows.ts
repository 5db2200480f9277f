/**
 * Task area of `top -b`: the column-header line and the rows under it. Columns are mapped by header
 * name over whitespace tokens; the variable-width COMMAND column takes every surplus token (it may
 * contain spaces), so unknown columns and right-aligned widths do not matter. Examples:
 *     PID USER      PR  NI    VIRT    RES    SHR S  %CPU  %MEM     TIME+ COMMAND
 *   2865374 root      20   0 4332932 930540  22912 R 101.6  12.3     34,58 uvicorn
 *     PID  PPID USER     STAT   VSZ %VSZ %CPU COMMAND                         (busybox)
 *    7003     1 root     S     304m   1%  50% /usr/bin/python3 /tmp/spin.py
 * Reference: /work/shared/reference/tool-output-formats.md §1.4.2 and §1.5.
 */
import type { TopRow } from './topModel';
import { parsePercent, parseSigned, parseSizeKiB, parseTopTime, parseUnsigned } from './topValues';

type Kind =
  | 'pid'
  | 'ppid'
  | 'user'
  | 'pr'
  | 'ni'
  | 'virt'
  | 'res'
  | 'shr'
  | 'state'
  | 'cpu'
  | 'mem'
  | 'time'
  | 'command'
  | 'lastCpu'
  | 'vszPct'
  | 'extra';

/** Header names, including localised ones (de: ZEIT+ BEFEHL, fr: UTIL. TEMPS+ COM.). */
const KINDS: Record<string, Kind> = {
  PID: 'pid',
  TID: 'pid',
  PPID: 'ppid',
  USER: 'user',
  'UTIL.': 'user',
  PR: 'pr',
  NI: 'ni',
  VIRT: 'virt',
  VSZ: 'virt',
  RES: 'res',
  SHR: 'shr',
  S: 'state',
  STAT: 'state',
  '%CPU': 'cpu',
  '%MEM': 'mem',
  'TIME+': 'time',
  TIME: 'time',
  'ZEIT+': 'time',
  ZEIT: 'time',
  'TEMPS+': 'time',
  TEMPS: 'time',
  COMMAND: 'command',
  BEFEHL: 'command',
  'COM.': 'command',
  CMD: 'command',
  P: 'lastCpu',
  CPU: 'lastCpu',
  '%VSZ': 'vszPct',
};

export interface ColumnPlan {
  names: string[];
  kinds: Kind[];
  /** Index of the variable-width column (COMMAND, else the last one). */
  varIdx: number;
  hasCommand: boolean;
  /** Looks like busybox (STAT/VSZ and no PR). */
  busybox: boolean;
}

// Scratch token offsets, reused across calls (the parser is synchronous and not re-entrant).
const starts: number[] = [];
const ends: number[] = [];

function scanTokens(line: string): number {
  let count = 0;
  let i = 0;
  const len = line.length;
  while (i < len) {
    while (i < len && line.charCodeAt(i) <= 32) i++;
    if (i >= len) break;
    const s = i;
    while (i < len && line.charCodeAt(i) > 32) i++;
    starts[count] = s;
    ends[count] = i;
    count++;
  }
  return count;
}

/** A column-header line (PID plus at least two other known columns, no numeric token), or null. */
export function parseHeader(line: string): ColumnPlan | null {
  const n = scanTokens(line);
  if (n < 3 || n > 64) return null;
  const names: string[] = [];
  const kinds: Kind[] = [];
  let known = 0;
  let pid = false;
  for (let i = 0; i < n; i++) {
    const name = line.slice(starts[i], ends[i]);
    if (/^[\d.,:%+-]+$/.test(name)) return null;
    const upper = name.toUpperCase();
    const kind = Object.hasOwn(KINDS, upper) ? (KINDS[upper] ?? 'extra') : 'extra';
    if (kind === 'pid') {
      if (pid) return null;
      pid = true;
    } else if (kind !== 'extra') known++;
    names.push(name);
    kinds.push(kind);
  }
  if (!pid || known < 2) return null;
  const cmd = kinds.indexOf('command');
  return {
    names,
    kinds,
    varIdx: cmd >= 0 ? cmd : n - 1,
    hasCommand: cmd >= 0,
    busybox: (kinds.includes('virt') && names.includes('VSZ')) || names.includes('STAT'),
  };
}

const PRIORITY = /^(?:-?\d{1,6}|rt|RT)$/;
const STATE = /^[A-Za-z<+-]{1,5}$/;

/** One task row, or null when the tokens do not fit the header's columns. */
export function parseRow(line: string, plan: ColumnPlan, procps: boolean): TopRow | null {
  const n = plan.kinds.length;
  const count = scanTokens(line);
  let surplus = count - n;
  const v = plan.varIdx;
  // A missing COMMAND value (empty comm) only works when COMMAND is the last column.
  if (surplus < 0 && !(surplus === -1 && plan.hasCommand && v === n - 1)) return null;
  const row: TopRow = {
    pid: -1,
    user: '',
    priority: '',
    nice: 0,
    virtKiB: null,
    resKiB: null,
    shrKiB: null,
    state: '',
    cpuPercent: 0,
    memPercent: null,
    cpuTimeSeconds: null,
    command: '',
  };
  for (let c = 0; c < n; c++) {
    let text: string;
    if (c < v) text = line.slice(starts[c], ends[c]);
    else if (c === v) {
      text = surplus < 0 ? '' : line.slice(starts[c], ends[c + surplus]);
      if (surplus < 0) surplus = 0;
    } else text = line.slice(starts[c + surplus], ends[c + surplus]);
    if (!applyCell(row, plan.kinds[c] ?? 'extra', plan.names[c] ?? '', text)) return null;
  }
  if (row.pid < 0) return null;
  if (row.user.length > 1 && row.user.endsWith('+')) row.userTruncated = true;
  if (procps && row.command.length > 1 && row.command.endsWith('+')) row.commandTruncated = true;
  return row;
}

function applyCell(row: TopRow, kind: Kind, name: string, text: string): boolean {
  switch (kind) {
    case 'pid': {
      const pid = parseUnsigned(text);
      if (pid == null) return false;
      row.pid = pid;
      return true;
    }
    case 'ppid': {
      const ppid = parseUnsigned(text);
      if (ppid == null) return false;
      row.ppid = ppid;
      return true;
    }
    case 'user':
      row.user = text;
      return true;
    case 'pr':
      row.priority = text;
      return PRIORITY.test(text);
    case 'ni': {
      const ni = parseSigned(text);
      if (ni == null) return false;
      row.nice = ni;
      return true;
    }
    case 'virt':
    case 'res':
    case 'shr': {
      const kib = parseSizeKiB(text);
      if (kib === undefined) return false;
      if (kind === 'virt') row.virtKiB = kib;
      else if (kind === 'res') row.resKiB = kib;
      else row.shrKiB = kib;
      return true;
    }
    case 'state':
      row.state = text;
      return STATE.test(text);
    case 'cpu': {
      const pct = parsePercent(text);
      if (pct == null) return false;
      row.cpuPercent = pct;
      return true;
    }
    case 'mem': {
      const pct = text === '?' ? null : parsePercent(text);
      if (pct == null && text !== '?') return false;
      row.memPercent = pct;
      return true;
    }
    case 'time': {
      const secs = parseTopTime(text);
      if (secs == null && text !== '?') return false;
      row.cpuTimeSeconds = secs;
      return true;
    }
    case 'command':
      row.command = text;
      return true;
    case 'lastCpu': {
      const cpu = parseUnsigned(text);
      if (cpu == null) return false;
      row.lastCpu = cpu;
      return true;
    }
    case 'vszPct': {
      const pct = parsePercent(text);
      if (pct == null) return false;
      row.vszPercent = pct;
      return true;
    }
    case 'extra':
      if (name !== '__proto__') (row.extra ??= {})[name] = text;
      return true;
  }
}
