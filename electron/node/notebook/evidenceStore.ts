import { createHash, type Hash } from 'node:crypto';
import { mkdir, open, readFile, rename, rm, stat, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { EVIDENCE_MAX_BYTES } from '../../../shared/contract/index';

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

  /** The text of a piece of evidence, if its content still matches its name. */
  async read(folder: string, ref: string): Promise<string> {
    const data = await readFile(join(folder, 'evidence', ref));
    const sum = `sha256-${createHash('sha256').update(data).digest('hex')}`;
    if (sum !== ref) throw new Error(`Evidence ${ref} is damaged: its content no longer matches.`);
    return data.toString('utf8');
  }

  private async abandon(uploadId: string): Promise<void> {
    const upload = this.uploads.get(uploadId);
    if (!upload) return;
    this.uploads.delete(uploadId);
    await upload.handle.close().catch(() => undefined);
    await rm(upload.temp, { force: true });
  }
}
