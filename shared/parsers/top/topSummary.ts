/**
 * Summary-area lines of `top -b` (procps-ng 3.2 … 4.x, localised labels/decimals) and busybox `top -b`.
 * Reference: docs/tool-output-formats.md §1.4.1, §1.4.4 and §1.5. Examples:
 *   top - 11:16:55 up 15 days, 12:18, 10 users,  load average: 1.38, 1.29, 1.17
 *   Tasks: 112 total, 1 running, 111 sleep, 0 d-sleep, 0 stopped, 0 zombie        (4.0.5+)
 *   %CPU(s):  0,0 us,  0,0 sy,  0,0 ni,100,0 id,  0,0 wa,  0,0 hi,  0,0 si,  0,0 st   (de_DE)
 *   MiB Mem :  24105.1 total,  23872.0 free,    284.0 used,    155.4 buff/cache
 *   Mem: 719048K used, 23965044K free, 8856K shrd, 12904K buff, 468800K cached       (busybox)
 *     Mem:  7603288K total,  6278480K used,  1324808K free,  19079168 buffers         (toybox)
 *   800%cpu 527%user  14%nice  85%sys 156%idle   0%iow  14%irq   4%sirq   0%host     (toybox)
 */
import type { TopCpu, TopSummary } from './topModel';
import { parseLocaleNumber, parseUnsigned, unitToKiB } from './topValues';

export type SummaryKind =
  'uptime' | 'tasks' | 'cpu' | 'toyboxCpu' | 'mem' | 'busyboxMem' | 'busyboxLoad';

const UPTIME_START = /^top\s*-\s/;
const TASKS_START = /^(tasks|threads|t[aâ]ches)\s*:/i;
const CPU_START = /^(%?cpu|%node)(\(s\)|\d+)?\s*:/i;
const MEM_START = /^(?:([kmgtpe])iB\s+)?(\S{2,12}?)\s*:/i;
const BUSYBOX_LOAD_START = /^load average\s*:/i;
// toybox: "800%cpu 527%user  14%nice  85%sys 156%idle   0%iow  14%irq   4%sirq   0%host"
const TOYBOX_CPU_START = /^\d{1,6}%cpu\s/i;

/** Which summary line this is, or null. `Mem:` without "total" is the busybox frame start. */
export function classifySummaryLine(line: string): SummaryKind | null {
  const c = line.charCodeAt(0);
  if (c === 116 /* t */ && UPTIME_START.test(line)) return 'uptime';
  if (TASKS_START.test(line)) return 'tasks';
  if (CPU_START.test(line)) return 'cpu';
  if (TOYBOX_CPU_START.test(line)) return 'toyboxCpu';
  if (BUSYBOX_LOAD_START.test(line)) return 'busyboxLoad';
  const m = MEM_START.exec(line);
  if (m) {
    const word = (m[2] ?? '').toLowerCase();
    if (m[1]) return 'mem'; // "KiB Mem :", "MiB Spch:", "GiB Swap:"
    if (word === 'swap') return 'mem'; // procps 3.2 "Swap:  2097148k total, …"
    if (word === 'mem') return /\btotal\b/.test(line) ? 'mem' : 'busyboxMem';
  }
  return null;
}

// procps 4.x prints summary items side by side when the width allows (`-1 -w 200`):
//   %Cpu0  :  0.0 us, … 0.0 st   %Cpu1  :  0.0 us, … 0.0 st
//   MiB Mem :  24105.6 total, … buff/cache       MiB Swap:      0.0 total, … avail Mem
// One whitespace character before the next label (not `\s+`, which backtracks quadratically on long
// runs of spaces); the parts are trimmed.
const SIDE_BY_SIDE = /\s(?=(?:%cpu|%node)[\w()]*\s*:|[kmgtpe]iB\s+\S{2,12}?\s*:)/i;

