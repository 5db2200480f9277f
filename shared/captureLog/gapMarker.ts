import { controlsShown } from '../notebook/html/htmlText';

/**
 * The lines a terminal shows, and its capture log keeps as markers, where its connection dropped
 * and came back. Times are the local wall clock (HH:MM:SS), as the engineer reads them.
 */

const pad = (n: number): string => String(n).padStart(2, '0');

/** HH:MM:SS of a time in ms since the epoch, local time. */
export function clockTime(ms: number): string {
  const at = new Date(ms);
  return `${pad(at.getHours())}:${pad(at.getMinutes())}:${pad(at.getSeconds())}`;
}

/** What happens to a terminal once its connection is back. */
export type AfterGap = 'new-shell' | 'interrupted';

/** `connection lost at 10:00:01; reconnecting…`, written when the link drops. */
export function lostMarker(lostAt: number, reason: string): string {
  return `connection lost at ${clockTime(lostAt)} (${reason}); reconnecting…`;
}

/**
 * `connection lost at 10:00:01 … reconnected at 10:00:09 (gap 8 s); a new shell`, written when
 * the link is back; the gap is whole seconds, rounded.
 */
export function gapMarker(lostAt: number, backAt: number, after: AfterGap): string {
  const gap = Math.max(0, Math.round((backAt - lostAt) / 1000));
  const what =
    after === 'new-shell'
      ? 'a new shell (the old one ended with the connection)'
      : 'the capture was interrupted: Restart capture (Ctrl+Shift+K) runs it again here';
  return `connection lost at ${clockTime(lostAt)} … reconnected at ${clockTime(backAt)} (gap ${gap} s); ${what}`;
}

/** `capture restarted at 10:00:30: top -b …`, between two runs of a capture in one tab. */
export function restartMarker(at: number, command: string): string {
  return `capture restarted at ${clockTime(at)}: ${command}`;
}

/**
 * A marker as terminal bytes: on a line of its own (after whatever the program left on the
 * cursor's line), dim yellow, attributes reset after it.
 */
export function markerLine(text: string): string {
  return `\r\n\u001b[0;2;33m── ${controlsShown(text)} ──\u001b[0m\r\n`;
}
