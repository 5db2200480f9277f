import { FlowControl } from '../../shared/contract/index';
import { inputHoldLeft } from './inputFirst';

/**
 * Runs `draw` at the next animation frame (or after 16 ms where frames are paused: a hidden page),
 * or, with `afterMs` > 0, once that many ms have passed.
 */
export type FrameScheduler = (draw: () => void, afterMs: number) => void;
export const nextFrame: FrameScheduler = (draw, afterMs) => {
  // xterm.js parses in a task of its own and redraws at the frame after: no need to align here.
  if (afterMs > 0) {
    setTimeout(draw, afterMs);
    return;
  }
  let done = false;
  const once = () => {
    if (done) return;
    done = true;
    draw();
  };
  if (typeof requestAnimationFrame === 'function') requestAnimationFrame(once);
  setTimeout(once, 16);
};

/**
 * A write at least this big (~250 KB/s at 60 frames a second: strace -f printing 2 500 lines a
 * second) means a flood. Typing, a prompt, a command's short answer stay below it.
 */
export const FLOOD_WRITE_BYTES = 4 * 1024;
/**
 * During a flood the screen is written, and so redrawn, at most this often: a redraw of xterm.js's
 * DOM renderer costs as much as parsing ~100 KiB, and nobody reads a flood at 60 frames a second.
 */
export const FLOOD_DRAW_MS = 50;
/**
 * ...unless this much is waiting (half the flow-control window): then it goes at the next frame,
 * so the host is not kept waiting by a held draw, and a redraw still covers at least this much.
 */
export const DRAW_NOW_BYTES = FlowControl.HIGH_WATERMARK_BYTES / 2;
/**
 * Output is written to xterm.js in pieces of at most this (a single bigger chunk stays whole):
 * each is acknowledged once parsed. xterm.js lets a frame be drawn between pieces, so smaller
 * ones would mean more redraws per MB.
 */
export const WRITE_PIECE_BYTES = 256 * 1024;

/**
 * A terminal's output on its way to the screen: held until the next frame (during a flood, until
 * FLOOD_DRAW_MS or DRAW_NOW_BYTES), then written in pieces, in order. `write` acknowledges each
 * piece once it is on screen, so the host goes on sending while the rest of a big draw is parsed.
 */
export class ScreenDraws {
  private chunks: Uint8Array[] = [];
  private bytes = 0;
  /** Bytes of the last draw: a big one makes the next wait FLOOD_DRAW_MS. */
  private lastDrawBytes = 0;
  /** The draw scheduled and still wanted (older ones do nothing), and whether it waits. */
  private scheduled = 0;
  private scheduledWaits = false;

  constructor(
    private readonly write: (bytes: Uint8Array, count: number) => void,
    private readonly frame: FrameScheduler = nextFrame,
    /** ms a flood draw still waits for a user's input to be drawn first (inputFirst.ts). */
    private readonly holdLeft: () => number = inputHoldLeft,
  ) {}

  push(bytes: Uint8Array): void {
    this.chunks.push(bytes);
    this.bytes += bytes.length;
    if (this.chunks.length === 1) this.schedule(this.lastDrawBytes >= FLOOD_WRITE_BYTES);
    else if (this.scheduledWaits && this.bytes >= DRAW_NOW_BYTES) this.schedule(false);
  }

  /** Writes what is held now (before a note, or when the screen goes). */
  drawNow(): void {
    this.scheduled++;
    this.scheduledWaits = false;
    const chunks = this.chunks;
    this.lastDrawBytes = this.bytes;
    this.chunks = [];
    this.bytes = 0;
    let piece: Uint8Array[] = [];
    let pieceBytes = 0;
    for (const chunk of chunks) {
      if (pieceBytes > 0 && pieceBytes + chunk.length > WRITE_PIECE_BYTES) {
        this.write(joinChunks(piece, pieceBytes), pieceBytes);
        piece = [];
        pieceBytes = 0;
      }
      piece.push(chunk);
      pieceBytes += chunk.length;
    }
    if (pieceBytes > 0) this.write(joinChunks(piece, pieceBytes), pieceBytes);
  }

  private schedule(wait: boolean, afterMs = wait ? FLOOD_DRAW_MS : 0): void {
    const id = ++this.scheduled;
    this.scheduledWaits = wait;
    this.frame(() => {
      if (this.scheduled !== id) return;
      // A flood draw gives way to an input just made, unless half a window is waiting.
      const flooding = this.lastDrawBytes >= FLOOD_WRITE_BYTES && this.bytes < DRAW_NOW_BYTES;
      const held = flooding ? this.holdLeft() : 0;
      if (held > 0) this.schedule(true, held);
      else this.drawNow();
    }, afterMs);
  }
}

function joinChunks(chunks: readonly Uint8Array[], total: number): Uint8Array {
  if (chunks.length === 1 && chunks[0]) return chunks[0];
  const joined = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    joined.set(chunk, at);
    at += chunk.length;
  }
  return joined;
}
