/**
 * Text → id (frame texts, for the collapsed and py-spy parsers), looked up from a range of the text
 * being parsed, so a text seen before costs no Map lookup on a fresh substring (V8 hashes and
 * compares those through its runtime, which was most of the parse time). A lookup (find) hashes
 * the range's length and a few of its characters, then compares the whole range with the
 * candidate's text, so equal ids always mean equal texts; hash collisions only cost another
 * comparison. `guess` skips the comparison, for callers that check many texts at once.
 */

/** A hash of `s[a, b)` that depends on those characters only (all of them when short). */
export function rangeHash(s: string, a: number, b: number): number {
  const len = b - a;
  let h = Math.imul(len, 0x9e3779b1);
  if (len < 12) {
    for (let i = a; i < b; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  } else {
    // The start (function), the middle, and the end (file name and line number).
    h = Math.imul(h ^ s.charCodeAt(a), 0x01000193);
    h = Math.imul(h ^ s.charCodeAt(a + 2), 0x01000193);
    h = Math.imul(h ^ s.charCodeAt(a + (len >> 1)), 0x01000193);
    h = Math.imul(h ^ s.charCodeAt(b - 2), 0x01000193);
    h = Math.imul(h ^ s.charCodeAt(b - 3), 0x01000193);
    h = Math.imul(h ^ s.charCodeAt(b - 4), 0x01000193);
    h = Math.imul(h ^ s.charCodeAt(b - 6), 0x01000193);
    h = Math.imul(h ^ s.charCodeAt(b - 9), 0x01000193);
  }
  h ^= h >>> 15;
  h = Math.imul(h, 0x85ebca6b);
  return h ^ (h >>> 13);
}

/**
 * A copy of `text` that owns its characters: a substring of a big chunk would keep the chunk
 * alive, and compares more slowly.
 */
function ownCopy(text: string): string {
  return text.length < 16 ? text : text.split('').join('');
}

export class TextTable {
  /**
   * Open addressing, two numbers a slot: the hash, then entry + 1 (0 when empty). Side by side, so
   * a probe reads one cache line and no string: on a 1 M-sample file the probes were mostly
   * waiting on memory when the hash lived beside the text.
   */
  private slots = new Int32Array(2 << 10);
  private readonly texts: string[] = [];
  private readonly hashes: number[] = [];
  private readonly ids: number[] = [];

  /** The id stored for the text `s[a, b)`, or -1. */
  find(s: string, a: number, b: number): number {
    const e = this.entry(s, a, b, true);
    return e < 0 ? -1 : (this.ids[e] as number);
  }

  /**
   * The entry of a stored text with the hash of `s[a, b)` (its length included), or -1, its
   * characters NOT compared: a guess the caller must check (idOf and textOf read the entry).
   */
  guess(s: string, a: number, b: number): number {
    return this.entry(s, a, b, false);
  }

  private entry(s: string, a: number, b: number, compare: boolean): number {
    const h = rangeHash(s, a, b);
    const slots = this.slots;
    const mask = slots.length - 2;
    for (let i = (h << 1) & mask; ; i = (i + 2) & mask) {
      const e = (slots[i + 1] as number) - 1;
      if (e < 0) return -1;
      if (slots[i] !== h) continue;
      if (!compare) return e;
      const text = this.texts[e] as string;
      if (text.length === b - a && s.slice(a, b) === text) return e;
    }
  }

  idOf(e: number): number {
    return this.ids[e] as number;
  }

  textOf(e: number): string {
    return this.texts[e] as string;
  }

  /** Stores `id` for `text` (not stored yet). */
  add(text: string, id: number): void {
    const e = this.texts.length;
    const h = rangeHash(text, 0, text.length);
    this.texts.push(ownCopy(text));
    this.hashes.push(h);
    this.ids.push(id);
    if (4 * this.texts.length > this.slots.length) {
      this.slots = new Int32Array(2 * this.slots.length);
      for (let k = 0; k <= e; k++) this.place(k, this.hashes[k] as number);
    } else this.place(e, h);
  }

  private place(e: number, h: number): void {
    const slots = this.slots;
    const mask = slots.length - 2;
    let i = (h << 1) & mask;
    while (slots[i + 1] !== 0) i = (i + 2) & mask;
    slots[i] = h;
    slots[i + 1] = e + 1;
  }
}
