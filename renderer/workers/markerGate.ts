import type { StreamParser } from '../../shared/parsers/streamParser';

/**
 * Passes text to a parser only after a marker line: `py-spy record` shows its progress in the
 * same terminal, then the capture prints the marker and the recorded stacks.
 */
export class MarkerGate<Model> implements StreamParser<Model> {
  private buffer = '';
  private open = false;

  /** `preamble`, when given, reads the text before the marker (the tool's own progress). */
  constructor(
    private readonly marker: string,
    private readonly inner: StreamParser<Model>,
    private readonly preamble?: StreamParser<unknown>,
  ) {}

  push(text: string): void {
    if (this.open) return this.inner.push(text);
    // Nothing in `buffer` has gone to the preamble yet.
    this.buffer += text;
    const at = this.buffer.indexOf(this.marker);
    if (at < 0) {
      // Keep only what could still be the start of the marker.
      const keep = Math.min(this.buffer.length, this.marker.length);
      this.preamble?.push(this.buffer.slice(0, this.buffer.length - keep));
      this.buffer = this.buffer.slice(-keep);
      return;
    }
    this.open = true;
    this.preamble?.push(this.buffer.slice(0, at));
    this.preamble?.end();
    const rest = this.buffer.slice(at + this.marker.length).replace(/^\r?\n/, '');
    this.buffer = '';
    if (rest) this.inner.push(rest);
  }

  end(): void {
    if (!this.open) {
      this.preamble?.push(this.buffer);
      this.preamble?.end();
    }
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
