import { execFileSync } from 'node:child_process';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { shellCommand, shellQuote } from '../../../shared/util/shellQuote';

describe('shellQuote', () => {
  it('leaves plain words alone and quotes everything else', () => {
    expect(shellQuote('top')).toBe('top');
    expect(shellQuote('/proc/42')).toBe('/proc/42');
    expect(shellQuote('a b')).toBe(`'a b'`);
    expect(shellQuote(`it's`)).toBe(`'it'\\''s'`);
    expect(shellCommand(['top', '-p', 42])).toBe('top -p 42');
  });

  it('round-trips any string through a real sh unchanged', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme', maxLength: 40 }).filter((s) => !s.includes('\0')),
        (value) => {
          const out = execFileSync('/bin/sh', ['-c', `printf %s ${shellQuote(value)}`]).toString();
          expect(out).toBe(value);
        },
      ),
      { numRuns: 150 },
    );
  });
});
