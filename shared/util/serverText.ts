import { controlsShown } from '../notebook/html/htmlText';

/** Bidirectional overrides and isolates: they can make shown text read unlike what it is. */
const BIDI_CONTROLS = /[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]/g;

/**
 * Text a host sends for the user to read (a keyboard-interactive prompt, its instructions, a
 * function or file name in a finding's evidence): hostile input. Control characters are made
 * visible (`^X`), bidi controls dropped, and the text clipped to `maxChars`, so a host cannot
 * draw over the dialog, reverse how a line reads, or flood it.
 */
export function serverText(raw: string, maxChars: number): string {
  const shown = controlsShown(raw.replace(BIDI_CONTROLS, ''));
  return shown.length > maxChars ? `${shown.slice(0, maxChars)}…` : shown;
}

/** Several lines (instructions): each made safe alone, at most `maxLines` kept. */
export function serverLines(raw: string, maxChars: number, maxLines = 8): string {
  const lines = raw
    .split(/\r?\n/)
    .map((line) => serverText(line, maxChars))
    .filter((line) => line.trim() !== '');
  const kept = lines.slice(0, maxLines);
  if (lines.length > maxLines) kept.push('…');
  return kept.join('\n');
}
