/**
 * Reads one screen of `py-spy top` (v0.4.x): the rows of an already-emulated terminal (xterm.js
 * buffer lines), not the raw byte stream. Layout: docs/tool-output-formats.md
 * §1.1.7 (console_viewer.rs).
 *
 *   1.58s behind in sampling, results may be inaccurate. Try reducing the sampling rate.
 *   Collecting samples from '/usr/bin/python3 /srv/lab/gil.py' (python v3.11.2)
 *   Total Samples 100
 *   GIL: 82.22%, Active: 162.22%, Threads: 5
 *
 *     %Own   %Total  OwnTime  TotalTime  Function (filename)
 *   157.78% 157.78%    1.55s     1.55s   work (gil.py)
 *     1.00%   1.00%   0.010s    0.010s   _set_result_unless_cancelled (asyncio/futur   ← cut at 80 cols
 *
 *   Press Control-C to quit, or ? for help.
 *
 * Rows cut by the terminal width are kept and flagged `truncated`. A row the terminal wrapped
 * must be joined with its continuation by the caller (xterm: `line.isWrapped`); a stray
 * continuation is counted as not understood. A second "Collecting samples" header (a scrollback
 * holding older screens) starts the model afresh: the last screen wins. Never throws.
 */
import { cleanLine } from '../lineSplitter';

export interface PySpyTopRow {
  /** %Own over the last refresh window; may exceed 100 (several threads). */
  ownPercent: number;
  totalPercent: number;
  /** Cumulative seconds since start (or reset). */
  ownSeconds: number;
  totalSeconds: number;
  function: string;
  /** File as shown ('' when the row was cut before it). */
  file: string;
  /** Line number in line mode (key L), else null. */
  line: number | null;
  /** The terminal cut the row: the function or file is incomplete. */
  truncated: boolean;
}

export interface PySpyTopModel {
  /** "1.58s behind in sampling, results may be inaccurate. …" (red line above the header). */
  warning?: string;
  /** The sampled command line, from `Collecting samples from '…'`. */
  command?: string;
  pythonVersion?: string;
  /** `… and subprocesses` (top --subprocesses). */
  subprocesses: boolean;
  totalSamples: number | null;
  /** `Error Rate x.xx% (last error)` when py-spy shows it (≥ 1 % and > 100 samples). */
  errorRatePercent?: number;
  lastError?: string;
  /** Per process (sums over processes with --subprocesses). */
  gilPercent: number | null;
  /** Active threads per sample × 100 (300 % ≈ 3 running threads). */
  activePercent: number | null;
  threads: number | null;
  processes?: number;
  /** The table header says `Function (filename:line)` (line mode). */
  lineMode: boolean;
  /** Whether the table header was seen. */
  hasTable: boolean;
  rows: PySpyTopRow[];
  /** `process N ended` was shown. */
  processEnded?: boolean;
}

const COLLECTING = /^Collecting samples from '(.*)' (?:\(python v([^)]*)\)|and subprocesses)/;
const TOTAL = /^Total Samples (\d+)(?:, Error Rate (\d+(?:\.\d+)?)% \((.*)\))?$/;
const GIL =
  /^GIL: (\d+(?:\.\d+)?)%, Active: (\d+(?:\.\d+)?)%, Threads: (\d+)(?:, Processes (\d+))?$/;
const HEADER = /^%Own +%Total +OwnTime +TotalTime +Function \(filename(:line)?\)$/;
const ROW = /^(\d+(?:\.\d+)?)% +(\d+(?:\.\d+)?)% +(\d+(?:\.\d+)?)s +(\d+(?:\.\d+)?)s {1,3}(.*)$/;
const FOOTER = /^Press Control-C to quit, or \? for help\.$/;

/** The numbers of a matched line, or null if any is not finite (a 400-digit "percentage"). */
function numbers(m: RegExpExecArray, ...groups: number[]): number[] | null {
  const out: number[] = [];
  for (const g of groups) {
    const v = m[g] === undefined ? 0 : Number(m[g]);
    if (!Number.isFinite(v)) return null;
    out.push(v);
  }
  return out;
}

