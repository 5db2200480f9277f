/**
 * Chunking invariance of the py-spy dump parsers (text and JSON): any cut of the same text, in
 * characters or in UTF-8 bytes decoded in streaming mode, gives exactly the one-shot model.
 */
import { describe, expect, it } from 'vitest';
import { PyDumpJsonParser, PyDumpTextParser } from '../../../../shared/parsers/pyspy';
import { allDumpJsonFixtures, allDumpTextFixtures } from './pyspyTestUtil';
import { parseInByteChunks, parseInChunks, parseOnce } from './streamTestUtil';

const PARSERS = [
  ['text', () => new PyDumpTextParser(), allDumpTextFixtures()],
  ['json', () => new PyDumpJsonParser(), allDumpJsonFixtures()],
] as const;

describe.each(PARSERS)(
  '%s parser: chunked parsing equals one-shot parsing',
  (_kind, make, fixtures) => {
    describe.each(fixtures)('%s', (_name, text) => {
      const once = parseOnce(make, text);

      it('one-shot has no internal errors', () => {
        expect(once.internalErrors).toBe(0);
      });

      it.each([1, 7, 100])('in %i-character chunks', (size) => {
        expect(parseInChunks(make, text, size)).toEqual(once);
      });

      it.each([1, 7, 100])('in %i-byte UTF-8 chunks', (size) => {
        expect(parseInByteChunks(make, text, size)).toEqual(once);
      });

      it('with CRLF line endings (PTY), in 3-character chunks', () => {
        const crlf = text.replace(/\r?\n/g, '\r\n');
        expect(parseInChunks(make, crlf, 3)).toEqual(parseOnce(make, crlf));
        if (_kind === 'text') expect(parseOnce(make, crlf)).toEqual(once);
      });
    });
  },
);
