import { EVIDENCE_PIECE_CHARS } from '../../../shared/contract/index';
import { workbenchClient } from '../../state/client';

let uploads = 0;

/** Sends a text as evidence in pieces a socket message can carry; resolves to its name. */
export async function uploadEvidence(
  investigationId: string,
  text: string,
): Promise<{ ref: string; bytes: number }> {
  const uploadId = `u_${Date.now().toString(36)}${(++uploads).toString(36).padStart(4, '0')}`;
  for (let at = 0; ; at += EVIDENCE_PIECE_CHARS) {
    const piece = text.slice(at, at + EVIDENCE_PIECE_CHARS);
    const done = at + EVIDENCE_PIECE_CHARS >= text.length;
    const { ref, bytes } = await workbenchClient().call('notebook.uploadEvidence', {
      investigationId,
      uploadId,
      piece,
      done,
    });
    if (done) {
      if (!ref) throw new Error('The evidence upload ended without a name.');
      return { ref, bytes };
    }
  }
}

/**
 * Reads evidence back piece by piece (whole lines each); `onPiece` sees each as it arrives with
 * how far it got. Resolves when the last piece has been seen; `cancelled` stops early.
 */
export async function readEvidencePieces(
  investigationId: string,
  ref: string,
  onPiece: (text: string, progress: { at: number; bytes: number }) => void,
  cancelled: () => boolean = () => false,
): Promise<void> {
  for (let offset = 0; ;) {
    if (cancelled()) return;
    const piece = await workbenchClient().call('notebook.evidence', {
      investigationId,
      ref,
      offset,
    });
    onPiece(piece.text, { at: piece.next, bytes: piece.bytes });
    if (piece.next >= piece.bytes || piece.next === offset) return;
    offset = piece.next;
  }
}

/** The whole text of a piece of evidence. */
export async function readEvidence(investigationId: string, ref: string): Promise<string> {
  const parts: string[] = [];
  await readEvidencePieces(investigationId, ref, (text) => parts.push(text));
  return parts.join('');
}
