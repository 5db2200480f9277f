/**
 * The last `capacity` bytes a terminal printed, kept on the Node side so that a page that comes
 * back (a reload, a renderer crash) can redraw the terminal and rebuild its parsed view.
 */
export class Scrollback {
  private chunks: Buffer[] = [];
  private size = 0;
  /** Bytes printed since the terminal opened, kept or not. */
  private total = 0;

  constructor(private readonly capacity: number) {}

  push(data: Buffer): void {
    if (data.length === 0) return;
    this.chunks.push(data);
    this.size += data.length;
    this.total += data.length;
    while (this.size > this.capacity) {
      const first = this.chunks[0] as Buffer;
      const excess = this.size - this.capacity;
      if (first.length <= excess) {
        this.chunks.shift();
        this.size -= first.length;
      } else {
        this.chunks[0] = first.subarray(excess);
        this.size -= excess;
      }
    }
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
    let kept = Buffer.concat(this.chunks, this.size);
    if (this.droppedBytes > 0) {
      const lineEnd = kept.indexOf(0x0a);
      kept = lineEnd < 0 ? Buffer.alloc(0) : kept.subarray(lineEnd + 1);
    }
    const pieces: Buffer[] = [];
    for (let at = 0; at < kept.length; at += pieceBytes)
      pieces.push(kept.subarray(at, at + pieceBytes));
    return pieces;
  }
}
