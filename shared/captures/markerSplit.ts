/** Code units of a chunk: bytes, or a string's UTF-16 units (line ends are 13 and 10 in both). */
interface Units {
  readonly length: number;
  at(i: number): number | undefined;
}
const bytesOf = (bytes: Uint8Array): Units => ({ length: bytes.length, at: (i) => bytes[i] });
const unitsOf = (text: string): Units => ({
  length: text.length,
  at: (i) => (i < text.length ? text.charCodeAt(i) : undefined),
});

/**
 * The one record-marker splitter (the terminal's screen uses it on bytes, the parse worker's
 * recording gate on text). Splits a stream at the first occurrence of a marker: what comes up to and including the
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

  /** The marker must be ASCII: its bytes and its UTF-16 units are then the same. */
  constructor(marker: string) {
    this.marker = Uint8Array.from(marker, (c) => c.charCodeAt(0) & 0xff);
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
    const end = this.scan(bytesOf(bytes));
    return { shown: bytes.subarray(0, end), hidden: bytes.subarray(end) };
  }

  splitText(text: string): { shown: string; hidden: string } {
    const end = this.scan(unitsOf(text));
    return { shown: text.slice(0, end), hidden: text.slice(end) };
  }

  /** How much of the chunk is shown: up to the marker's line end, all before it, none after. */
  private scan(units: Units): number {
    if (this.found) {
      let end = 0;
      if (this.lineEndPending) {
        if (units.at(end) === 0x0d) end++;
        if (units.at(end) === 0x0a) end++;
        // A lone CR at a chunk's end may still be followed by its LF.
        this.lineEndPending =
          units.length === 0 || (end === units.length && units.at(end - 1) === 0x0d);
      }
      return end;
    }
    const marker = this.marker;
    let k = this.matched;
    for (let i = 0; i < units.length; i++) {
      const unit = units.at(i);
      while (k > 0 && unit !== marker[k]) k = this.fallback[k - 1] ?? 0;
      if (unit === marker[k]) k++;
      if (k === marker.length) {
        this.found = true;
        // The marker's line ending stays with it, so the terminal's last line is complete.
        let end = i + 1;
        if (units.at(end) === 0x0d) end++;
        if (units.at(end) === 0x0a) end++;
        this.lineEndPending = end === units.length && units.at(end - 1) !== 0x0a;
        return end;
      }
    }
    this.matched = k;
    return units.length;
  }
}
