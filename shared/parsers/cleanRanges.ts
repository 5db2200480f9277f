/**
 * Tells whether a range of a text holds nothing `cleanLine` would change (no control character
 * other than `\n`), for parsers that read clean lines in place. One native regex search finds the
 * next such character and is remembered, so clean text is searched once in all, not once per line.
 */

/* eslint-disable-next-line no-control-regex -- control characters are what it looks for */
const DIRTY = /[\x00-\x09\x0b-\x1f\x7f-\x9f]/g;

export class CleanRanges {
  private text = '';
  /** Searched from here... */
  private from = 0;
  /** ...the first dirty character is here, or -1 when there is none to the end. */
  private at = -1;

  /** Whether `text[start, end)` holds no control character (`\n` aside). */
  isClean(text: string, start: number, end: number): boolean {
    if (text !== this.text || start < this.from || (this.at >= 0 && start > this.at)) {
      DIRTY.lastIndex = start;
      const m = DIRTY.exec(text);
      this.text = text;
      this.from = start;
      this.at = m === null ? -1 : m.index;
    }
    return this.at < 0 || this.at >= end;
  }
}
