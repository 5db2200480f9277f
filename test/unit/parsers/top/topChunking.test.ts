/**
 * Chunking invariance: the stream parser must give exactly the frames of a one-shot parse however
 * the text is cut (characters or UTF-8 bytes decoded in streaming mode, as from a PTY/SSH channel).
 */
import { describe, expect, it } from 'vitest';
import { parseTopText, TopStreamParser, type TopFrame } from '../../../../shared/parsers/top';
import { allTopFixtures, parseInChunks } from './topTestUtil';

const FIXTURES = allTopFixtures();
/** Summary lines this parser does not read (Ukrainian labels: counted, not guessed). */
const KNOWN_UNPARSED: Record<string, number> = { 'local/uk_UA-p-w160.txt': 4 };

function parseBytes(text: string, size: number): { frames: TopFrame[]; unparsedLines: number } {
  const bytes = new TextEncoder().encode(text);
  const decoder = new TextDecoder('utf-8');
  const parser = new TopStreamParser();
  const frames: TopFrame[] = [];
  for (let i = 0; i < bytes.length; i += size) {
    const chunk = decoder.decode(bytes.subarray(i, i + size), { stream: true });
    frames.push(...parser.push(chunk));
  }
  frames.push(...parser.push(decoder.decode()), ...parser.end());
  return { frames, unparsedLines: parser.unparsedLines };
}

describe('chunked parsing equals one-shot parsing', () => {
  it('covers all fixtures (5 shared + recorded ones)', () => {
    expect(FIXTURES.length).toBeGreaterThanOrEqual(15);
  });

  describe.each(FIXTURES)('%s', (name, text) => {
    const once = parseTopText(text);

    it('has frames and nothing unparsed', () => {
      expect(once.frames.length).toBeGreaterThan(0);
      expect(once.unparsedLines).toBe(KNOWN_UNPARSED[name] ?? 0);
    });

    it.each([1, 7, 100])('in %i-character chunks', (size) => {
      const { frames, unparsedLines, internalErrors } = parseInChunks(text, size);
      expect(internalErrors).toBe(0);
      expect(frames).toEqual(once.frames);
      expect(unparsedLines).toBe(once.unparsedLines);
    });

    it.each([1, 7, 100])('in %i-byte UTF-8 chunks', (size) => {
      const { frames, unparsedLines } = parseBytes(text, size);
      expect(frames).toEqual(once.frames);
      expect(unparsedLines).toBe(once.unparsedLines);
    });

    it('with CRLF line endings (PTY) in 1-character chunks', () => {
      const crlf = text.replace(/\r?\n/g, '\r\n');
      expect(parseTopText(crlf)).toEqual(once);
      const { frames, unparsedLines } = parseInChunks(crlf, 1);
      expect(frames).toEqual(once.frames);
      expect(unparsedLines).toBe(once.unparsedLines);
    });
  });
});
