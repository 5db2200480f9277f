/**
 * Collapsed stacks read from bytes (the WebAssembly scanner, with the text parser behind it) give
 * exactly what pushing the decoded text gives: frames, stacks, their order, weights, counts of
 * lines not understood or too long. Any bytes (noise, control characters, CRs, a byte-order mark,
 * bad UTF-8, multi-byte characters, long lines), any chunking, with and without a scanner, and
 * when the scanner fails part-way. The committed module is checked to be the build of its source.
 */
import { execFileSync } from 'node:child_process';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CollapsedStackParser } from '../../../../shared/parsers/collapsed';
import type { ByteReading, ScanMachine } from '../../../../shared/parsers/collapsed/collapsedBytes';
import {
  collapsedByteReading,
  newScanMachine,
} from '../../../../renderer/workers/collapsedScanner';
import { generateCollapsedFile } from '../../../bench/stackParsersBench';
import { allCollapsedFixtures } from './collapsedTestUtil';

const decoder = () => new TextDecoder('utf-8', { ignoreBOM: true });
const encode = (t: string): Uint8Array => new TextEncoder().encode(t);

function resultOf(p: CollapsedStackParser) {
  return {
    samples: p.snapshot(),
    unparsedLines: p.unparsedLines,
    overlongLines: p.overlongLines,
    internalErrors: p.internalErrors,
  };
}

/** The reference: the bytes decoded as the worker decodes a file, pushed as text. */
function fromText(bytes: Uint8Array) {
  const p = new CollapsedStackParser();
  p.push(new TextDecoder('utf-8').decode(bytes));
  p.end();
  return resultOf(p);
}

/** Scanner statistics of one parse (calls wrapped, results unchanged). */
interface Seen {
  scans: number;
  handedBack: number;
}

function counted(seen: Seen, failScanAt = -1, failRegister = false): ByteReading {
  return {
    decoder,
    machine: (): ScanMachine | null => {
      const m = newScanMachine();
      if (!m) return null;
      const { scan, register } = m;
      return {
        ...m,
        scan: (length, mode, maxLine) => {
          if (++seen.scans === failScanAt) throw new Error('scanner failed');
          const status = scan(length, mode, maxLine);
          if (status === 1) seen.handedBack++;
          return status;
        },
        register: (start, end, id) => {
          if (failRegister) throw new Error('out of memory');
          register(start, end, id);
        },
      };
    },
  };
}

function fromBytes(bytes: Uint8Array, cuts: number[], reading: ByteReading) {
  const p = new CollapsedStackParser();
  let at = 0;
  for (const cut of [...cuts].sort((a, b) => a - b)) {
    p.pushBytes(bytes.subarray(at, Math.max(at, cut)), reading);
    at = Math.max(at, cut);
  }
  p.pushBytes(bytes.subarray(at), reading);
  p.end();
  return resultOf(p);
}

const FRAMES = ['a', 'b (x.py:1)', 'b (x.py:2)', 'thread (1): w 3', 'spin (odd 💩.py:9)', 'é;ü', '', 'process 5:"gunicorn"', 'f2', '12']; // prettier-ignore
const LINE_ENDS = [' 1', ' 7', ' 0.5', ' 3 4', '', ' x', '  2 ', ' 1\r', ' 2 2', ' 1234567890123456', ' 12\r\r', ' 5\x1b[0m', '3', ' .5', ' 1.', ' -1', ' 1e3', ' 007', ' 3  4']; // prettier-ignore
const LEADS = ['', '', '', '', '#', '# x\r', 'py-spy> ', '\x1b[1m', ' \t', '\x85', 'x'.repeat(70), '\uFEFF']; // prettier-ignore
/** Bytes no encoder makes: bad UTF-8, a C1 control, a lone CR. */
const RAW = [[0xff], [0xe2, 0x82], [0xc2, 0x85], [0xc2, 0xa0], [0x0d], [0xef, 0xbb, 0xbf]];

const lineBytes = fc
  .tuple(
    fc.constantFrom(...LEADS),
    fc.array(fc.constantFrom(...FRAMES), { maxLength: 6 }),
    fc.constantFrom(...LINE_ENDS),
    fc.option(fc.tuple(fc.constantFrom(...RAW), fc.nat()), { freq: 6 }),
  )
  .map(([lead, frames, end, raw]) => {
    const bytes = [...encode(lead + frames.join(';') + end)];
    if (raw) bytes.splice(raw[1] % (bytes.length + 1), 0, ...raw[0]);
    return bytes;
  });

/** Collapsed-like files: noise, plain and differential lines, a mark or bad bytes at the start. */
const files = fc
  .tuple(
    fc.constantFrom([], [0xef, 0xbb, 0xbf], [0xef, 0xbb], [0xff]),
    fc.array(lineBytes, { maxLength: 50 }),
    fc.boolean(),
  )
  .map(([head, lines, lastNewline]) => {
    const body = lines.flatMap((l, i) => (i < lines.length - 1 || lastNewline ? [...l, 10] : l));
    return Uint8Array.from([...head, ...body]);
  });

