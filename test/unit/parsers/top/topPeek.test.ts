/**
 * peek(): what a live view shows while `top -b` sleeps between frames. procps writes the newline
 * that ends a frame's last row only when the next frame starts (seen with `top -b -d 1 -H -p PID`
 * read through a pipe: every burst after the first begins "\n\ntop - " and ends mid-line), so the
 * frame read so far must include that unfinished row.
 */
import { describe, expect, it } from 'vitest';
import { parseTopText, TopStreamParser } from '../../../../shared/parsers/top';
import { readLocalFixture } from '../../fixturePath';

/** The recording cut where top pauses: the first frame without its final newlines. */
function firstBurst(text: string): string {
  const next = text.indexOf('\n\ntop - ');
  if (next < 0) throw new Error('fixture has one frame');
  return text.slice(0, next);
}

describe('TopStreamParser.peek', () => {
  for (const name of ['threads-H-p-spin.txt', 'host-n2.txt']) {
    it(`${name}: the first frame as top left it between intervals equals the finished frame`, () => {
      const text = readLocalFixture('top', name);
      const finished = parseTopText(text).frames[0];
      const parser = new TopStreamParser();
      expect(parser.push(firstBurst(text))).toEqual([]);
      const peeked = parser.peek();
      expect(peeked?.rows).toEqual(finished?.rows);
      expect(peeked?.summary).toEqual(finished?.summary);
      expect(peeked?.rows.length).toBe(peeked?.summary.tasks?.total);
      // Peeking is read-only: the rest of the text gives the frames of a whole-text parse.
      const frames = parser.push(text.slice(firstBurst(text).length)).concat(parser.end());
      expect(frames).toEqual(parseTopText(text).frames);
      expect(parser.unparsedLines).toBe(0);
    });
  }

  it('a last row cut before its columns end is left out, not counted as unparsed', () => {
    const burst = firstBurst(readLocalFixture('top', 'threads-H-p-spin.txt'));
    const lastRowStart = burst.lastIndexOf('\n') + 1;
    const parser = new TopStreamParser();
    parser.push(burst.slice(0, lastRowStart + 8));
    const whole = parseTopText(burst).frames[0];
    expect(parser.peek()?.rows).toEqual(whole?.rows.slice(0, -1));
    expect(parser.unparsedLines).toBe(0);
  });

  it('null before the first row, and between frames', () => {
    const parser = new TopStreamParser();
    expect(parser.peek()).toBeNull();
    parser.push('top - 10:00:00 up 1 min,  0 user,  load average: 0.00, 0.00, 0.00\n');
    expect(parser.peek()).toBeNull();
    parser.push('\n  PID USER      PR  NI    VIRT    RES    SHR S  %CPU  %MEM     TIME+ COMMAND\n');
    expect(parser.peek()).toBeNull();
    parser.push('    1 root      20   0   10000   2000   1000 S   0.0   0.0   0:01.00 init');
    expect(parser.peek()?.rows.map((r) => r.pid)).toEqual([1]);
    parser.push('\n\n');
    expect(parser.peek()).toBeNull();
  });
});