/** Splits a summary line holding several items side by side into one string per item. */
export function splitSummaryLine(line: string): string[] {
  if (!SIDE_BY_SIDE.test(line)) return [line];
  return line
    .split(SIDE_BY_SIDE)
    .map((part) => part.trim())
    .filter((part) => part !== '');
}

const LOAD_SPLIT = /,\s+|\s+/;

/** "0.15, 0.03, 0.04", "0,08, 0,19, 0,15" (comma-space separates, a bare comma is a decimal), "0.00 0.00 0.00". */
function parseLoad(text: string): { load: TopSummary['load']; rest: string[] } {
  const parts = text.trim().split(LOAD_SPLIT);
  const nums = parts.slice(0, 3).map(parseLocaleNumber);
  const [one, five, fifteen] = nums;
  if (nums.length < 3 || one == null || five == null || fifteen == null) {
    return { load: undefined, rest: [] };
  }
  return { load: { one, five, fifteen }, rest: parts.slice(3) };
}

// The users group must be followed by the load-average label ("…, 2 users,  load average:"), so that
// "up 3 days, 4 min, 2 users" does not stop at "4 min".
const UP_WITH_USERS = /\bup\s+(.*?),\s+(\d+|\?)\s+[^\s,]+,\s*[^,]*:/;
const UP_NO_USERS = /\bup\s+(.*?),\s+[^,]*:/;

function parseUptimeLine(line: string, s: TopSummary): boolean {
  // The real line is < 100 characters; bounding it keeps the lazy regexes linear on garbage.
  const head = line.length > 256 ? line.slice(0, 256) : line;
  const time = /^top\s*-\s*(\d{1,2}:\d{2}(?::\d{2})?)\b/.exec(head);
  if (time) s.time = time[1];
  const up = UP_WITH_USERS.exec(head);
  if (up) {
    s.uptime = (up[1] ?? '').trim();
    const users = parseUnsigned(up[2] ?? '');
    if (users != null) s.users = users;
  } else {
    const up2 = UP_NO_USERS.exec(head);
    if (up2) s.uptime = (up2[1] ?? '').trim();
  }
  const colon = head.lastIndexOf(':');
  const upAt = head.indexOf(' up ');
  if (colon > upAt && upAt >= 0) {
    const { load } = parseLoad(head.slice(colon + 1));
    if (load) s.load = load;
  }
  return true; // the frame-start line is understood even when truncated
}

const PAIR = /(\d{1,15})\s+([^\s,.]+)/g;

/**
 * Localised counts (fr: "2 en cours, 1 en veille, 0 arrêté") keep procps' order: total, running,
 * sleeping[, d-sleep (4.0.5+)], stopped, zombie. Used when the labels are not the English ones.
 */
function tasksByOrder(line: string): NonNullable<TopSummary['tasks']> | null {
  const n = [...line.matchAll(/(?:^|[\s:,])(\d{1,15})(?=\s)/g)].map((m) => Number(m[1]));
  if (n.length === 5) {
    const [total = 0, running = 0, sleeping = 0, stopped = 0, zombie = 0] = n;
    return { total, running, sleeping, stopped, zombie };
  }
  if (n.length === 6) {
    const [total = 0, running = 0, sleeping = 0, dsleep = 0, stopped = 0, zombie = 0] = n;
    return { total, running, sleeping, stopped, zombie, dsleep };
  }
  return null;
}

function parseTasksLine(line: string, s: TopSummary): boolean {
  const t: NonNullable<TopSummary['tasks']> = {
    total: 0,
    running: 0,
    sleeping: 0,
    stopped: 0,
    zombie: 0,
  };
  let known = 0;
  let labels = 0;
  for (const m of line.matchAll(PAIR)) {
    labels++;
    const n = Number(m[1]);
    const label = (m[2] ?? '').toLowerCase();
    if (label === 'total') t.total = n;
    else if (label === 'running') t.running = n;
    else if (label === 'sleeping' || label === 'sleep') t.sleeping = n;
    else if (label === 'd-sleep') t.dsleep = n;
    else if (label === 'stopped') t.stopped = n;
    else if (label === 'zombie') t.zombie = n;
    else continue;
    known++;
  }
  const byOrder = known < labels ? tasksByOrder(line) : null;
  if (known === 0 && byOrder === null) return false;
  s.taskKind = /^threads/i.test(line) ? 'threads' : 'tasks';
  s.tasks = byOrder ?? t;
  return true;
}

