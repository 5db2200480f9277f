/**
 * Chunking invariance: the stream parser gives exactly the snapshot of a one-shot parse however the
 * text is cut (characters, or UTF-8 bytes decoded in streaming mode as from an SSH channel), and
 * with a PTY's `\r\n` line ends.
 */
import { describe, expect, it } from 'vitest';
import { parseStraceText } from '../../../../shared/parsers/strace';
import { allStraceFixtures, expectWellFormed, parseBytes, parseInChunks } from './straceTestUtil';

const FIXTURES = allStraceFixtures();
/** Generous: the dev machine and CI are shared 2-core boxes. */
const SLOW = 60_000;

describe('chunked parsing equals one-shot parsing', () => {
  it('covers all fixtures (2 shared + the recordings)', () => {
    expect(FIXTURES.length).toBeGreaterThanOrEqual(40);
  });

  describe.each(FIXTURES)('%s', (_name, text) => {
    const once = parseStraceText(text);

    it.each([1, 7, 100])(
      'in %i-character chunks',
      (size) => {
        const p = parseInChunks(text, size);
        expectWellFormed(p);
        expect(p.model).toEqual(once);
      },
      SLOW,
    );

    it.each([1, 7, 100])(
      'in %i-byte UTF-8 chunks',
      (size) => {
        expect(parseBytes(text, size).model).toEqual(once);
      },
      SLOW,
    );

    it(
      'with CRLF line endings (PTY) in 7-character chunks',
      () => {
        const crlf = text.replace(/\r?\n/g, '\r\n');
        expect(parseStraceText(crlf)).toEqual(once);
        expect(parseInChunks(crlf, 7).model).toEqual(once);
      },
      SLOW,
    );
  });
});
