/**
 * Splits a byte stream at the first occurrence of a marker: what comes up to and including the
 * marker is "shown", everything after it "hidden". Used to keep bulk data that a capture prints
 * for the parser (a recording's stacks, tens of MB) out of the terminal, which would take
 * seconds to render it and bury what the tool said. Matches across chunk boundaries (KMP).
 */
export class MarkerSplit {
  private readonly marker: Uint8Array;
  private readonly fallback: Int32Array;
  private matched = 0;
  private found = false;
  /** The marker ended a chunk: its line ending may still come at the start of the next. */
  private lineEndPending = false;

  constructor(marker: string) {
    this.marker = new TextEncoder().encode(marker);
    this.fallback = new Int32Array(this.marker.length);
    for (let i = 1, k = 0; i < this.marker.length; i++) {
      while (k > 0 && this.marker[i] !== this.marker[k]) k = this.fallback[k - 1] ?? 0;
      if (this.marker[i] === this.marker[k]) k++;
      this.fallback[i] = k;
    }
  }

  /** True once the marker has gone by: every later byte is hidden. */
  get passed(): boolean {
    return this.found;
  }

  split(bytes: Uint8Array): { shown: Uint8Array; hidden: Uint8Array } {
    if (this.found) {
      let end = 0;
      if (this.lineEndPending) {
        if (bytes[end] === 0x0d) end++;
        if (bytes[end] === 0x0a) end++;
        // A lone CR at a chunk's end may still be followed by its LF.
        this.lineEndPending =
          bytes.length === 0 || (end === bytes.length && bytes[end - 1] === 0x0d);
      }
      return { shown: bytes.subarray(0, end), hidden: bytes.subarray(end) };
    }
    const marker = this.marker;
    let k = this.matched;
    for (let i = 0; i < bytes.length; i++) {
      const byte = bytes[i];
      while (k > 0 && byte !== marker[k]) k = this.fallback[k - 1] ?? 0;
      if (byte === marker[k]) k++;
      if (k === marker.length) {
        this.found = true;
        // The marker's line ending stays with it, so the terminal's last line is complete.
        let end = i + 1;
        if (bytes[end] === 0x0d) end++;
        if (bytes[end] === 0x0a) end++;
        this.lineEndPending = end === bytes.length && bytes[end - 1] !== 0x0a;
        return { shown: bytes.subarray(0, end), hidden: bytes.subarray(end) };
      }
    }
    this.matched = k;
    return { shown: bytes, hidden: bytes.subarray(0, 0) };
  }
}