const CPU_PAIR = /(\d{1,6}(?:[.,]\d{1,6})?)\s*(?:%\s*)?([a-z]+)/gi;
const CPU_LABELS: Record<string, keyof TopCpu> = {
  us: 'us',
  usr: 'us',
  sy: 'sy',
  sys: 'sy',
  ni: 'ni',
  nic: 'ni',
  id: 'id',
  idle: 'id',
  ut: 'us', // fr
  wa: 'wa',
  io: 'wa',
  hi: 'hi',
  irq: 'hi',
  si: 'si',
  sirq: 'si',
  st: 'st',
};

function parseCpuLine(line: string, s: TopSummary): boolean {
  const head = CPU_START.exec(line);
  if (!head) return false;
  const cpu: TopCpu = { us: 0, sy: 0, ni: 0, id: 0, wa: 0, hi: 0, si: 0, st: 0 };
  let known = 0;
  for (const m of line.slice(head[0].length).matchAll(CPU_PAIR)) {
    const label = (m[2] ?? '').toLowerCase();
    const key = Object.hasOwn(CPU_LABELS, label) ? CPU_LABELS[label] : undefined;
    const v = parseLocaleNumber(m[1] ?? '');
    if (key === undefined || v == null) continue;
    cpu[key] = v;
    known++;
  }
  if (known === 0) return false;
  const index = head[2] && head[2] !== '(s)' ? head[2] : undefined;
  if (index === undefined) {
    s.cpu = cpu;
  } else {
    const label = (/node/i.test(head[1] ?? '') ? 'node' : 'cpu') + index;
    (s.perCpu ??= []).push({ label, ...cpu });
  }
  return true;
}

const TOYBOX_PAIR = /(\d{1,9})%([a-z]+)/gi;
const TOYBOX_LABELS: Record<string, keyof TopCpu> = {
  user: 'us',
  nice: 'ni',
  sys: 'sy',
  idle: 'id',
  iow: 'wa',
  irq: 'hi',
  sirq: 'si',
  host: 'st', // /proc/stat's 8th field (steal), as toybox reads it
};

/** toybox counts 100 % per CPU ("800%cpu" = 8 CPUs); scaled here to percent of the whole machine. */
function parseToyboxCpuLine(line: string, s: TopSummary): boolean {
  const values = new Map<string, number>();
  for (const m of line.matchAll(TOYBOX_PAIR)) values.set((m[2] ?? '').toLowerCase(), Number(m[1]));
  const total = values.get('cpu') ?? 0;
  if (total <= 0) return false;
  const cpu: TopCpu = { us: 0, sy: 0, ni: 0, id: 0, wa: 0, hi: 0, si: 0, st: 0 };
  for (const [label, key] of Object.entries(TOYBOX_LABELS)) {
    const v = values.get(label);
    if (v !== undefined) cpu[key] = Math.round((v / total) * 1000) / 10;
  }
  s.cpu = cpu;
  s.cpuCount = Math.max(1, Math.round(total / 100));
  return true;
}

// "3861332 total", "155,4 buff/cache", "2061364k total", busybox "4116K free", cut "26378547+ total".
const MEM_PAIR = /(\d{1,18}(?:[.,]\d{1,6})?)([kmgtpe])?(?:(\+)\s*|\s+)([^\s,.;:]+)/gi;

