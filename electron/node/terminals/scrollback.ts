/** A piece of what a page that comes back is sent: output bytes, or a line of the workbench's own. */
export type ReplayPiece = { bytes: Buffer } | { note: string };

/** The workbench's own lines kept beside the output (a dropped link, a restart): at most this many. */
const MAX_NOTES = 256;

/**
 * The last `capacity` bytes a terminal printed, kept on the Node side so that a page that comes
 * back (a reload, a renderer crash) can redraw the terminal and rebuild its parsed view; with
 * them the notes written between them, each at its byte offset, so the gaps show where they were.
 */
/** Bytes are copied into blocks of this size: whole blocks are dropped as the start moves on. */
const BLOCK_BYTES = 64 * 1024;

export class Scrollback {
  /**
   * The kept bytes, copied: `blocks[0]` from `start`, the last block up to `fill`. Keeping ssh2's
   * own chunks instead pinned the larger buffers they are slices of (a strace flood's thousands
   * of small chunks held ~100 MB), and dropping them one by one with Array.shift cost most of the
   * Node side's CPU in such a flood.
   */
  private blocks: Buffer[] = [];
  private start = 0;
  private fill = BLOCK_BYTES;
  private size = 0;
  /** Bytes printed since the terminal opened, kept or not. */
  private total = 0;
  /** `at`: how many bytes had been printed when the note was written. */
  private notes: { at: number; text: string }[] = [];

  constructor(private readonly capacity: number) {}

  push(data: Buffer): void {
    if (data.length === 0) return;
    this.total += data.length;
    // Only the last `capacity` bytes of a huge chunk can be kept.
    const from = Math.max(0, data.length - this.capacity);
    for (let at = from; at < data.length;) {
      if (this.fill === BLOCK_BYTES) {
        this.blocks.push(Buffer.allocUnsafe(BLOCK_BYTES));
        this.fill = 0;
      }
      const last = this.blocks[this.blocks.length - 1] as Buffer;
      const copied = data.copy(last, this.fill, at);
      this.fill += copied;
      at += copied;
    }
    this.size += data.length - from;
    if (this.size > this.capacity) {
      this.start += this.size - this.capacity;
      this.size = this.capacity;
      while (this.start >= BLOCK_BYTES) {
        this.blocks.shift(); // a few dozen blocks: cheap
        this.start -= BLOCK_BYTES;
      }
    }
    // A note among bytes that no longer fit goes with them.
    const keptFrom = this.droppedBytes;
    while (this.notes[0] && this.notes[0].at < keptFrom) this.notes.shift();
  }

  /** A line of the workbench's own after the bytes pushed so far. */
  note(text: string): void {
    this.notes.push({ at: this.total, text });
    if (this.notes.length > MAX_NOTES) this.notes.shift();
  }

  /** Bytes that no longer fit (the page that comes back does not see them). */
  get droppedBytes(): number {
    return this.total - this.size;
  }

  /**
   * What is kept, in pieces of at most `pieceBytes`. When the start was dropped, the replay
   * begins after the first line end kept, so no view starts inside a line or an escape sequence.
   */
  replay(pieceBytes: number): Buffer[] {
    return pieces(this.replayedBytes(), pieceBytes);
  }

  /** The replay with the notes kept, each where it was written in the output. */
  replayWithNotes(pieceBytes: number): ReplayPiece[] {
    const kept = this.replayedBytes();
    const startsAt = this.total - kept.length;
    const replayed: ReplayPiece[] = [];
    let from = 0;
    for (const { at, text } of this.notes) {
      if (at < startsAt) continue;
      for (const bytes of pieces(kept.subarray(from, at - startsAt), pieceBytes))
        replayed.push({ bytes });
      replayed.push({ note: text });
      from = at - startsAt;
    }
    for (const bytes of pieces(kept.subarray(from), pieceBytes)) replayed.push({ bytes });
    return replayed;
  }

  private replayedBytes(): Buffer {
    const kept = Buffer.alloc(this.size);
    let at = 0;
    this.blocks.forEach((block, i) => {
      const from = i === 0 ? this.start : 0;
      const to = i === this.blocks.length - 1 ? this.fill : BLOCK_BYTES;
      at += block.copy(kept, at, from, to);
    });
    if (this.droppedBytes === 0) return kept;
    const lineEnd = kept.indexOf(0x0a);
    return lineEnd < 0 ? Buffer.alloc(0) : kept.subarray(lineEnd + 1);
  }
}

function pieces(bytes: Buffer, pieceBytes: number): Buffer[] {
  const cut: Buffer[] = [];
  for (let at = 0; at < bytes.length; at += pieceBytes)
    cut.push(bytes.subarray(at, at + pieceBytes));
  return cut;
}
