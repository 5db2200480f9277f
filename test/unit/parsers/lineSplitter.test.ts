/**
 * The line splitter every line-oriented parser reads through: line ends, PTY cleaning (colours,
 * `\r\n`, lone `\r` overwrites, backspaces), the overlong-line cap, and that any chunking of the
 * same text gives the same lines.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  LineSplitter,
  MAX_LINE,
  cleanLine,
  needsCleaning,
} from '../../../shared/parsers/lineSplitter';
import { TERMINAL_NOISE, piecesAt, piecesOf, tokenSoup, utf8Pieces, withCuts } from './randomInput';

interface Split {
  lines: string[];
  overlong: number;
}

function split(pieces: readonly string[], maxLine?: number): Split {
  const lines: string[] = [];
  let overlong = 0;
  const s = new LineSplitter(
    (l) => lines.push(l),
    () => overlong++,
    maxLine,
  );
  for (const p of pieces) s.push(p);
  s.end();
  expect(s.overlongLines).toBe(overlong);
  expect(s.bufferedChars).toBe(0);
  return { lines, overlong };
}

const lines = (text: string, maxLine?: number): string[] => split([text], maxLine).lines;

/** What the splitter must do, written the obvious way on the whole text. */
function reference(text: string, maxLine: number): Split {
  const raw = text.split('\n');
  if (raw[raw.length - 1] === '') raw.pop();
  const out: Split = { lines: [], overlong: 0 };
  for (const r of raw) {
    if (r.length > maxLine) out.overlong++;
    else out.lines.push(cleanLine(r.replace(/\r+$/, '')));
  }
  return out;
}

// eslint-disable-next-line no-control-regex
const CONTROL = /[\x00-\x1f\x7f-\x9f]/;

describe('LineSplitter: line ends', () => {
  it('empty input gives no lines', () => {
    expect(split([])).toEqual({ lines: [], overlong: 0 });
    expect(split(['', '', ''])).toEqual({ lines: [], overlong: 0 });
  });

  it('a final line without a newline is flushed by end(), once', () => {
    const got: string[] = [];
    const s = new LineSplitter(
      (l) => got.push(l),
      () => undefined,
    );
    s.push('a\nb');
    expect(got).toEqual(['a']);
    s.end();
    s.end();
    expect(got).toEqual(['a', 'b']);
    s.push('c\n');
    expect(got).toEqual(['a', 'b', 'c']);
  });

  it('blank lines are lines', () => {
    expect(lines('\n\na\n\n')).toEqual(['', '', 'a', '']);
    expect(lines('\r\n')).toEqual(['']);
  });

  it('\\r\\n (a PTY) ends a line, also when a chunk boundary falls between \\r and \\n', () => {
    expect(split(['a\r', '\nb\r', '\r\n', 'c\r'])).toEqual({ lines: ['a', 'b', 'c'], overlong: 0 });
  });

  it('a chunk boundary inside an ANSI sequence', () => {
    expect(split(['\x1b[3', '1mred\x1b', '[0', 'm plain\x1b]0;ti', 'tle\x07\n'])).toEqual({
      lines: ['red plain'],
      overlong: 0,
    });
  });

  it('a surrogate pair or a UTF-8 sequence cut between chunks', () => {
    expect(split(['x\ud83d', '\ude00y\n']).lines).toEqual(['x😀y']);
    expect(split(utf8Pieces('é😀\n', 1)).lines).toEqual(['é😀']);
  });
});

describe('LineSplitter: PTY cleaning', () => {
  it('strips CSI, OSC, charset escapes and control characters', () => {
    expect(cleanLine('\x1b[1;31mPID\x1b[0m USER')).toBe('PID USER');
    expect(cleanLine('\x1b]0;root@host: ~\x07top - 1')).toBe('top - 1');
    expect(cleanLine('\x1b]8;;http://x\x1b\\link\x1b]8;;\x1b\\')).toBe('link');
    expect(cleanLine('\x1b(B\x1b[m  1 root\x1b[K')).toBe('  1 root');
    expect(cleanLine('a\x00b\x07c\tdef')).toBe('abc def');
    expect(cleanLine('\x9b2Jx')).toBe('x');
    expect(cleanLine('plain line')).toBe('plain line');
  });

  it('a lone \\r overwrites: progress output keeps its last state', () => {
    expect(lines('Downloading 10%\rDownloading 20%\rDone           \n')).toEqual([
      'Done           ',
    ]);
    expect(lines('progress\r\x1b[2Kstrace: Process 7 attached\r\n')).toEqual([
      'strace: Process 7 attached',
    ]);
    // zsh's PROMPT_SP then the prompt.
    expect(lines(`%${' '.repeat(20)}\r \rroot@host:~# top -b\r\n`)).toEqual([
      'root@host:~# top -b',
    ]);
  });

  it('what follows a \\r only overwrites when it shows something', () => {
    expect(lines('data\r\x1b[0m\n')).toEqual(['data']);
    expect(lines('data\r   \n')).toEqual(['data']);
    expect(lines(' \r \n')).toEqual([' ']);
  });

  it('a backspace moves back one character; the next one overwrites it', () => {
    expect(cleanLine('stracx\b \be')).toBe('strace'); // a shell echoing an erase
    expect(cleanLine('N\bNa\bam\bme\be')).toBe('Name'); // overstrike bold
    expect(cleanLine('_\bX')).toBe('X');
    expect(cleanLine('ls a-l\b\b')).toBe('ls a-l'); // cursor moved, nothing overwritten
    expect(cleanLine('\b\bab')).toBe('ab');
    expect(cleanLine('😀\bx')).toBe('x');
  });

  it('keeps U+FFFD (bytes the decoder could not read) as text', () => {
    expect(lines('caf\ufffd \x1b[1m\ufffd\ufffd\n')).toEqual(['caf\ufffd \ufffd\ufffd']);
  });

  it('cleanLine is idempotent', () => {
    fc.assert(
      fc.property(tokenSoup([...TERMINAL_NOISE, 'ab', ' ']), (t) => {
        const once = cleanLine(t);
        expect(cleanLine(once)).toBe(once);
        expect(CONTROL.test(once)).toBe(false);
      }),
      { numRuns: 300 },
    );
  });
});

