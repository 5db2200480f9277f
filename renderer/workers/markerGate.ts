import type { StreamParser } from '../../shared/parsers/streamParser';

/**
 * Passes text to a parser only after a marker line: `py-spy record` shows its progress in the
 * same terminal, then the capture prints the marker and the recorded stacks.
 */
export class MarkerGate<Model> implements StreamParser<Model> {
  private buffer = '';
  private open = false;

  constructor(
    private readonly marker: string,
    private readonly inner: StreamParser<Model>,
  ) {}

  push(text: string): void {
    if (this.open) return this.inner.push(text);
    this.buffer += text;
    const at = this.buffer.indexOf(this.marker);
    if (at < 0) {
      // Keep only what could still be the start of the marker.
      this.buffer = this.buffer.slice(-this.marker.length);
      return;
    }
    this.open = true;
    const rest = this.buffer.slice(at + this.marker.length).replace(/^\r?\n/, '');
    this.buffer = '';
    if (rest) this.inner.push(rest);
  }

  end(): void {
    this.inner.end();
  }

  snapshot(): Model {
    return this.inner.snapshot();
  }

  get unparsedLines(): number {
    return this.inner.unparsedLines;
  }

  get overlongLines(): number {
    return this.inner.overlongLines ?? 0;
  }

  /** False until the recording's data has started. */
  get started(): boolean {
    return this.open;
  }
}
