/**
 * Incremental parser for `top` batch output: procps-ng 3.2 … 4.x `top -b [-H]`, busybox `top -b` and
 * Android's toybox `top -b [-H]` (frames start at `Tasks:`/`Threads:`, `800%cpu 527%user …`).
 * Grammar: docs/tool-output-formats.md §1.4 (procps) and §1.5 (busybox).
 *
 *   top - 15:10:02 up  1:39,  0 user,  load average: 0.15, 0.03, 0.04      ← procps frame start
 *   Threads:   5 total,   1 running,   4 sleeping,   0 stopped,   0 zombie
 *   …
 *     PID USER      PR  NI    VIRT    RES    SHR S  %CPU  %MEM     TIME+ COMMAND
 *   11747 root      20   0  313884  13036   8720 S  99.9   0.1   0:03.33 python3
 *   (blank line: procps ends every batch frame with "\n\n")
 *   Mem: 719048K used, 23965044K free, 8856K shrd, 12904K buff, 468800K cached ← busybox frame start
 *
 * Work is strictly per line, so any chunking of the same text yields the same frames. Lines come
 * from ../lineSplitter (cleaned of ANSI/VT sequences and control characters, `\r\n` line ends, a
 * lone `\r` overwrites). Only the current partial line (capped at MAX_LINE) and the current frame
 * are buffered. A summary line or a column header seen outside a frame opens an implicit frame
 * (pastes often lack the `top -` line).
 */
import type { TopFrame, TopSummary, TopRow } from './topModel';
import { parseHeader, type ColumnPlan } from './topHeader';
import { parseRow } from './topRows';
import { applySummaryLine, classifySummaryLine, splitSummaryLine } from './topSummary';
import { LineSplitter } from '../lineSplitter';

/** Longest raw line kept; longer ones are dropped and counted as not understood. */
export { MAX_LINE } from '../lineSplitter';
/** Rows kept per frame; more are counted in `droppedRows`. */
export const MAX_ROWS_PER_FRAME = 262_144;

interface OpenFrame {
  flavor: TopFrame['flavor'];
  summary: TopSummary;
  rows: TopRow[];
  unparsed: number;
  plan: ColumnPlan | null;
  dropped: number;
}

type Phase = 'idle' | 'summary' | 'rows';

export class TopStreamParser {
  private readonly lines = new LineSplitter(
    (line) => this.safeLine(line),
    () => this.unparsed(),
  );
  private frame: OpenFrame | null = null;
  private phase: Phase = 'idle';
  private totalUnparsed = 0;
  private errors = 0;
  private out: TopFrame[] = [];

  /** Feeds text; returns the frames completed by this chunk. Never throws. */
  push(chunk: string): TopFrame[] {
    this.lines.push(chunk);
    return this.takeOutput();
  }

  /** Flushes the last partial line and the open frame (possibly without rows). */
  end(): TopFrame[] {
    this.lines.end();
    this.finishFrame();
    return this.takeOutput();
  }

  /** Total lines not understood so far (inside and outside frames). */
  /** Lines over the length cap, dropped (they are in unparsedLines too). */
  get overlongLines(): number {
    return this.lines.overlongLines;
  }

  get unparsedLines(): number {
    return this.totalUnparsed;
  }

  /** Lines whose handling hit an internal error (a bug; counted as unparsed). Tests assert 0. */
  get internalErrors(): number {
    return this.errors;
  }

  private takeOutput(): TopFrame[] {
    const done = this.out;
    this.out = [];
    return done;
  }

  private safeLine(clean: string): void {
    try {
      this.line(clean.trim(), clean);
    } catch {
      this.errors++;
      this.unparsed();
    }
  }