function emptyModel(): PySpyTopModel {
  return {
    subprocesses: false,
    totalSamples: null,
    gilPercent: null,
    activePercent: null,
    threads: null,
    lineMode: false,
    hasTable: false,
    rows: [],
  };
}

/** `fn (file:line)` possibly cut at the right margin. */
function rowTarget(
  text: string,
  lineMode: boolean,
): Omit<PySpyTopRow, 'ownPercent' | 'totalPercent' | 'ownSeconds' | 'totalSeconds'> {
  const open = text.indexOf(' (');
  if (open < 0) return { function: text, file: '', line: null, truncated: true };
  const fn = text.slice(0, open);
  const closed = text.endsWith(')');
  let file = text.slice(open + 2, closed ? -1 : undefined);
  let line: number | null = null;
  if (lineMode && closed) {
    const m = /^(.*):(\d+)$/.exec(file);
    if (m !== null) {
      file = m[1] ?? '';
      line = Number(m[2]);
    }
  }
  return { function: fn, file, line, truncated: !closed };
}

/** Parses the lines of one `py-spy top` screen. */
export function parsePySpyTopScreen(lines: readonly string[]): {
  model: PySpyTopModel;
  unparsedLines: number;
} {
  let model = emptyModel();
  let unparsed = 0;
  let pendingWarning: string | undefined;
  for (const raw of Array.isArray(lines) ? lines : []) {
    const t = typeof raw === 'string' ? cleanLine(raw).trim() : '';
    if (t === '') continue;
    const warningAbove = pendingWarning;
    pendingWarning = undefined;
    let m = COLLECTING.exec(t);
    if (m !== null) {
      model = emptyModel();
      if (warningAbove !== undefined) model.warning = warningAbove;
      model.command = m[1] ?? '';
      if (m[2] !== undefined) model.pythonVersion = m[2];
      else model.subprocesses = true;
      continue;
    }
    if (/ behind in sampling, results may be inaccurate/.test(t)) {
      // Printed above the header it belongs to (which then starts a fresh model).
      model.warning = t;
      pendingWarning = t;
      continue;
    }
    let n: number[] | null;
    if ((m = TOTAL.exec(t)) !== null && (n = numbers(m, 1, 2)) !== null) {
      model.totalSamples = n[0] ?? 0;
      if (m[2] !== undefined) {
        model.errorRatePercent = n[1] ?? 0;
        model.lastError = m[3] ?? '';
      }
      continue;
    }
    if ((m = GIL.exec(t)) !== null && (n = numbers(m, 1, 2, 3, 4)) !== null) {
      const [gil = 0, active = 0, threads = 0, processes = 0] = n;
      model.gilPercent = gil;
      model.activePercent = active;
      model.threads = threads;
      if (m[4] !== undefined) model.processes = processes;
      continue;
    }
    if ((m = HEADER.exec(t)) !== null) {
      model.hasTable = true;
      model.lineMode = m[1] !== undefined;
      model.rows = [];
      continue;
    }
    if (
      model.hasTable &&
      (m = ROW.exec(t)) !== null &&
      m[5] !== undefined &&
      m[5] !== '' &&
      (n = numbers(m, 1, 2, 3, 4)) !== null
    ) {
      const [ownPercent = 0, totalPercent = 0, ownSeconds = 0, totalSeconds = 0] = n;
      model.rows.push({
        ownPercent,
        totalPercent,
        ownSeconds,
        totalSeconds,
        ...rowTarget(m[5], model.lineMode),
      });
      continue;
    }
    if (FOOTER.test(t)) continue;
    if (/^process \d+ ended$/.test(t)) {
      model.processEnded = true;
      continue;
    }
    unparsed++;
  }
  return { model, unparsedLines: unparsed };
}
