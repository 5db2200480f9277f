import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Scrollback, type ReplayPiece } from '../../../electron/node/terminals/scrollback';

const text = (pieces: Buffer[]) => Buffer.concat(pieces).toString('latin1');

describe('Scrollback', () => {
  it('replays everything while it fits, in pieces of the size asked', () => {
    const kept = new Scrollback(100);
    kept.push(Buffer.from('abc\n'));
    kept.push(Buffer.from('def'));
    expect(kept.droppedBytes).toBe(0);
    const pieces = kept.replay(3);
    expect(pieces.map((p) => p.length)).toEqual([3, 3, 1]);
    expect(text(pieces)).toBe('abc\ndef');
  });

  it('keeps the last bytes and starts the replay after the first line end kept', () => {
    const kept = new Scrollback(10);
    kept.push(Buffer.from('line-1\nline-2\nli'));
    kept.push(Buffer.from('ne-3\n'));
    expect(kept.droppedBytes).toBe(21 - 10);
    // Kept: "2\nline-3\n" — the cut line "2" is not shown.
    expect(text(kept.replay(64))).toBe('line-3\n');
  });

  it('keeps the right suffix across many dropped chunks (the oldest dropped in place, then compacted)', () => {
    const kept = new Scrollback(5_000);
    const all: string[] = [];
    for (let i = 0; i < 20_000; i++) {
      const line = `${String(i).padStart(9, '0')}\n`;
      all.push(line);
      kept.push(Buffer.from(line));
    }
    expect(kept.droppedBytes).toBe(200_000 - 5_000);
    // 5 000 bytes kept = the last 500 lines exactly: the first kept byte starts a line, which
    // the replay then skips (it cannot know that no line was cut).
    expect(text(kept.replay(4096))).toBe(all.slice(-499).join(''));
  });

  it('replays nothing when what is kept holds no line end at all', () => {
    const kept = new Scrollback(4);
    kept.push(Buffer.from('abcdefgh'));
    expect(text(kept.replay(64))).toBe('');
  });

  it('never holds more than its capacity and always replays a suffix of the output', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 64 }),
        fc.array(fc.uint8Array({ maxLength: 40 })),
        (capacity, chunks) => {
          const kept = new Scrollback(capacity);
          for (const chunk of chunks) kept.push(Buffer.from(chunk));
          const all = Buffer.concat(chunks.map((c) => Buffer.from(c)));
          const replayed = Buffer.concat(kept.replay(7));
          expect(replayed.length).toBeLessThanOrEqual(capacity);
          expect(all.subarray(all.length - replayed.length).equals(replayed)).toBe(true);
          expect(kept.droppedBytes).toBe(Math.max(0, all.length - capacity));
        },
      ),
    );
  });

  it('keeps exactly the last bytes across its 64 KiB blocks, whatever the chunk sizes', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 300_000 }),
        fc.array(fc.integer({ min: 0, max: 200_000 }), { maxLength: 12 }),
        (capacity, sizes) => {
          const kept = new Scrollback(capacity);
          let next = 0;
          const chunks = sizes.map((size) => {
            const chunk = Buffer.alloc(size);
            for (let i = 0; i < size; i++) chunk[i] = 0x0a + ((next++ * 7) % 200); // 0x0a: line ends
            return chunk;
          });
          for (const chunk of chunks) kept.push(chunk);
          const all = Buffer.concat(chunks);
          const held = all.subarray(Math.max(0, all.length - capacity));
          const lineEnd = held.indexOf(0x0a);
          const expected =
            all.length <= capacity
              ? held
              : lineEnd < 0
                ? Buffer.alloc(0)
                : held.subarray(lineEnd + 1);
          expect(Buffer.concat(kept.replay(65_536)).equals(expected)).toBe(true);
          expect(kept.droppedBytes).toBe(all.length - held.length);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('replays the notes at their place in the output, and drops them with the bytes they sat among', () => {
    const kept = new Scrollback(12);
    const shown = (pieces: ReplayPiece[]) =>
      pieces.map((p) => ('note' in p ? `[${p.note}]` : p.bytes.toString('latin1'))).join('');
    kept.note('opened');
    kept.push(Buffer.from('one\n'));
    kept.note('lost');
    kept.note('back');
    kept.push(Buffer.from('two\n'));
    expect(shown(kept.replayWithNotes(3))).toBe('[opened]one\n[lost][back]two\n');
    kept.push(Buffer.from('three\nfour\n'));
    // Kept: "\nthree\nfour\n" (12 bytes): the notes went with the bytes around them.
    expect(shown(kept.replayWithNotes(64))).toBe('three\nfour\n');
    kept.note('end');
    expect(shown(kept.replayWithNotes(64))).toBe('three\nfour\n[end]');
  });

  it('keeps at most 256 notes, the last ones', () => {
    const kept = new Scrollback(1024);
    for (let i = 0; i < 300; i++) kept.note(`n${i}`);
    const notes = kept.replayWithNotes(64).flatMap((p) => ('note' in p ? [p.note] : []));
    expect(notes).toHaveLength(256);
    expect(notes[0]).toBe('n44');
    expect(notes.at(-1)).toBe('n299');
  });
});