describe('collapsed stacks from bytes', () => {
  it('equal the decoded text pushed, any bytes, any chunking, with or without a scanner', () => {
    fc.assert(
      fc.property(
        files.chain((bytes) =>
          fc.tuple(
            fc.constant(bytes),
            fc.array(fc.integer({ min: 0, max: bytes.length }), { maxLength: 6 }),
          ),
        ),
        ([bytes, cuts]) => {
          const expected = fromText(bytes);
          expect(fromBytes(bytes, cuts, collapsedByteReading())).toEqual(expected);
          const noScanner: ByteReading = { decoder, machine: () => null };
          expect(fromBytes(bytes, cuts, noScanner)).toEqual(expected);
        },
      ),
      { numRuns: 600 },
    );
  });

  it('tricky lines after their frames are known, plain and differential', () => {
    const tricky = ['a;f23', 'a;f2 .5', 'a;f2 1.', 'a;f2 -1', 'a;f2 1e3', 'a;f2 0x1', 'a;f2  3  ', 'a;f2 1234567890123456', 'a;;f2 1', ';a 1', 'a; 1', ' a;f2 1', 'a;f2\t1', 'a;f2 1\r', 'a;f2\r 1', 'a;f2 1 ', '1', ' 2', 'a;f2 007', 'a 1;f2 3', '#a;f2 1', 'py-spy> a 1']; // prettier-ignore
    for (const warm of ['a;f2 1\n', 'a;f2 1 1\n']) {
      for (const line of tricky) {
        for (const diffTail of ['', ' 4']) {
          const bytes = encode(`${warm}${warm}${line}${diffTail}\n${warm}`);
          expect(fromBytes(bytes, [], collapsedByteReading()), line).toEqual(fromText(bytes));
        }
      }
    }
  });

  it('real recordings and a generated file: the scanner reads almost every line', () => {
    const sources: [string, string][] = [
      ...allCollapsedFixtures(),
      ['generated', generateCollapsedFile(20_000, 5)],
      ['differential', 'a;b 1 2\nthread (1): worker 3;c 4 5\na;b 6 7\n'.repeat(400)],
    ];
    for (const [name, text] of sources) {
      const bytes = encode(text);
      const seen = { scans: 0, handedBack: 0 };
      const got = fromBytes(bytes, [1000, 70_000], counted(seen));
      expect(got, name).toEqual(fromText(bytes));
      expect(got.internalErrors, name).toBe(0);
      if (name === 'generated') {
        // A line goes back to the text parser only when it brings a frame not seen before.
        const seenFrames = new Set<string>();
        let bringing = 0;
        for (const line of text.split('\n').filter((l) => l !== '')) {
          const frames = line.slice(0, line.lastIndexOf(' ')).split(';');
          if (frames.some((f) => !seenFrames.has(f))) bringing++;
          for (const f of frames) seenFrames.add(f);
        }
        expect(seen.handedBack).toBe(bringing);
        expect(bringing).toBeLessThan(1500);
        expect(got.samples.stacks.length).toBe(20_000);
      }
      if (name === 'differential') {
        // The first line decides the mode (its frames are tied to bytes when next seen), the
        // second and third bring frames: then every line is the scanner's.
        expect(seen.handedBack).toBe(3);
        expect(got.samples.stacks.map((s) => [s.weight, s.weightB])).toEqual([
          [2800, 3600],
          [1600, 2000],
        ]);
      }
    }
  });

  it('long lines: over the parser cap, and longer than the scanner window, in small chunks', () => {
    const long = 'f;'.repeat(40_000) + 'g 3\n'; // 80 KB: over 64 KiB
    const huge = 'h;'.repeat(1_300_000) + 'i 4\n'; // 2.6 MB: longer than the scanner window
    const text = `a;b 1\n${long}a;b 2\n${huge}c 5\n${'é'.repeat(40_000)} 6\n`;
    const bytes = encode(text);
    const expected = fromText(bytes);
    expect(expected.overlongLines).toBe(2);
    const cuts = Array.from({ length: 60 }, (_, k) => Math.floor((bytes.length * k) / 60));
    expect(fromBytes(bytes, cuts, collapsedByteReading())).toEqual(expected);
    expect(fromBytes(bytes, [], collapsedByteReading())).toEqual(expected);
  });

  it('a scanner that fails part-way, or cannot register frames, loses nothing', () => {
    const bytes = encode(generateCollapsedFile(3000, 9));
    const expected = fromText(bytes);
    const cuts = [5000, 90_000, 200_000];
    for (const failAt of [1, 2, 5, 40]) {
      const seen = { scans: 0, handedBack: 0 };
      expect(fromBytes(bytes, cuts, counted(seen, failAt)), `fail at ${failAt}`).toEqual(expected);
    }
    expect(fromBytes(bytes, cuts, counted({ scans: 0, handedBack: 0 }, -1, true))).toEqual(
      expected,
    );
  });

  it('the committed module is the build of its AssemblyScript source', () => {
    // Exits 1 naming the module when it differs (run `npm run build:wasm` after editing).
    expect(() =>
      execFileSync(process.execPath, ['scripts/buildWasm.mjs', '--check'], { stdio: 'pipe' }),
    ).not.toThrow();
  }, 60_000);
});