  /** `t` is the trimmed line; `raw` keeps its columns (rows are placed under the header by position). */
  private line(t: string, raw: string): void {
    if (t === '') {
      // Blank lines separate procps frames; inside the summary (pasted "  ") they are ignored.
      if (this.phase === 'rows') this.finishFrame();
      return;
    }
    const c = t.charCodeAt(0);
    const digit = c >= 48 && c <= 57;
    if (digit && this.phase === 'rows') {
      this.row(raw);
      return;
    }
    const kind = classifySummaryLine(t); // toybox's "800%cpu …" starts with a digit
    if (kind !== null) {
      let frame = this.frame;
      const starts = kind === 'uptime' || kind === 'busyboxMem';
      if (frame === null || starts || this.phase !== 'summary') {
        const busybox = kind === 'busyboxMem' || kind === 'busyboxLoad' || /^CPU\d*\s*:/.test(t);
        frame = this.startFrame(busybox ? 'busybox' : 'procps');
      }
      if (kind === 'toyboxCpu') frame.flavor = 'toybox';
      let understood = true;
      for (const part of kind === 'uptime' ? [t] : splitSummaryLine(t)) {
        const k = part === t ? kind : classifySummaryLine(part);
        if (k === null || !applySummaryLine(k, part, frame.summary)) understood = false;
      }
      if (!understood) this.unparsed();
      return;
    }
    const plan = digit ? null : parseHeader(raw);
    if (plan !== null) {
      const frame =
        this.frame !== null && this.phase === 'summary'
          ? this.frame
          : this.startFrame(plan.busybox ? 'busybox' : 'procps');
      if (plan.toybox) frame.flavor = 'toybox';
      frame.plan = plan;
      this.phase = 'rows';
      return;
    }
    if (this.phase === 'rows') this.row(raw);
    else this.unparsed();
  }

  private row(line: string): void {
    const frame = this.frame;
    if (frame === null || frame.plan === null) {
      this.unparsed();
      return;
    }
    const row = parseRow(line, frame.plan, frame.flavor !== 'busybox');
    if (row === null) this.unparsed();
    else if (frame.rows.length >= MAX_ROWS_PER_FRAME) frame.dropped++;
    else frame.rows.push(row);
  }

  private startFrame(flavor: TopFrame['flavor']): OpenFrame {
    this.finishFrame();
    const frame: OpenFrame = { flavor, summary: {}, rows: [], unparsed: 0, plan: null, dropped: 0 };
    this.frame = frame;
    this.phase = 'summary';
    return frame;
  }

  /**
   * The frame being read, as far as it has come, or null before its first row. A live view
   * shows it when the stream goes quiet: procps 4 writes the `\n` that ends a frame's last row
   * (and the blank line that closes the frame) only when the next frame starts, one interval
   * later, so that unfinished last row is included when it reads as a whole row.
   */
  peek(): TopFrame | null {
    const f = this.frame;
    if (f === null || this.phase !== 'rows' || f.plan === null) return null;
    const pending = this.lines.pendingLine;
    const last = pending.trim() === '' ? null : parseRow(pending, f.plan, f.flavor !== 'busybox');
    if (f.rows.length === 0 && last === null) return null;
    const frame = toFrame(f);
    if (last !== null && f.rows.length < MAX_ROWS_PER_FRAME) frame.rows.push(last);
    return frame;
  }

  private finishFrame(): void {
    const f = this.frame;
    this.frame = null;
    this.phase = 'idle';
    if (f === null) return;
    this.out.push(toFrame(f));
  }

  private unparsed(): void {
    this.totalUnparsed++;
    if (this.frame !== null) this.frame.unparsed++;
  }
}

function toFrame(f: OpenFrame): TopFrame {
  const frame: TopFrame = {
    flavor: f.flavor,
    summary: f.summary,
    rows: [...f.rows],
    unparsedLines: f.unparsed,
    columns: f.plan?.names ?? [],
  };
  if (f.dropped > 0) frame.droppedRows = f.dropped;
  return frame;
}

/** Parses a whole capture at once. */
export function parseTopText(text: string): { frames: TopFrame[]; unparsedLines: number } {
  const parser = new TopStreamParser();
  const frames = parser.push(text).concat(parser.end());
  return { frames, unparsedLines: parser.unparsedLines };
}
