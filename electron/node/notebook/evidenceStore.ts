import { createHash, type Hash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, rename, rm, stat, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { EVIDENCE_MAX_BYTES, EVIDENCE_PIECE_BYTES } from '../../../shared/contract/index';

interface Upload {
  investigationId: string;
  temp: string;
  handle: FileHandle;
  hash: Hash;
  bytes: number;
}

/**
 * Big text (a snapshot's raw output) kept once per investigation under its SHA-256, in
 * `evidence/sha256-<hex>`: the name is the checksum, checked again when it is read. It arrives in
 * pieces; the last one names it.
 */
export class EvidenceStore {
  private readonly uploads = new Map<string, Upload>();
  /** Checksum verdicts by file, size and modification time: a file changed is hashed again. */
  private readonly checks = new Map<string, Promise<boolean>>();

  async append(
    folder: string,
    investigationId: string,
    uploadId: string,
    piece: string,
    done: boolean,
  ): Promise<{ ref: string | null; bytes: number }> {
    let upload = this.uploads.get(uploadId);
    if (upload && upload.investigationId !== investigationId)
      throw new Error('That upload belongs to another investigation.');
    if (!upload) {
      const dir = join(folder, 'evidence');
      await mkdir(dir, { recursive: true, mode: 0o700 });
      const temp = join(dir, `.upload-${uploadId}`);
      upload = {
        investigationId,
        temp,
        handle: await open(temp, 'w', 0o600),
        hash: createHash('sha256'),
        bytes: 0,
      };
      this.uploads.set(uploadId, upload);
    }
    const data = Buffer.from(piece, 'utf8');
    if (upload.bytes + data.length > EVIDENCE_MAX_BYTES) {
      await this.abandon(uploadId);
      throw new Error(`Evidence over ${EVIDENCE_MAX_BYTES / 1024 / 1024} MiB is not kept.`);
    }
    try {
      await upload.handle.write(data);
    } catch (error) {
      await this.abandon(uploadId);
      throw error;
    }
    upload.hash.update(data);
    upload.bytes += data.length;
    if (!done) return { ref: null, bytes: upload.bytes };
    this.uploads.delete(uploadId);
    const ref = `sha256-${upload.hash.digest('hex')}`;
    try {
      await upload.handle.sync();
      await upload.handle.close();
      const target = join(folder, 'evidence', ref);
      if (await stat(target).catch(() => null)) await rm(upload.temp, { force: true });
      else await rename(upload.temp, target);
    } catch (error) {
      await rm(upload.temp, { force: true });
      throw error;
    }
    return { ref, bytes: upload.bytes };
  }

  /**
   * A piece of evidence from byte `offset`, cut after its last newline (or, in a piece with none,
   * before a character split in two). The content is checked against its name, once per version
   * of the file: a big file's first pieces go out while it is hashed (a player draws the start of
   * a 100 MB recording at once), and its last piece, or any once the check failed, is refused.
   */
  async readPiece(
    folder: string,
    ref: string,
    offset: number,
  ): Promise<{ text: string; next: number; bytes: number }> {
    const path = join(folder, 'evidence', ref);
    const handle = await open(path, 'r');
    try {
      const info = await handle.stat();
      const bytes = info.size;
      const check = this.checked(path, ref, `${bytes}:${info.mtimeMs}`);
      const buffer = Buffer.alloc(Math.max(0, Math.min(EVIDENCE_PIECE_BYTES, bytes - offset)));
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, offset);
      const last = offset + bytesRead >= bytes;
      // The first pieces of a big file go out while it is hashed; its last waits for the verdict.
      if (last || (await Promise.race([check, Promise.resolve('pending')])) !== 'pending')
        await check.then((ok) => {
          if (!ok) throw new Error(`Evidence ${ref} is damaged: its content no longer matches.`);
        });
      const end = last ? bytesRead : pieceEnd(buffer.subarray(0, bytesRead));
      return { text: buffer.subarray(0, end).toString('utf8'), next: offset + end, bytes };
    } finally {
      await handle.close();
    }
  }

  /** Whether a file still has the checksum it is named by: hashed once per size and time. */
  private checked(path: string, ref: string, version: string): Promise<boolean> {
    const key = `${path}\0${version}`;
    let check = this.checks.get(key);
    if (!check) {
      check = fileSha256(path).then(
        (hash) => hash === ref,
        () => false,
      );
      this.checks.set(key, check);
    }
    return check;
  }

  /** Copies a file (a capture log) in as evidence, hashed as it is copied. */
  async keepFile(folder: string, source: string): Promise<{ ref: string; bytes: number }> {
    const dir = join(folder, 'evidence');
    await mkdir(dir, { recursive: true, mode: 0o700 });
    const temp = join(dir, `.copy-${process.pid}-${Date.now().toString(36)}`);
    const hash = createHash('sha256');
    let bytes = 0;
    try {
      const output = await open(temp, 'w', 0o600);
      try {
        for await (const chunk of createReadStream(source)) {
          const data = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
          hash.update(data);
          bytes += data.length;
          await output.write(data);
        }
        await output.sync();
      } finally {
        await output.close();
      }
      const ref = `sha256-${hash.digest('hex')}`;
      const target = join(dir, ref);
      if (await stat(target).catch(() => null)) await rm(temp, { force: true });
      else await rename(temp, target);
      return { ref, bytes };
    } catch (error) {
      await rm(temp, { force: true });
      throw error;
    }
  }

  /** Removes evidence nothing refers to any more (an older copy of a recording). */
  async drop(folder: string, ref: string): Promise<void> {
    await rm(join(folder, 'evidence', ref), { force: true });
  }

  private async abandon(uploadId: string): Promise<void> {
    const upload = this.uploads.get(uploadId);
    if (!upload) return;
    this.uploads.delete(uploadId);
    await upload.handle.close().catch(() => undefined);
    await rm(upload.temp, { force: true });
  }
}

async function fileSha256(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path))
    hash.update(Buffer.isBuffer(chunk) ? chunk : String(chunk));
  return `sha256-${hash.digest('hex')}`;
}

/** Where a piece that is not the file's last ends: after its last newline, else on a character. */
function pieceEnd(piece: Buffer): number {
  const newline = piece.lastIndexOf(0x0a);
  if (newline >= 0) return newline + 1;
  let end = piece.length;
  // Back over continuation bytes to the lead byte of the last character, and leave it out.
  while (end > 0 && ((piece[end - 1] ?? 0) & 0xc0) === 0x80) end--;
  return end > 1 && (piece[end - 1] ?? 0) >= 0xc0 ? end - 1 : piece.length;
}
