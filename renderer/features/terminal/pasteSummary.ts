/** A paste of more than this many lines, or bytes, into a terminal asks first. */
export const CONFIRM_ABOVE_LINES = 5;
export const CONFIRM_ABOVE_BYTES = 16 * 1024;
const PREVIEW_LINES = 3;
const PREVIEW_CHARS = 120;

export interface PasteSummary {
  lines: number;
  bytes: number;
  /** The first lines, control characters shown as ^X (the clipboard is untrusted text). */
  preview: string[];
}

export function summarisePaste(text: string): PasteSummary {
  const breaks = text.match(/\r\n|\r|\n/g)?.length ?? 0;
  const endsWithBreak = /[\r\n]$/.test(text);
  const lines = breaks + (text.length > 0 && !endsWithBreak ? 1 : 0);
  const preview = text
    .slice(0, PREVIEW_LINES * (PREVIEW_CHARS + 2) * 4)
    .split(/\r\n|\r|\n/)
    .slice(0, PREVIEW_LINES)
    .map(
      (line) => visible(line.slice(0, PREVIEW_CHARS)) + (line.length > PREVIEW_CHARS ? '…' : ''),
    );
  return { lines, bytes: new TextEncoder().encode(text).length, preview };
}

export function needsConfirmation(summary: PasteSummary): boolean {
  return summary.lines > CONFIRM_ABOVE_LINES || summary.bytes > CONFIRM_ABOVE_BYTES;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
}

function visible(line: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is shown
  return line.replace(/[\x00-\x08\x0b-\x1f\x7f]/g, (c) =>
    c === '\x7f' ? '^?' : `^${String.fromCharCode(c.charCodeAt(0) + 64)}`,
  );
}
