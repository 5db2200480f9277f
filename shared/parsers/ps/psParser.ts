/**
 * Incremental parser for procps-ng `ps` listings: `ps aux`, `ps -ef`, `ps -eLf`, `ps -eo …`.
 *   UID          PID    PPID     LWP  C NLWP STIME TTY          TIME CMD
 *   root       18151   18149   18151 99    5 07:43 ?        00:07:07 /usr/bin/python3 -m uvicorn app:app
 * A header line (PID plus another known column) opens a listing; rows are mapped by its names
 * (psColumns.ts). A new header starts a new listing (`watch ps`, a second command): the model
 * shows the latest one that has rows. Lines outside a listing, or that do not fit its columns,
 * are counted in `unparsedLines`. Per line only, so any chunking gives the same model.
 * Format: procps-ng ps(1), "STANDARD FORMAT SPECIFIERS".
 */
import { LineStreamParser } from '../lineStreamParser';
import { parsePsHeader, parsePsRow, type PsPlan } from './psColumns';
import type { PsModel, PsTable } from './psModel';

export { pythonProcessesFirst, pythonKind, isPythonProcess, type PythonKind } from './psPython';

/** Rows kept per listing; more are counted in `droppedRows`. */
export const MAX_PS_ROWS = 100_000;

interface OpenTable {
  plan: PsPlan;
  table: PsTable;
}

export class PsStreamParser extends LineStreamParser<PsModel> {
  private current: OpenTable | null = null;
  private previous: PsTable | null = null;
  private tablesSeen = 0;
  private totalUnparsed = 0;

  protected takeLine(line: string): void {
    this.line(line);
  }

  protected takeOverlong(): void {
    this.unparsed();
  }

  get unparsedLines(): number {
    return this.totalUnparsed;
  }

  snapshot(): PsModel {
    const open = this.current?.table ?? null;
    const shown =
      open !== null && (open.rows.length > 0 || this.previous === null) ? open : this.previous;
    return {
      table:
        shown === null ? null : { ...shown, columns: [...shown.columns], rows: [...shown.rows] },
      tablesSeen: this.tablesSeen,
      unparsedLines: this.totalUnparsed,
    };
  }

  private line(raw: string): void {
    const t = raw.trimEnd();
    if (t.trim() === '') return;
    try {
      const plan = parsePsHeader(t);
      if (plan !== null) {
        this.startTable(plan);
        return;
      }
      const open = this.current;
      const row = open === null ? null : parsePsRow(t, open.plan);
      if (open === null || row === null) this.unparsed();
      else if (open.table.rows.length >= MAX_PS_ROWS) open.table.droppedRows++;
      else open.table.rows.push(row);
    } catch {
      this.unparsed(); // a bug; never let it escape to the caller
    }
  }

  private startTable(plan: PsPlan): void {
    const done = this.current?.table;
    if (done && done.rows.length > 0) this.previous = done;
    this.tablesSeen++;
    this.current = {
      plan,
      table: {
        columns: plan.names,
        kind: plan.kinds.includes('tid') ? 'threads' : 'processes',
        rows: [],
        droppedRows: 0,
        unparsedLines: 0,
      },
    };
  }

  private unparsed(): void {
    this.totalUnparsed++;
    if (this.current !== null) this.current.table.unparsedLines++;
  }
}

/** Parses a whole capture at once. */
export function parsePsText(text: string): PsModel {
  const parser = new PsStreamParser();
  parser.push(text);
  parser.end();
  return parser.snapshot();
}
