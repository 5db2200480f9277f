import { createHash } from 'node:crypto';
import { open } from 'node:fs/promises';

export interface EvidencePiece {
  /** Byte offset of the piece in the file, and its length in bytes. */
  start: number;
  length: number;
  text: string;
}

/** A piece with no newline in it is cut once it holds this many times the piece size. */
const LONGEST_LINE_PIECES = 2;

/** The end of a piece cut inside a line: never inside a UTF-8 sequence. */
function utf8Boundary(data: Buffer, at: number): number {
  let cut = at;
  while (cut > 0 && ((data[cut] ?? 0) & 0xc0) === 0x80) cut--;
  return cut > 0 ? cut : at;
}

/**
 * Reads a file in pieces of about `pieceBytes`, each ending at a line end (or cut inside a line
 * too long for one piece), and hands each to `take`, which says whether to go on. Resolves to the
 * `sha256-…` name of the bytes read when the whole file was read, else null.
 */
export async function readEvidencePieces(
  path: string,
  pieceBytes: number,
  take: (piece: EvidencePiece) => Promise<boolean>,
): Promise<string | null> {
  const handle = await open(path, 'r');
  const hash = createHash('sha256');
  const block = Buffer.allocUnsafe(pieceBytes);
  let carry = Buffer.alloc(0);
  let start = 0;
  try {
    for (;;) {
      const { bytesRead } = await handle.read(block, 0, pieceBytes, null);
      const atEnd = bytesRead === 0;
      hash.update(block.subarray(0, bytesRead));
      // concat copies: `block` is reused by the next read.
      const data = atEnd ? carry : Buffer.concat([carry, block.subarray(0, bytesRead)]);
      if (data.length === 0) break;
      let cut = atEnd ? data.length : data.lastIndexOf(10) + 1;
      if (cut === 0) {
        if (data.length < pieceBytes * LONGEST_LINE_PIECES) {
          carry = data;
          continue;
        }
        cut = utf8Boundary(data, pieceBytes);
      }
      const goOn = await take({ start, length: cut, text: data.toString('utf8', 0, cut) });
      if (!goOn) return null;
      start += cut;
      carry = data.subarray(cut);
      if (atEnd && carry.length === 0) break;
    }
  } finally {
    await handle.close();
  }
  return `sha256-${hash.digest('hex')}`;
}
