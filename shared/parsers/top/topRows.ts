/**
 * Task rows of `top -b`, read against the column plan of their header (./topHeader). When a row
 * has as many tokens as the header has names, they map one to one (pastes that lost their
 * alignment still read); with more, each token is placed under its header name; failing that, the
 * variable-width COMMAND column takes every surplus token. Examples:
 *     PID USER      PR  NI    VIRT    RES    SHR S  %CPU  %MEM     TIME+ COMMAND
 *   2865374 root      20   0 4332932 930540  22912 R 101.6  12.3     34,58 uvicorn
 *     PID  PPID USER     STAT   VSZ %VSZ %CPU COMMAND                         (busybox)
 *    7003     1 root     S     304m   1%  50% /usr/bin/python3 /tmp/spin.py
 * Reference: docs/tool-output-formats.md §1.4.2 and §1.5.
 */
import type { TopRow } from './topModel';
import { scanTokens, tokenEnds, tokenStarts } from '../lineTokens';
import type { ColumnPlan, Kind } from './topHeader';
import { parsePercent, parseSigned, parseSizeKiB, parseTopTime, parseUnsigned } from './topValues';

const PRIORITY = /^(?:-?\d{1,6}|rt|RT)$/;
const STATE = /^[A-Za-z<+-]{1,5}$/;

/** One task row, or null when the tokens do not fit the header's columns. */
export function parseRow(line: string, plan: ColumnPlan, procps: boolean): TopRow | null {
  const count = scanTokens(line);
  const n = plan.kinds.length;
  if (count > n) {
    // Values with spaces: place each token under its header first (any text column may hold
    // them: COMMAND, ENVIRON, CGROUPS, toybox THREAD); all surplus to COMMAND if that fails.
    const cells = cellsByPosition(line, count, plan);
    const row = cells === null ? null : rowFromCells(cells, plan, procps);
    if (row !== null) return row;
  }
  const cells = cellsBySurplus(line, count, plan);
  return cells === null ? null : rowFromCells(cells, plan, procps);
}

/** Extra tokens all go to the variable-width column (COMMAND, else the last one). */
function cellsBySurplus(line: string, count: number, plan: ColumnPlan): string[] | null {
  const n = plan.kinds.length;
  const v = plan.varIdx;
  let surplus = count - n;
  // A missing COMMAND value (empty comm) only works when COMMAND is the last column.
  if (surplus < 0 && !(surplus === -1 && plan.hasCommand && v === n - 1)) return null;
  const cells: string[] = [];
  for (let c = 0; c < n; c++) {
    if (c < v) cells.push(line.slice(tokenStarts[c], tokenEnds[c]));
    else if (c === v) {
      cells.push(surplus < 0 ? '' : line.slice(tokenStarts[c], tokenEnds[c + surplus]));
      if (surplus < 0) surplus = 0;
    } else cells.push(line.slice(tokenStarts[c + surplus], tokenEnds[c + surplus]));
  }
  return cells;
}

/** Kinds whose value may hold spaces (and so span several tokens). */
const SPACED = new Set<Kind>(['command', 'extra']);

/**
 * Cells by where tokens sit under the header: a token that overlaps a header name belongs to that
 * column (top right-aligns numbers and left-aligns text, so every value overlaps its own name);
 * a token between two names continues the text value to its left. Null when a token overlaps two
 * names, a column gets no value, or a non-text column gets two tokens.
 */
function cellsByPosition(line: string, count: number, plan: ColumnPlan): string[] | null {
  const n = plan.kinds.length;
  const first = new Array<number>(n).fill(-1);
  const last = new Array<number>(n).fill(-1);
  let c = 0;
  for (let t = 0; t < count; t++) {
    const s = tokenStarts[t] ?? 0;
    const e = tokenEnds[t] ?? 0;
    while (c + 1 < n && (plan.starts[c + 1] ?? Infinity) < e) c++;
    if ((plan.starts[c] ?? Infinity) >= e) return null; // before the first name
    const overlaps = (plan.ends[c] ?? 0) > s;
    if (overlaps && c > 0 && (plan.ends[c - 1] ?? 0) > s) return null;
    if (!overlaps && (first[c] === -1 || !SPACED.has(plan.kinds[c] ?? 'extra'))) return null;
    if (first[c] === -1) first[c] = t;
    else if (!SPACED.has(plan.kinds[c] ?? 'extra')) return null;
    last[c] = t;
  }
  const cells: string[] = [];
  for (let col = 0; col < n; col++) {
    const f = first[col] ?? -1;
    if (f === -1) {
      if (col === n - 1 && plan.kinds[col] === 'command') cells.push('');
      else return null;
    } else cells.push(line.slice(tokenStarts[f], tokenEnds[last[col] ?? f]));
  }
  return cells;
}

function rowFromCells(cells: string[], plan: ColumnPlan, procps: boolean): TopRow | null {
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
  for (let c = 0; c < cells.length; c++) {
    if (!applyCell(row, plan.kinds[c] ?? 'extra', plan.names[c] ?? '', cells[c] ?? '')) return null;
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
