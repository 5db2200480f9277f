/**
 * Cuts a stream of text chunks into lines, whatever the chunking: `\n` ends a line, trailing `\r`s
 * (a PTY's `\r\n`) are dropped and inner lone `\r`s split lines. Only the partial last line is
 * buffered, capped at `maxLine` characters: a longer line is dropped whole and reported as overlong.
 */
export class LineSplitter {
  private partial = '';
  private discarding = false;

  constructor(
    private readonly maxLine: number,
    private readonly onLine: (line: string) => void,
    private readonly onOverlong: () => void,
  ) {}

  push(chunk: string): void {
    if (typeof chunk !== 'string' || chunk.length === 0) return;
    let start = 0;
    for (let nl = chunk.indexOf('\n'); nl >= 0; nl = chunk.indexOf('\n', start)) {
      if (this.discarding) {
        this.discarding = false;
        this.onOverlong();
      } else {
        const seg = chunk.slice(start, nl);
        const raw = this.partial === '' ? seg : this.partial + seg;
        this.partial = '';
        this.rawLine(raw);
      }
      start = nl + 1;
    }
    if (this.discarding || start >= chunk.length) return;
    this.partial += start === 0 ? chunk : chunk.slice(start);
    if (this.partial.length > this.maxLine) {
      this.partial = '';
      this.discarding = true;
    }
  }

  /** Flushes the last line if it had no `\n`. */
  end(): void {
    if (this.discarding) {
      this.discarding = false;
      this.onOverlong();
    } else if (this.partial !== '') {
      const last = this.partial;
      this.partial = '';
      this.rawLine(last);
    }
  }

  private rawLine(raw: string): void {
    if (raw.length > this.maxLine) {
      this.onOverlong();
      return;
    }
    let end = raw.length;
    while (end > 0 && raw.charCodeAt(end - 1) === 13) end--;
    const body = end === raw.length ? raw : raw.slice(0, end);
    if (body.indexOf('\r') < 0) this.onLine(body);
    else for (const part of body.split('\r')) this.onLine(part);
  }
}
