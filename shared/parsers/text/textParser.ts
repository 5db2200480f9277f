/**
 * Plain terminal text: what an engineer selected in a terminal and pinned. It has no grammar to
 * read; its model is its lines, kept as they were, so that a snapshot of it shows that text again.
 */
import { LineStreamParser } from '../lineStreamParser';

export interface TextModel {
  lines: string[];
  /** Lines past the cap, not kept (a selection is a few screens; this bounds a pathological one). */
  droppedLines: number;
}

/** More lines than a selection of a terminal's whole scrollback holds. */
const MAX_LINES = 50_000;

export class TextParser extends LineStreamParser<TextModel> {
  private readonly lines: string[] = [];
  private dropped = 0;
  private overlong = 0;

  protected takeLine(line: string): void {
    if (this.lines.length < MAX_LINES) this.lines.push(line);
    else this.dropped++;
  }

  protected takeOverlong(): void {
    this.overlong++;
  }

  get unparsedLines(): number {
    return this.overlong;
  }

  snapshot(): TextModel {
    return { lines: [...this.lines], droppedLines: this.dropped };
  }
}