describe('LineSplitter: overlong lines', () => {
  it('keeps a line of exactly maxLine characters, drops and counts a longer one', () => {
    expect(split(['abcd\nabcde\nok'], 4)).toEqual({ lines: ['abcd', 'ok'], overlong: 1 });
    expect(split(piecesOf('abcd\nabcde\nok', 1), 4)).toEqual({
      lines: ['abcd', 'ok'],
      overlong: 1,
    });
    expect(split(['abcdefgh'], 4)).toEqual({ lines: [], overlong: 1 });
  });

  it('a multi-megabyte line is counted once and never buffered', () => {
    const got: string[] = [];
    let overlong = 0;
    const s = new LineSplitter(
      (l) => got.push(l),
      () => overlong++,
    );
    const chunk = 'x'.repeat(64 * 1024 - 7);
    s.push('before\n');
    for (let i = 0; i < 64; i++) {
      s.push(chunk);
      expect(s.bufferedChars).toBeLessThanOrEqual(MAX_LINE);
    }
    s.push(`${chunk}\r\nafter\n`);
    s.push('y'.repeat(3 * MAX_LINE));
    expect(s.bufferedChars).toBe(0);
    s.end();
    expect(got).toEqual(['before', 'after']);
    expect(overlong).toBe(2);
    expect(s.overlongLines).toBe(2);
  });
});

describe('LineSplitter properties', () => {
  const text = tokenSoup(
    [...TERMINAL_NOISE, 'a', 'bc', ' ', 'x'.repeat(9), '😀', '\x9b1m', '\r\r\n'],
    40,
    6,
  );

  it('any chunking gives the lines and counts of the reference split', () => {
    fc.assert(
      fc.property(withCuts(text), fc.integer({ min: 1, max: 16 }), ([t, cuts], maxLine) => {
        const want = reference(t, maxLine);
        expect(split([t], maxLine)).toEqual(want);
        expect(split(piecesAt(t, cuts), maxLine)).toEqual(want);
        expect(split(piecesOf(t, 1), maxLine)).toEqual(want);
      }),
      { numRuns: 500 },
    );
  });

  it('lines carry no control characters, on random strings in random chunks', () => {
    fc.assert(
      fc.property(withCuts(fc.string({ unit: 'binary', maxLength: 300 })), ([t, cuts]) => {
        const got = split(piecesAt(t, cuts));
        expect(got).toEqual(split([t]));
        for (const l of got.lines) expect(CONTROL.test(l)).toBe(false);
      }),
      { numRuns: 300 },
    );
  });
});

describe('LineSplitter: the unfinished line', () => {
  const splitter = (maxLine?: number) =>
    new LineSplitter(
      () => undefined,
      () => undefined,
      maxLine,
    );

  it('pendingLine is what end() would emit now, cleaned, and reading it changes nothing', () => {
    const s = splitter();
    expect(s.pendingLine).toBe('');
    s.push('done\n\x1b[1m12 ro');
    expect(s.pendingLine).toBe('12 ro');
    s.push('w\x1b[0m');
    expect(s.pendingLine).toBe('12 row');
    expect(s.bufferedChars).toBe('\x1b[1m12 row\x1b[0m'.length);
    s.push('\n');
    expect(s.pendingLine).toBe('');
  });

  it('a line being dropped for length has no pending text', () => {
    const s = splitter(4);
    s.push('abcdefgh');
    expect(s.pendingLine).toBe('');
    s.push('\nab');
    expect(s.pendingLine).toBe('ab');
  });

  it('matches the last line end() flushes, on random text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (t) => {
        const got: string[] = [];
        const s = new LineSplitter(
          (l) => got.push(l),
          () => undefined,
        );
        s.push(t);
        const pending = s.pendingLine;
        const before = got.length;
        s.end();
        const flushed = got.length > before ? got[got.length - 1] : '';
        // end() emits a partial that cleans to '' too (a line of escapes): both say nothing shows.
        expect(pending).toBe(flushed);
      }),
      { numRuns: 300 },
    );
  });
});

describe('needsCleaning', () => {
  it('is true exactly for the characters cleanLine would change in a line', () => {
    for (let c = 0; c <= 0xffff; c++) {
      const line = `a${String.fromCharCode(c)}b`;
      expect(needsCleaning(c), `U+${c.toString(16)}`).toBe(cleanLine(line) !== line);
    }
  });
});
