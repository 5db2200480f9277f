/**
 * The `strace -c` / `-C` summary table. Grammar: tool-output-formats.md §1.6.2 and strace's
 * src/count.c (4.x fixed `%6.6s %11.11s …`, ≥ 5.x widths grown to the data, `-U` column choice,
 * 7.1 wall-* columns); recordings in test/fixtures/strace (`*-c-*.txt`).
 *
 *   % time     seconds  usecs/call     calls    errors syscall
 *   ------ ----------- ----------- --------- --------- ----------------
 *    57.30    0.352869           8     41884     41884 sendto
 *    11.91    0.002522           2      1249           getpid        ← errors blank when 0
 *   ------ ----------- ----------- --------- --------- ----------------
 *   100.00    0.615873           7     83769     83769 total         ← usecs/call blank in 4.x
 *
 * Columns are read by name and position (right-aligned numbers end under their header), so blank
 * cells, any column order and `,` decimals (strace calls setlocale) are understood.
 */
import { LineStreamParser } from '../lineStreamParser';
import type { StraceSummary, StraceSummaryRow } from './straceModel';
import { parseDecimal } from './straceText';

type Field = Exclude<keyof StraceSummaryRow, 'name'> | 'name';

const COLUMNS: Record<string, Field> = {
  '% time': 'percentTime',
  seconds: 'seconds',
  'usecs/call': 'usecsPerCall',
  calls: 'calls',
  errors: 'errors',
  syscall: 'name',
  shortest: 'minSeconds',
  longest: 'maxSeconds',
  'wall-total': 'wallSeconds',
  'wall-min': 'wallMinSeconds',
  'wall-max': 'wallMaxSeconds',
  'wall-avg': 'wallUsecsPerCall',
};

interface Column {
  name: string;
  field: Field;
  start: number;
  end: number;
}

interface Token {
  text: string;
  start: number;
  end: number;
}

function tokens(line: string): Token[] {
  const out: Token[] = [];
  const re = /\S+/g;
  for (let m = re.exec(line); m; m = re.exec(line)) {
    out.push({ text: m[0], start: m.index, end: m.index + m[0].length });
  }
  return out;
}

/** The header line → its columns, or null. */
function parseHeader(line: string): Column[] | null {
  const cols: Column[] = [];
  for (const t of tokens(line.replace('% time', '%_time'))) {
    const name = t.text === '%_time' ? '% time' : t.text;
    const field = Object.hasOwn(COLUMNS, name) ? COLUMNS[name] : undefined;
    if (field === undefined || cols.some((c) => c.field === field)) return null;
    cols.push({ name, field, start: t.start, end: t.end });
  }
  return cols.length >= 2 && cols.some((c) => c.field === 'name') ? cols : null;
}

function isDivider(line: string): boolean {
  return /^-+(?: +-+)*$/.test(line);
}

function parseRow(line: string, cols: readonly Column[]): StraceSummaryRow | null {
  const toks = tokens(line);
  if (toks.length === 0 || toks.length > cols.length) return null;
  const assigned = new Map<Column, Token>();
  if (toks.length === cols.length) cols.forEach((c, i) => assigned.set(c, toks[i] as Token));
  else {
    // Blank cells: put each token under the column it is aligned with.
    for (const t of toks) {
      let best: Column | undefined;
      let bestGap = Infinity;
      for (const c of cols) {
        const gap = c.field === 'name' ? Math.abs(t.start - c.start) : Math.abs(t.end - c.end);
        if (gap < bestGap) [best, bestGap] = [c, gap];
      }
      if (!best || assigned.has(best)) return null;
      assigned.set(best, t);
    }
  }
  const row: StraceSummaryRow = {
    name: '',
    percentTime: null,
    seconds: null,
    usecsPerCall: null,
    calls: null,
    errors: 0,
  };
  for (const [c, t] of assigned) {
    if (c.field === 'name') {
      row.name = t.text;
      continue;
    }
    const v = parseDecimal(t.text);
    if (Number.isNaN(v)) return null;
    row[c.field] = v;
  }
  return row.name !== '' && /^[\w.-]+$/.test(row.name) ? row : null;
}

type Phase = 'idle' | 'header' | 'rows' | 'total';

/** Line-level reader of summary tables; StraceParser feeds it the lines no other rule took. */
export class StraceSummaryReader {
  private cols: Column[] | null = null;
  private phase: Phase = 'idle';
  private table: StraceSummary | null = null;
  private tables = 0;
  private personality: string | undefined;

  /** True when the (cleaned, trimmed-right) line belongs to a summary table. */
  accept(line: string): boolean {
    const personality = /^System call usage summary for (.+?)(?: mode)?:$/.exec(line);
    if (personality) {
      this.personality = personality[1];
      return true;
    }
    const header = line.includes('syscall') ? parseHeader(line) : null;
    if (header) {
      this.cols = header;
      this.phase = 'header';
      this.tables++;
      this.table = {
        rows: [],
        columns: header.map((c) => c.name),
        complete: false,
        tables: this.tables,
      };
      if (this.personality !== undefined) this.table.personality = this.personality;
      this.personality = undefined;
      return true;
    }
    if (this.phase === 'idle' || !this.cols || !this.table) return false;
    if (isDivider(line)) {
      if (this.phase === 'header') this.phase = 'rows';
      else if (this.phase === 'rows') this.phase = 'total';
      else return this.stop();
      return true;
    }
    if (this.phase === 'header') return this.stop();
    const row = parseRow(line, this.cols);
    if (!row) return this.stop();
    if (this.phase === 'total') {
      this.table.total = row;
      this.table.complete = true;
      this.phase = 'idle';
    } else this.table.rows.push(row);
    return true;
  }

  private stop(): false {
    this.phase = 'idle';
    return false;
  }

  /** The last table (a copy), or null before any header. */
  current(): StraceSummary | null {
    if (!this.table) return null;
    return {
      ...this.table,
      rows: this.table.rows.map((r) => ({ ...r })),
      columns: [...this.table.columns],
    };
  }
}

/** Longest line kept (a summary row is short; anything longer is not one). */
const MAX_LINE = 16 * 1024;

/** `strace -c` output in any chunking → the last table. Lines outside tables are counted. */
export class StraceSummaryParser extends LineStreamParser<StraceSummary | null> {
  constructor() {
    super(MAX_LINE);
  }

  private readonly reader = new StraceSummaryReader();
  private unparsed = 0;

  snapshot(): StraceSummary | null {
    return this.reader.current();
  }

  protected takeLine(line: string): void {
    this.line(line);
  }

  protected takeOverlong(): void {
    this.unparsed++;
  }

  get unparsedLines(): number {
    return this.unparsed;
  }

  private line(clean: string): void {
    const line = clean.trimEnd();
    if (line.trim() === '') return;
    // Around the table strace prints attach/detach chatter; it is understood, not table data.
    if (/^(?:\S*\/)?strace: /.test(line)) return;
    if (!this.reader.accept(line)) this.unparsed++;
  }
}

/** Parses a whole `strace -c` capture. */
export function parseStraceSummary(text: string): StraceSummary | null {
  const p = new StraceSummaryParser();
  p.push(text);
  p.end();
  return p.snapshot();
}
