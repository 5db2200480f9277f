import { MarkerSplit } from '../../shared/captures/markerSplit';
import type { StreamParser } from '../../shared/parsers/streamParser';

/**
 * Passes text to a parser only after a marker line: `py-spy record` shows its progress in the
 * same terminal, then the capture prints the marker and the recorded stacks.
 */
export class MarkerGate<Model> implements StreamParser<Model> {
  private readonly split: MarkerSplit;
  /** The end of the text before the marker, held back in case it is the marker's start. */
  private held = '';

  /** `preamble`, when given, reads the text before the marker (the tool's own progress). */
  constructor(
    private readonly marker: string,
    private readonly inner: StreamParser<Model>,
    private readonly preamble?: StreamParser<unknown>,
  ) {
    this.split = new MarkerSplit(marker);
  }

  push(text: string): void {
    const wasOpen = this.split.passed;
    const { shown, hidden } = this.split.splitText(text);
    if (!wasOpen) {
      this.held += shown;
      if (!this.split.passed) {
        // Keep only what could still be the marker and its line end.
        const keep = this.marker.length + 2;
        this.preamble?.push(this.held.slice(0, -keep));
        this.held = this.held.slice(-keep);
        return;
      }
      this.preamble?.push(this.held.slice(0, this.held.lastIndexOf(this.marker)));
      this.preamble?.end();
      this.held = '';
    }
    if (hidden) this.inner.push(hidden);
  }

  end(): void {
    if (!this.split.passed) {
      this.preamble?.push(this.held);
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
    return this.split.passed;
  }
}
