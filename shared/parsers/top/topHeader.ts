/**
 * The column-header line of `top -b` (procps-ng, busybox, Android's toybox): which column is which,
 * and where each header name sits on the line (rows are aligned under it). Examples:
 *     PID USER      PR  NI    VIRT    RES    SHR S  %CPU  %MEM     TIME+ COMMAND  PPID … TIME …
 *     PID  PPID USER     STAT   VSZ %VSZ %CPU COMMAND                         (busybox)
 *     TID USER         PR  NI VIRT  RES  SHR S[%CPU] %MEM     TIME+ THREAD          PROCESS (toybox)
 * toybox marks its sort column by overwriting the spaces around its name with `[` and `]`
 * (`S[%CPU]`, `NI[%CPU]S`); they are read as spaces, which keeps every name in its place.
 * Reference: docs/tool-output-formats.md §1.4.2 and §1.5; toybox toys/posix/ps.c.
 */

import { scanTokens, tokenEnds, tokenStarts } from '../lineTokens';

export type Kind =
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

/** Header names, including localised ones (de: ZEIT+ BEFEHL, fr: UTIL. TEMPS+ COM.) and toybox's. */
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
  // toybox: ARGS/CMDLINE (command line), THREAD (thread name with -H; PROCESS stays extra).
  ARGS: 'command',
  CMDLINE: 'command',
  THREAD: 'command',
  P: 'lastCpu',
  CPU: 'lastCpu',
  '%VSZ': 'vszPct',
};

export interface ColumnPlan {
  names: string[];
  kinds: Kind[];
  /** Where each header name starts and ends on the header line (rows align under them). */
  starts: number[];
  ends: number[];
  /** Index of the variable-width column (COMMAND, else the last one). */
  varIdx: number;
  hasCommand: boolean;
  /** Looks like busybox (STAT/VSZ and no PR). */
  busybox: boolean;
  /** Had toybox's `[sort]` marks. */
  toybox: boolean;
}

/** procps 4 with every field shown prints ~90 names; more than this is not a header. */
const MAX_COLUMNS = 160;

/**
 * When a kind is printed twice, which column keeps it (the others become `extra`, raw):
 * TIME+ over TIME (procps prints both with every field on), TID over PID (toybox `-o PID,TID`),
 * else the first.
 */
function preferred(kind: Kind, name: string, current: string): boolean {
  if (kind === 'time') return name.endsWith('+') && !current.endsWith('+');
  if (kind === 'pid') return name === 'TID' && current !== 'TID';
  return false;
}

/** A column-header line (PID plus at least two other known columns, no numeric token), or null. */
export function parseHeader(raw: string): ColumnPlan | null {
  const toybox = raw.includes('[') || raw.includes(']');
  const line = toybox ? raw.replace(/[[\]]/g, ' ') : raw;
  const n = scanTokens(line);
  if (n < 3 || n > MAX_COLUMNS) return null;
  const names: string[] = [];
  const kinds: Kind[] = [];
  const winner = new Map<Kind, number>();
  for (let i = 0; i < n; i++) {
    const name = line.slice(tokenStarts[i], tokenEnds[i]);
    if (/^[\d.,:%+-]+$/.test(name)) return null;
    const upper = name.toUpperCase();
    let kind = Object.hasOwn(KINDS, upper) ? (KINDS[upper] ?? 'extra') : 'extra';
    const held = kind === 'extra' ? undefined : winner.get(kind);
    if (held !== undefined) {
      if (preferred(kind, upper, (names[held] ?? '').toUpperCase())) kinds[held] = 'extra';
      else kind = 'extra';
    }
    if (kind !== 'extra') winner.set(kind, i);
    names.push(name);
    kinds.push(kind);
  }
  const known = kinds.filter((k) => k !== 'extra' && k !== 'pid').length;
  if (!winner.has('pid') || known < 2) return null;
  const cmd = kinds.indexOf('command');
  return {
    names,
    kinds,
    starts: tokenStarts.slice(0, n),
    ends: tokenEnds.slice(0, n),
    varIdx: cmd >= 0 ? cmd : n - 1,
    hasCommand: cmd >= 0,
    busybox: (kinds.includes('virt') && names.includes('VSZ')) || names.includes('STAT'),
    toybox,
  };
}
