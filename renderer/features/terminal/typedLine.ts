/**
 * Follows what the user types in a shell, well enough to know the command line they ran:
 * printable characters, backspace, Ctrl-U, Ctrl-C, and Enter. Cursor keys, history and tab
 * completion are not followed (the line is then unknown until the next Enter).
 */
export class TypedLine {
  private line = '';
  private lost = false;

  /** Feeds xterm.js input data; returns the submitted line when it contains Enter. */
  input(data: string): string | null {
    let submitted: string | null = null;
    for (let i = 0; i < data.length; i++) {
      const ch = data[i] ?? '';
      if (ch === '\r' || ch === '\n') {
        submitted = this.lost ? null : this.line;
        this.line = '';
        this.lost = false;
      } else if (ch === '\x7f' || ch === '\b') this.line = this.line.slice(0, -1);
      else if (ch === '\x15' || ch === '\x03') {
        this.line = '';
        this.lost = false;
      } else if (ch === '\x1b' || ch === '\t') {
        // An escape sequence (arrows, history) or completion: the line on screen is no longer ours.
        this.lost = true;
        if (ch === '\x1b') i = data.length;
      } else if (ch >= ' ') this.line += ch;
    }
    return submitted;
  }
}
