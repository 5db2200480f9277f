/**
 * Hands back one string instance per recurring short token (syscall names, errno names) read out
 * of a line, without slicing the line when the token was seen before. Map lookups keyed by such a
 * string then reuse its cached hash and compare by identity. The table has a fixed number of
 * slots (a miss overwrites the slot), so memory stays bounded whatever the input.
 */
export class StringInterner {
  private readonly slots: (string | undefined)[];
  private readonly mask: number;

  /** `size`: number of slots, a power of two. */
  constructor(size: number) {
    this.slots = new Array<string | undefined>(size).fill(undefined);
    this.mask = size - 1;
  }

  /** `s.slice(start, end)`, as the instance handed out last time for the same text if any. */
  slice(s: string, start: number, end: number): string {
    const len = end - start;
    const slot =
      (len * 31 + s.charCodeAt(start) * 7 + s.charCodeAt(end - 1) * 3 + s.charCodeAt(start + 1)) &
      this.mask;
    const known = this.slots[slot];
    if (known !== undefined && known.length === len && s.startsWith(known, start)) return known;
    const fresh = s.slice(start, end);
    this.slots[slot] = fresh;
    return fresh;
  }
}
