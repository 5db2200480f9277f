import { describe, expect, it } from 'vitest';
import { LineStreamParser } from '../../../shared/parsers/lineStreamParser';

/** A parser with a bug on lines that say "boom". */
class Fragile extends LineStreamParser<string[]> {
  private readonly read: string[] = [];
  private unparsed = 0;
  protected takeLine(line: string): void {
    if (line.includes('boom')) throw new Error('a bug');
    this.read.push(line);
  }
  protected takeOverlong(): void {
    this.unparsed++;
  }
  snapshot(): string[] {
    return this.read;
  }
  get unparsedLines(): number {
    return this.unparsed;
  }
}

describe('LineStreamParser', () => {
  it('counts a line whose handling throws as an internal error and not understood, and goes on', () => {
    const parser = new Fragile();
    expect(() => parser.push('one\nboom\ntwo\n')).not.toThrow();
    parser.end();
    expect(parser.snapshot()).toEqual(['one', 'two']);
    expect(parser.internalErrors).toBe(1);
    expect(parser.unparsedLines).toBe(1);
  });
});
