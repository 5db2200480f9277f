import xtermHeadless from '@xterm/headless';
import type { StreamParser } from '../../shared/parsers/streamParser';

/** Wide and tall enough that a full-screen tool drawn for the user's pane never wraps here. */
const COLUMNS = 300;
const ROWS = 200;

/**
 * Full-screen tools (`py-spy top`) redraw with cursor moves; their meaning is the screen, not the
 * byte stream. Bytes go through a headless xterm.js and the screen's lines to a screen parser.
 */
export class ScreenParser<Model> implements StreamParser<Model> {
  private readonly terminal = new xtermHeadless.Terminal({
    cols: COLUMNS,
    rows: ROWS,
    allowProposedApi: true,
    scrollback: 0,
  });
  private model: Model;
  private unparsed = 0;
  private dirty = false;

  constructor(
    private readonly parseScreen: (lines: string[]) => { model: Model; unparsedLines: number },
  ) {
    this.model = parseScreen([]).model;
  }

  push(text: string): void {
    this.terminal.write(text);
    this.dirty = true;
  }

  end(): void {}

  snapshot(): Model {
    if (this.dirty) {
      this.dirty = false;
      const buffer = this.terminal.buffer.active;
      const lines: string[] = [];
      for (let y = 0; y < ROWS; y++)
        lines.push(buffer.getLine(buffer.baseY + y)?.translateToString(true) ?? '');
      while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
      const parsed = this.parseScreen(lines);
      this.model = parsed.model;
      this.unparsed = parsed.unparsedLines;
    }
    return this.model;
  }

  get unparsedLines(): number {
    return this.unparsed;
  }
}
