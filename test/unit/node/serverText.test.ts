import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { serverLines, serverText } from '../../../shared/util/serverText';

describe('server prompt text', () => {
  it('shows control characters, drops bidi overrides, and clips', () => {
    expect(serverText('Password: ', 200)).toBe('Password: ');
    expect(serverText('\x1b[2J\x1b]0;pwned\x07Code:', 200)).toBe('^[[2J^[]0;pwned^GCode:');
    expect(serverText('abc\u202edcba', 200)).toBe('abcdcba');
    expect(serverText('x'.repeat(500), 10)).toBe(`${'x'.repeat(10)}…`);
  });

  it('keeps lines of instructions apart, each made safe, at most maxLines', () => {
    expect(serverLines('Welcome\r\n\nUse your \x1b[1mtoken\n', 100)).toBe(
      'Welcome\nUse your ^[[1mtoken',
    );
    expect(serverLines(Array.from({ length: 20 }, (_, i) => `l${i}`).join('\n'), 10, 3)).toBe(
      'l0\nl1\nl2\n…',
    );
  });

  it('never returns a control character or more than the bound, whatever the input', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary', maxLength: 2000 }),
        fc.integer({ min: 1, max: 300 }),
        (raw, max) => {
          const shown = serverText(raw, max);
          const shownCodes = [...shown].map((c) => c.codePointAt(0) ?? 0);
          const unsafe = (code: number) =>
            code < 0x20 ||
            (code >= 0x7f && code < 0xa0) ||
            (code >= 0x202a && code <= 0x202e) ||
            (code >= 0x2066 && code <= 0x2069);
          expect(shownCodes.filter(unsafe)).toEqual([]);
          expect(shown.length).toBeLessThanOrEqual(max + 1);
        },
      ),
    );
  });
});
