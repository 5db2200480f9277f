/**
 * Text from hosts and users put into HTML so that it stays text: every `&<>"'` escaped, control
 * characters shown as `^X`, lines clipped. Every string a report writes goes through `text()`.
 */
const ENTITY: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** The longest cell or label a report writes: a multi-megabyte line stays bounded. */
export const MAX_CELL_CHARS = 400;

/** Control characters (C0, DEL) as `^X`, C1 and lone surrogates as U+FFFD, a tab as a space. */
export function controlsShown(raw: string): string {
  let shown = '';
  for (const c of raw) {
    const code = c.charCodeAt(0);
    if (c === '\t') shown += ' ';
    else if (code < 0x20 || code === 0x7f) shown += `^${String.fromCharCode((code + 64) & 0x7f)}`;
    else if (code >= 0x80 && code < 0xa0) shown += '\ufffd';
    else if (c.length === 1 && code >= 0xd800 && code <= 0xdfff) shown += '\ufffd';
    else shown += c;
  }
  return shown;
}

/** Control characters (C0, DEL, C1) and lone surrogates made visible, then escaped. */
export function text(value: string | number, maxChars = MAX_CELL_CHARS): string {
  const raw = String(value);
  const clipped = raw.length > maxChars ? `${raw.slice(0, maxChars)}…` : raw;
  return controlsShown(clipped).replace(/[&<>"']/g, (c) => ENTITY[c] ?? c);
}

/** A block of captured lines, escaped and clipped line by line; newlines kept. */
export function preText(block: string, maxLineChars = MAX_CELL_CHARS): string {
  return block
    .split('\n')
    .map((line) => text(line, maxLineChars))
    .join('\n');
}

/** Rows a report table shows at most; the rest are counted. */
export const MAX_TABLE_ROWS = 50;

export interface HtmlColumn<Row> {
  title: string;
  /** Plain text of the cell (escaped here). */
  cell(row: Row): string | number;
  numeric?: boolean;
}

/** A table of at most `maxRows` rows, saying how many were left out. */
export function table<Row>(
  caption: string,
  columns: readonly HtmlColumn<Row>[],
  rows: readonly Row[],
  options: { maxRows?: number; rowClass?: (row: Row) => string | null } = {},
): string {
  const maxRows = options.maxRows ?? MAX_TABLE_ROWS;
  const kept = rows.slice(0, maxRows);
  const head = columns
    .map((c) => `<th${c.numeric ? ' class="num"' : ''}>${text(c.title)}</th>`)
    .join('');
  const body = kept
    .map((row) => {
      const cls = options.rowClass?.(row);
      const cells = columns
        .map((c) => `<td${c.numeric ? ' class="num"' : ''}>${text(c.cell(row))}</td>`)
        .join('');
      return `<tr${cls ? ` class="${text(cls)}"` : ''}>${cells}</tr>`;
    })
    .join('\n');
  const left = rows.length - kept.length;
  const more =
    left > 0 ? `<p class="more">${text(`… ${left} more rows left out of this report.`)}</p>` : '';
  return `<table><caption>${text(caption)}</caption><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table>${more}`;
}

export const fixed = (v: number | null | undefined, digits = 1): string =>
  v === null || v === undefined || !Number.isFinite(v) ? '—' : v.toFixed(digits);

/** TIME+ as top prints it: minutes:seconds.hundredths. */
export function cpuTime(seconds: number | null): string {
  if (seconds === null || !Number.isFinite(seconds)) return '—';
  const minutes = Math.floor(seconds / 60);
  return `${minutes}:${(seconds - minutes * 60).toFixed(2).padStart(5, '0')}`;
}
