/** A piece of what a page that comes back is sent: output bytes, or a line of the workbench's own. */
export type ReplayPiece = { bytes: Buffer } | { note: string };

/** The workbench's own lines kept beside the output (a dropped link, a restart): at most this many. */
const MAX_NOTES = 256;

/**
 * The last `capacity` bytes a terminal printed, kept on the Node side so that a page that comes
 * back (a reload, a renderer crash) can redraw the terminal and rebuild its parsed view; with
 * them the notes written between them, each at its byte offset, so the gaps show where they were.
 */
export class Scrollback {
  /** Kept chunks are `chunks[head..]`: dropping the oldest moves `head`, not the array. */
  private chunks: Buffer[] = [];
  private head = 0;
  private size = 0;
  /** Bytes printed since the terminal opened, kept or not. */
  private total = 0;
  /** `at`: how many bytes had been printed when the note was written. */
  private notes: { at: number; text: string }[] = [];

  constructor(private readonly capacity: number) {}

  push(data: Buffer): void {
    if (data.length === 0) return;
    this.chunks.push(data);
    this.size += data.length;
    this.total += data.length;
    while (this.size > this.capacity) {
      const first = this.chunks[this.head] as Buffer;
      const excess = this.size - this.capacity;
      if (first.length <= excess) {
        this.head++;
        this.size -= first.length;
      } else {
        this.chunks[this.head] = first.subarray(excess);
        this.size -= excess;
      }
    }
    // shift() per dropped chunk copied the whole array: a strace flood (thousands of small SSH
    // packets a second, a full scrollback of tens of thousands) spent most of its Node CPU there.
    if (this.head > 1024 && this.head * 2 > this.chunks.length) {
      this.chunks = this.chunks.slice(this.head);
      this.head = 0;
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
    const kept = Buffer.concat(this.chunks.slice(this.head), this.size);
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
