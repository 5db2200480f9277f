/**
 * `py-spy dump` as it comes, text or `--json`: the first character that is not white space says
 * which (`[` or `{` starts JSON; text starts with `Process N:` or a message). A paste or a file of
 * either goes to the parser of its format; the model is the same.
 */
import { emptyDumpModel, type PyDumpModel } from './dumpModel';
import { PyDumpJsonParser } from './dumpJsonParser';
import { PyDumpTextParser } from './dumpTextParser';
import type { StreamParser } from '../streamParser';

/** White space held before choosing; past this the text parser takes it (and counts nothing). */
const MAX_LEADING_SPACE = 64 * 1024;

export class PyDumpParser implements StreamParser<PyDumpModel> {
  private chosen: StreamParser<PyDumpModel> | null = null;
  private held = '';

  push(text: string): void {
    if (typeof text !== 'string') return;
    if (this.chosen) return this.chosen.push(text);
    this.held += text;
    const first = /\S/.exec(this.held)?.[0];
    if (first === undefined && this.held.length < MAX_LEADING_SPACE) return;
    this.choose(first === '[' || first === '{' ? new PyDumpJsonParser() : new PyDumpTextParser());
  }

  end(): void {
    if (!this.chosen) this.choose(new PyDumpTextParser());
    this.chosen?.end();
  }

  snapshot(): PyDumpModel {
    return this.chosen?.snapshot() ?? emptyDumpModel();
  }

  get unparsedLines(): number {
    return this.chosen?.unparsedLines ?? 0;
  }

  get overlongLines(): number {
    return this.chosen?.overlongLines ?? 0;
  }

  private choose(parser: StreamParser<PyDumpModel>): void {
    this.chosen = parser;
    const held = this.held;
    this.held = '';
    parser.push(held);
  }
}
