import { randomBytes } from 'node:crypto';
import { ARCHIVE_LIMITS } from './archive';

/** Bytes per piece of an archive on the wire (base64 makes it 4/3 of that): under 2 MiB messages. */
export const ARCHIVE_PIECE_BYTES = 1024 * 1024;
/** An archive nobody reads to the end is let go after this long. */
const KEPT_MS = 10 * 60_000;

interface Outgoing {
  bytes: Uint8Array;
  timer: ReturnType<typeof setTimeout>;
}

interface Incoming {
  pieces: Buffer[];
  bytes: number;
  timer: ReturnType<typeof setTimeout>;
}

/**
 * Archives crossing the renderer's socket in pieces: made ones read out by offset, imported ones
 * gathered until their last piece. Each is dropped when done or after ten quiet minutes.
 */
export class ArchiveTransfers {
  private readonly outgoing = new Map<string, Outgoing>();
  private readonly incoming = new Map<string, Incoming>();

  offer(bytes: Uint8Array): { archiveId: string; bytes: number } {
    const archiveId = `x_${randomBytes(8).toString('hex')}`;
    const timer = setTimeout(() => this.outgoing.delete(archiveId), KEPT_MS);
    timer.unref();
    this.outgoing.set(archiveId, { bytes, timer });
    return { archiveId, bytes: bytes.length };
  }

  piece(archiveId: string, offset: number): { data: string; next: number; bytes: number } {
    const archive = this.outgoing.get(archiveId);
    if (!archive) throw new Error('That archive is no longer here: export it again.');
    const end = Math.min(archive.bytes.length, offset + ARCHIVE_PIECE_BYTES);
    const data = Buffer.from(archive.bytes.subarray(offset, end)).toString('base64');
    if (end >= archive.bytes.length) {
      clearTimeout(archive.timer);
      this.outgoing.delete(archiveId);
    }
    return { data, next: end, bytes: archive.bytes.length };
  }

  /** Adds a piece of an import; the whole archive once `done`, else null. */
  receive(importId: string, data: string, done: boolean): Uint8Array | null {
    const known = this.incoming.get(importId);
    const upload = known ?? { pieces: [], bytes: 0, timer: setTimeout(() => undefined, 0) };
    clearTimeout(upload.timer);
    const piece = Buffer.from(data, 'base64');
    upload.pieces.push(piece);
    upload.bytes += piece.length;
    if (upload.bytes > ARCHIVE_LIMITS.bytes) {
      this.incoming.delete(importId);
      throw new Error('The archive is too big to import.');
    }
    if (done) {
      this.incoming.delete(importId);
      return new Uint8Array(Buffer.concat(upload.pieces));
    }
    upload.timer = setTimeout(() => this.incoming.delete(importId), KEPT_MS);
    upload.timer.unref();
    this.incoming.set(importId, upload);
    return null;
  }
}
