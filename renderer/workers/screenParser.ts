import xtermHeadless from '@xterm/headless';
import type { StreamParser } from '../../shared/parsers/streamParser';

/** Wide and tall enough that a full-screen tool drawn for the user's pane never wraps here. */
const COLUMNS = 300;
const ROWS = 200;
/** Saved text: the widest screen made for its longest line, and the lines kept above the screen. */
const MAX_COLUMNS = 4096;
const SAVED_SCROLLBACK = 2000;

export interface ScreenOptions {
  /**
   * Text saved from a terminal (pasted, opened from a file) rather than a live one: a lone `\n`
   * ends a line (no PTY turned it into `\r\n`), the screen is widened to its longest line, and
   * every line is read, the scrolled-off ones too (the last screen in it wins).
   */
  savedText?: boolean;
}

/**
 * Full-screen tools (`py-spy top`) redraw with cursor moves; their meaning is the screen, not the
 * byte stream. Bytes go through a headless xterm.js and the screen's lines to a screen parser.
 * xterm.js parses writes asynchronously: the screen is read only after its write callback.
 */
export class ScreenParser<Model> implements StreamParser<Model> {
  private readonly terminal: InstanceType<typeof xtermHeadless.Terminal>;
  private readonly savedText: boolean;
  private model: Model;
  private unparsed = 0;
  /** Lines xterm.js refused (more than 50 MB waiting in its write buffer). */
  private refused = 0;
  private dirty = false;
  private written: Promise<void> = Promise.resolve();
  /** Length of the line being written, across pushes (saved text only). */
  private lineLength = 0;

  constructor(
    private readonly parseScreen: (lines: string[]) => { model: Model; unparsedLines: number },
    options: ScreenOptions = {},
  ) {
    this.savedText = Boolean(options.savedText);
    this.terminal = new xtermHeadless.Terminal({
      cols: COLUMNS,
      rows: ROWS,
      allowProposedApi: true,
      scrollback: this.savedText ? SAVED_SCROLLBACK : 0,
      convertEol: this.savedText,
    });
    this.model = parseScreen([]).model;
  }

  push(text: string): void {
    if (typeof text !== 'string' || text === '') return;
    if (this.savedText) this.widenFor(text);
    try {
      this.written = new Promise((resolve) =>
        this.terminal.write(text, () => {
          this.dirty = true;
          resolve();
        }),
      );
    } catch {
      // xterm.js throws past 50 MB unparsed; the parser never does: those lines are counted.
      this.refused += text.split('\n').length - 1;
    }
  }

  /** Resolves once everything pushed so far is on the emulated screen. */
  settled(): Promise<void> {
    return this.written;
  }

  end(): void {}

  snapshot(): Model {
    if (this.dirty) {
      this.dirty = false;
      const parsed = this.parseScreen(this.screenLines());
      this.model = parsed.model;
      this.unparsed = parsed.unparsedLines;
    }
    return this.model;
  }

  get unparsedLines(): number {
    return this.unparsed + this.refused;
  }

  /** The screen's lines (saved text: every line kept), wrapped rows joined to their start. */
  private screenLines(): string[] {
    const buffer = this.terminal.buffer.active;
    const from = this.savedText ? 0 : buffer.baseY;
    const to = this.savedText ? buffer.length : buffer.baseY + ROWS;
    const lines: string[] = [];
    for (let y = from; y < to; y++) {
      const line = buffer.getLine(y);
      const text = line?.translateToString(true) ?? '';
      if (line?.isWrapped && lines.length > 0) lines[lines.length - 1] += text;
      else lines.push(text);
    }
    while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
    return lines;
  }

  /** Widens the screen to the longest line so far, so no row of saved text wraps. */
  private widenFor(text: string): void {
    let widest = 0;
    let length = this.lineLength;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10 || c === 13) length = 0;
      else if (++length > widest) widest = length;
    }
    this.lineLength = length;
    const cols = Math.min(MAX_COLUMNS, widest + 1);
    if (cols > this.terminal.cols) this.terminal.resize(cols, ROWS);
  }
}
