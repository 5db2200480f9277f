import { fileStem } from '../../../shared/notebook/exportFormats';
import { report, store, workbenchClient } from '../../state/client';
import { download } from '../../ui/download';
import { notebookActions } from './notebookActions';

/** Bytes read from a file per import request: 1 MiB, under a socket message once in base64. */
const IMPORT_PIECE_BYTES = 1024 * 1024;

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let at = 0; at < bytes.length; at += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(at, at + 0x8000));
  return btoa(binary);
}

function fromBase64(data: string): Uint8Array<ArrayBuffer> {
  const binary = atob(data);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

let imports = 0;

export const archiveActions = {
  /** The open investigation as one zip of its folder, saved as a download. */
  async save(): Promise<void> {
    const open = store().investigation;
    if (!open) return;
    const client = workbenchClient();
    const { archiveId } = await client.call('notebook.archive', {
      investigationId: open.summary.id,
    });
    const parts: Uint8Array<ArrayBuffer>[] = [];
    for (let offset = 0; ;) {
      const piece = await client.call('notebook.archivePiece', { archiveId, offset });
      parts.push(fromBase64(piece.data));
      if (piece.next >= piece.bytes) break;
      offset = piece.next;
    }
    const name = `${fileStem(open.summary.title)}.investigation.zip`;
    download(name, new Blob(parts, { type: 'application/zip' }), 'application/zip');
  },

  /** Sends an archive file in pieces; the Node side checks it and adds it to the list, opened. */
  async importFile(file: File): Promise<void> {
    const importId = `m_${Date.now().toString(36)}${(++imports).toString(36).padStart(4, '0')}`;
    try {
      for (let at = 0; ; at += IMPORT_PIECE_BYTES) {
        const bytes = new Uint8Array(await file.slice(at, at + IMPORT_PIECE_BYTES).arrayBuffer());
        const done = at + IMPORT_PIECE_BYTES >= file.size;
        const { imported } = await workbenchClient().call('notebook.importPiece', {
          importId,
          data: toBase64(bytes),
          done,
        });
        if (done) {
          if (!imported) throw new Error('The import ended without an investigation.');
          store().noticeRaised('info', `Imported “${imported.title}”.`);
          await notebookActions.list();
          await notebookActions.open(imported.id);
          return;
        }
      }
    } catch (error) {
      report(
        `${file.name} was not imported: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  },
};
