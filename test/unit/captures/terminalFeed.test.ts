import { describe, expect, it, vi } from 'vitest';

/** What the feed hands to parsers, recorded here instead of going to the parse worker. */
const parsed = vi.hoisted(() => [] as string[]);
vi.mock('../../../renderer/captures/parseStreams', () => ({
  parseStreams: {
    feed: (_streamId: string, bytes: Uint8Array) =>
      void parsed.push(new TextDecoder().decode(bytes)),
    close: () => undefined,
  },
}));
import { TerminalFeed, type ScreenSink } from '../../../renderer/captures/terminalFeed';
import {
  DRAW_NOW_BYTES,
  FLOOD_DRAW_MS,
  FLOOD_WRITE_BYTES,
  WRITE_PIECE_BYTES,
} from '../../../renderer/captures/screenDraws';
import type { TerminalStream } from '../../../renderer/transport/transport';

/** A terminal stream driven by the test: what the transport would deliver, and what came back. */
function fakeStream() {
  let onData: (bytes: Uint8Array) => void = () => undefined;
  let onEnd: () => void = () => undefined;
  let onNote: (text: string) => void = () => undefined;
  const acks: number[] = [];
  const stream: TerminalStream = {
    onData: (listener) => void (onData = listener),
    onEnd: (listener) => void (onEnd = listener),
    onNote: (listener) => void (onNote = listener),
    sendInput: () => undefined,
    ack: (bytes) => void acks.push(bytes),
    onClosed: () => undefined,
    close: () => undefined,
  };
  return {
    stream,
    acks,
    deliver: (text: string) => onData(new TextEncoder().encode(text)),
    end: () => onEnd(),
    note: (text: string) => onNote(text),
  };
}

/** A screen that records writes and runs their "parsed" callbacks when told. */
function fakeScreen() {
  const shown: string[] = [];
  const pending: (() => void)[] = [];
  const screen: ScreenSink = {
    write: (bytes, parsed) => {
      shown.push(new TextDecoder().decode(bytes));
      pending.push(parsed);
    },
    note: (text) => void shown.push(`[${text}]`),
  };
  return { screen, shown, drain: () => pending.splice(0).forEach((done) => done()) };
}

/** A feed whose draws are run by the test; `waits` lists how long each scheduled draw waited. */
function pacedFeed() {
  const { stream, deliver } = fakeStream();
  const waits: number[] = [];
  const frames: (() => void)[] = [];
  const feed = new TerminalFeed(stream, {
    frame: (draw, afterMs) => {
      waits.push(afterMs);
      frames.push(draw);
    },
  });
  return { feed, deliver, waits, frames };
}

const KiB = 1024;
const acked = (acks: number[]) => acks.reduce((a, b) => a + b, 0);

