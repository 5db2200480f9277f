import { LineSplitter } from './lineSplitter';
import type { StreamParser } from './streamParser';

/**
 * The plumbing every line-oriented parser shares: text chunks into the one line splitter, whole
 * clean lines out to `takeLine`, lines too long to keep to `takeOverlong` (and counted), and
 * `streamEnded` once the stream ends. A parser says only what a line means and what its model is.
 */
export abstract class LineStreamParser<Model> implements StreamParser<Model> {
  private readonly splitter: LineSplitter;
  private internal = 0;

  constructor(maxLine?: number) {
    this.splitter = new LineSplitter(
      (line) => this.readLine(line),
      () => this.takeOverlong(),
      maxLine,
      // Only parsers that read raw lines get the hook: the splitter cleans others chunk-wise.
      this.takeRawLine === LineStreamParser.prototype.takeRawLine
        ? undefined
        : (text, start, end) => this.readRawLine(text, start, end),
    );
  }

  /** A parser never throws: a line whose handling hit a bug is counted and the stream goes on. */
  private readLine(line: string): void {
    try {
      this.takeLine(line);
    } catch {
      this.internal++;
      this.lineFailed();
    }
  }

  private readRawLine(text: string, start: number, end: number): boolean {
    try {
      return this.takeRawLine(text, start, end);
    } catch {
      this.internal++;
      this.lineFailed();
      return true;
    }
  }

  /** Lines whose handling hit an internal error (a bug; counted as unparsed). Tests assert 0. */
  get internalErrors(): number {
    return this.internal;
  }

  push(text: string): void {
    this.splitter.push(text);
  }

  end(): void {
    this.splitter.end();
    this.streamEnded();
  }

  /** Lines over the length cap, dropped (each parser also counts them in unparsedLines). */
  get overlongLines(): number {
    return this.splitter.overlongLines;
  }

  abstract snapshot(): Model;
  abstract get unparsedLines(): number;

  /** One whole, cleaned line. */
  protected abstract takeLine(line: string): void;
  /**
   * A line before cleaning, `text.slice(start, end)`: a parser may take it in place (return true)
   * only if it holds nothing `cleanLine` would change; by default every line is cleaned first.
   */
  protected takeRawLine(_text: string, _start: number, _end: number): boolean {
    return false;
  }
  /** A line longer than the cap went by, unread. */
  protected abstract takeOverlong(): void;
  /** A line could not be handled (see `internalErrors`): by default, one more not understood. */
  protected lineFailed(): void {
    this.takeOverlong();
  }
  /** The stream ended and its last line is in: flush what is pending. */
  protected streamEnded(): void {}
}