/** Pairs "value label" of a memory line, values converted to KiB. */
function memPairs(text: string, unit: number, s: TopSummary): Map<string, number> {
  const out = new Map<string, number>();
  for (const m of text.matchAll(MEM_PAIR)) {
    const v = parseLocaleNumber(m[1] ?? '');
    if (v == null) continue;
    const factor = m[2] ? (unitToKiB(m[2]) ?? unit) : unit;
    const kib = Math.round(v * factor);
    if (!Number.isFinite(kib)) continue;
    if (m[3]) s.truncated = true;
    out.set((m[4] ?? '').toLowerCase(), kib);
  }
  return out;
}

// procps ≥ 3.3.10 order, for localised labels (fr: "total, libr, util, tamp/cache" and
// "total, libr, util. dispo Mem"): Mem is total, free, used, buff/cache; Swap total, free, used, avail.
const MEM_ORDER = ['total', 'free', 'used', 'buff/cache'];
const SWAP_ORDER = ['total', 'free', 'used', 'avail'];

function parseMemLine(line: string, s: TopSummary): boolean {
  const head = MEM_START.exec(line);
  if (!head) return false;
  const unit = head[1] ? (unitToKiB(head[1]) ?? 1) : 1;
  const rest = line.slice(head[0].length);
  let p = memPairs(rest, unit, s);
  // Swap is printed after Mem: a second memory line is swap whatever its label (fr "Éch").
  const isSwap =
    /^swap$/i.test(head[2] ?? '') || p.has('avail') || p.has('cached') || s.memKiB !== undefined;
  if (p.size === 4 && !p.has('free') && !p.has('used')) {
    const order = isSwap ? SWAP_ORDER : MEM_ORDER;
    p = new Map([...p.values()].map((v, i) => [order[i] ?? '', v]));
  }
  const get = (k: string): number => p.get(k) ?? 0;
  if (isSwap) {
    if (!p.has('total') && !p.has('free') && !p.has('used')) return false;
    s.swapKiB = {
      total: get('total'),
      free: get('free'),
      used: get('used'),
      availMem: get('avail'),
    };
    // procps ≤ 3.3.9 prints page cache on the swap line ("N cached Mem").
    if (p.has('cached') && s.memKiB) s.memKiB.buffCache += get('cached');
    return true;
  }
  if (!p.has('total')) return false;
  const buffCache = p.get('buff/cache') ?? get('buffers');
  s.memKiB = { total: get('total'), free: get('free'), used: get('used'), buffCache };
  return true;
}

function parseBusyboxMem(line: string, s: TopSummary): boolean {
  const p = memPairs(line.slice(line.indexOf(':') + 1), 1, s);
  if (!p.has('used') && !p.has('free')) return false;
  const used = p.get('used') ?? 0;
  const free = p.get('free') ?? 0;
  const buffCache = (p.get('buff') ?? 0) + (p.get('cached') ?? 0);
  s.memKiB = { total: used + free, free, used, buffCache };
  return true;
}

/** busybox "Load average: 0.00 0.00 0.00 1/58 1593" (raw /proc/loadavg). */
function parseBusyboxLoad(line: string, s: TopSummary): boolean {
  const { load, rest } = parseLoad(line.slice(line.indexOf(':') + 1));
  if (!load) return false;
  s.load = load;
  const ent = /^(\d{1,15})\/(\d{1,15})$/.exec(rest[0] ?? '');
  if (ent) s.entities = { running: Number(ent[1]), total: Number(ent[2]) };
  const last = parseUnsigned(rest[1] ?? '');
  if (last != null) s.lastPid = last;
  return true;
}

/** Applies a classified summary line to the summary; false when the line was not understood. */
export function applySummaryLine(kind: SummaryKind, line: string, s: TopSummary): boolean {
  switch (kind) {
    case 'uptime':
      return parseUptimeLine(line, s);
    case 'tasks':
      return parseTasksLine(line, s);
    case 'cpu':
      return parseCpuLine(line, s);
    case 'toyboxCpu':
      return parseToyboxCpuLine(line, s);
    case 'mem':
      return parseMemLine(line, s);
    case 'busyboxMem':
      return parseBusyboxMem(line, s);
    case 'busyboxLoad':
      return parseBusyboxLoad(line, s);
  }
}