describe('TerminalFeed', () => {
  it('holds output for a screen not mounted yet and acknowledges it at once', () => {
    const { stream, acks, deliver } = fakeStream();
    const feed = new TerminalFeed(stream, { frame: (draw) => draw() });
    deliver('x'.repeat(40 * KiB));
    // No screen: the host must not wait for one.
    expect(acked(acks)).toBe(40 * KiB);
    const { screen, shown } = fakeScreen();
    feed.attachScreen(screen);
    expect(shown.join('')).toBe('x'.repeat(40 * KiB));
  });

  it('acknowledges what a screen has processed, and what it never will once detached', () => {
    const { stream, acks, deliver } = fakeStream();
    const feed = new TerminalFeed(stream, { frame: (draw) => draw() });
    const { screen, drain } = fakeScreen();
    const detach = feed.attachScreen(screen);
    deliver('a'.repeat(20 * KiB));
    deliver('b'.repeat(20 * KiB));
    expect(acked(acks)).toBe(0);
    drain();
    expect(acked(acks)).toBe(40 * KiB);
    deliver('c'.repeat(40 * KiB));
    detach();
    expect(acked(acks)).toBe(80 * KiB);
    // A late callback of the disposed screen counts nothing twice.
    drain();
    expect(acked(acks)).toBe(80 * KiB);
  });

  it('shows what comes up to a marker, hides the rest from the screen, keeps the order of notes', () => {
    const { stream, deliver } = fakeStream();
    const feed = new TerminalFeed(stream, { hideAfter: '--DATA--', frame: (draw) => draw() });
    deliver('progress 1\r\n--DA');
    deliver('TA--\r\nstack;a 1\n');
    const { screen, shown } = fakeScreen();
    feed.attachScreen(screen);
    expect(shown[0]).toBe('progress 1\r\n--DA');
    expect(shown[1]).toBe('TA--\r\n');
    expect(shown[2]).toMatch(/^\[.*parsed view/);
    expect(shown.join('')).not.toContain('stack;a');
  });

  it("draws the workbench's own notes after the output before them, and never parses them", () => {
    const { stream, deliver, note } = fakeStream();
    const frames: (() => void)[] = [];
    const feed = new TerminalFeed(stream, { frame: (draw) => void frames.push(draw) });
    feed.routeTo('s_note_test');
    const { screen, shown } = fakeScreen();
    feed.attachScreen(screen);
    deliver('load average: 1.00\r\n');
    note('connection lost at 10:00:01; reconnecting…');
    deliver('after\r\n');
    frames.splice(0).forEach((draw) => draw());
    expect(shown[0]).toBe('load average: 1.00\r\n');
    expect(shown[1]).toMatch(/^\[\r\n.*── connection lost at 10:00:01; reconnecting… ──/);
    expect(shown[2]).toBe('after\r\n');
    expect(parsed.join('')).toBe('load average: 1.00\r\nafter\r\n');
    feed.close();
  });

  it('tells its listeners when the program ended', () => {
    const { stream, end } = fakeStream();
    const feed = new TerminalFeed(stream, { frame: (draw) => draw() });
    let ended = 0;
    feed.onEnd(() => ended++);
    end();
    expect(ended).toBe(1);
    expect(feed.hasEnded).toBe(true);
  });

  it('writes what came during one frame in one call, notes after the output before them', () => {
    const { stream, acks, deliver } = fakeStream();
    const frames: (() => void)[] = [];
    const feed = new TerminalFeed(stream, { frame: (draw) => void frames.push(draw) });
    const { screen, shown, drain } = fakeScreen();
    feed.attachScreen(screen);
    for (let i = 0; i < 100; i++) deliver(`line ${i}\r\n`);
    expect(shown).toEqual([]);
    expect(frames).toHaveLength(1);
    frames.shift()?.();
    expect(shown).toHaveLength(1);
    expect(shown[0]?.split('\r\n')).toHaveLength(101);
    drain();
    expect(acked(acks)).toBe(0); // under the ack batch
    deliver('x'.repeat(40 * KiB));
    frames.shift()?.();
    drain();
    expect(acked(acks)).toBeGreaterThan(40 * KiB);
  });

  it('during a flood writes at most every FLOOD_DRAW_MS, and at the next frame again once it calms', () => {
    const { feed, deliver, waits, frames } = pacedFeed();
    const { screen, shown, drain } = fakeScreen();
    feed.attachScreen(screen);
    deliver('typed\r\n');
    frames.shift()?.();
    deliver('y'.repeat(FLOOD_WRITE_BYTES));
    frames.shift()?.();
    deliver('z'.repeat(FLOOD_WRITE_BYTES));
    frames.shift()?.();
    deliver('$ ');
    frames.shift()?.();
    deliver('after');
    drain();
    // A small write goes at the next frame; one after a big write waits.
    expect(waits).toEqual([0, 0, FLOOD_DRAW_MS, FLOOD_DRAW_MS, 0]);
    expect(shown.join('')).toBe(
      `typed\r\n${'y'.repeat(FLOOD_WRITE_BYTES)}${'z'.repeat(FLOOD_WRITE_BYTES)}$ `,
    );
  });

  it('writes a big draw in pieces and acknowledges each as soon as it is parsed', () => {
    const { stream, acks, deliver } = fakeStream();
    const frames: (() => void)[] = [];
    const feed = new TerminalFeed(stream, { frame: (draw) => void frames.push(draw) });
    const written: number[] = [];
    const parsed: (() => void)[] = [];
    feed.attachScreen({
      write: (bytes, done) => {
        written.push(bytes.length);
        parsed.push(done);
      },
      note: () => undefined,
    });
    const half = WRITE_PIECE_BYTES / 2;
    for (let i = 0; i < 5; i++) deliver('p'.repeat(half));
    frames.shift()?.();
    expect(written).toEqual([2 * half, 2 * half, half]);
    // The first piece parsed: the host hears of it before the rest is done.
    parsed.shift()?.();
    expect(acked(acks)).toBe(2 * half);
  });

  it('during a flood draws at the next frame once half the window is waiting', () => {
    const { stream, deliver } = fakeStream();
    const scheduled: { draw: () => void; afterMs: number }[] = [];
    const feed = new TerminalFeed(stream, {
      frame: (draw, afterMs) => void scheduled.push({ draw, afterMs }),
    });
    const { screen, shown } = fakeScreen();
    feed.attachScreen(screen);
    deliver('a'.repeat(FLOOD_WRITE_BYTES));
    scheduled.shift()?.draw();
    const piece = 'b'.repeat(WRITE_PIECE_BYTES);
    for (let sent = 0; sent < DRAW_NOW_BYTES; sent += piece.length) deliver(piece);
    expect(scheduled.map((s) => s.afterMs)).toEqual([FLOOD_DRAW_MS, 0]);
    scheduled[1]?.draw();
    expect(shown.join('').length).toBe(FLOOD_WRITE_BYTES + DRAW_NOW_BYTES);
    // The waiting draw, overtaken, draws nothing more and out of turn.
    deliver('c');
    scheduled[0]?.draw();
    expect(shown.join('').length).toBe(FLOOD_WRITE_BYTES + DRAW_NOW_BYTES);
  });

  it('paces a stream of short lines as a flood too (strace -f at a few thousand lines a second)', () => {
    const { feed, deliver, waits, frames } = pacedFeed();
    feed.attachScreen(fakeScreen().screen);
    const frameOfLines = '12:00:00.000001 getppid() = 1 <0.000004>\r\n'.repeat(110); // ~5 KiB
    deliver(frameOfLines);
    frames.shift()?.();
    deliver(frameOfLines);
    expect(waits).toEqual([0, FLOOD_DRAW_MS]);
  });
});
