import { describe, expect, it } from 'vitest';
import { parseCast } from '../../../shared/captureLog/asciicast';
import { CastTimeline } from '../../../shared/captureLog/castTimeline';

const decode = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

const CAST = [
  '{"version":2,"width":100,"height":30}',
  '[0.5,"o","$ top\\r\\n"]',
  '[1.0,"m","pinned"]',
  '[1.5,"o","top - 10:00:01\\r\\n"]',
  '[2.0,"r","120x40"]',
  '[0.9,"o","clock went back\\r\\n"]',
  '[3.25,"o","top - 10:00:03\\r\\n"]',
  '',
].join('\n');

describe('a recording on its own clock', () => {
  const cast = parseCast(CAST);
  const timeline = new CastTimeline({
    cols: cast.header?.width ?? 80,
    rows: cast.header?.height ?? 24,
  });
  timeline.add(cast.events);

  it('gives the output up to a moment, and between two', () => {
    expect(decode(timeline.bytesBetween(-1, 0.4))).toBe('');
    expect(decode(timeline.bytesBetween(-1, 1.5))).toBe('$ top\r\ntop - 10:00:01\r\n');
    expect(decode(timeline.bytesBetween(1.5, 10))).toBe('clock went back\r\ntop - 10:00:03\r\n');
    expect(timeline.duration).toBe(3.25);
    expect(timeline.events).toBe(4);
  });

  it('never lets time go back: an event stamped earlier plays where it was recorded', () => {
    expect(decode(timeline.bytesBetween(1.9, 2.0))).toBe('clock went back\r\n');
  });

  it('knows the terminal size at each moment', () => {
    expect(timeline.sizeAt(1)).toEqual({ cols: 100, rows: 30 });
    expect(timeline.sizeAt(2.5)).toEqual({ cols: 120, rows: 40 });
  });

  it('reads a recording loaded in pieces the same as whole', () => {
    const pieces = new CastTimeline({ cols: 100, rows: 30 });
    const lines = CAST.split('\n');
    pieces.add(parseCast(lines.slice(0, 3).join('\n')).events);
    pieces.add(parseCast(lines.slice(3).join('\n')).events);
    expect(decode(pieces.bytesBetween(-1, 99))).toBe(decode(timeline.bytesBetween(-1, 99)));
  });

  it('keeps bytes that are not UTF-8 exactly as recorded', () => {
    const raw = new CastTimeline({ cols: 80, rows: 24 });
    raw.add([[0.1, 'o', '\udcff\udcfeok']]);
    expect([...raw.bytesBetween(-1, 1)]).toEqual([0xff, 0xfe, 0x6f, 0x6b]);
  });
});
