import { describe, expect, it } from 'vitest';
import {
  clockTime,
  gapMarker,
  lostMarker,
  markerLine,
  restartMarker,
} from '../../../shared/captureLog/gapMarker';

const at = (h: number, m: number, s: number): number => new Date(2026, 0, 2, h, m, s).getTime();

describe('gap markers', () => {
  it('names the times and the gap in whole seconds', () => {
    expect(clockTime(at(9, 5, 7))).toBe('09:05:07');
    expect(lostMarker(at(10, 0, 1), 'web1 stopped answering keepalives.')).toBe(
      'connection lost at 10:00:01 (web1 stopped answering keepalives.); reconnecting…',
    );
    expect(gapMarker(at(10, 0, 1), at(10, 0, 9) + 400, 'new-shell')).toBe(
      'connection lost at 10:00:01 … reconnected at 10:00:09 (gap 8 s); a new shell (the old one ended with the connection)',
    );
    expect(gapMarker(at(10, 0, 1), at(10, 1, 1), 'interrupted')).toMatch(
      /^connection lost at 10:00:01 … reconnected at 10:01:01 \(gap 60 s\); the capture was interrupted: Restart capture/,
    );
    expect(restartMarker(at(10, 2, 0), 'top -b')).toBe('capture restarted at 10:02:00: top -b');
  });

  it('puts the marker on a line of its own, with no control character from the text', () => {
    const line = markerLine('lost\u001b[2J\r\nfake prompt $ ');
    expect(line.startsWith('\r\n')).toBe(true);
    expect(line.endsWith('\u001b[0m\r\n')).toBe(true);
    const inner = line.slice(2, -2);
    expect(inner).not.toContain('\u001b[2J');
    expect(inner).toContain('lost^[[2J^M^Jfake prompt');
    expect(inner).not.toMatch(/[\r\n]/);
  });
});
