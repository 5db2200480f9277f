import { useEffect, useMemo, useState } from 'react';
import type { ExportKind } from '../../../shared/notebook/exportFormats';
import type { ReportInput } from '../../../shared/notebook/reportInput';
import { useAppStore } from '../../state/store';
import { readEvidencePieces } from './evidence';
import { reportInput } from './exportReport';
import { notesAutosave } from './notesAutosave';

const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** A recording read for an asciicast export, and how far the reading got. */
interface CastRead {
  ref: string;
  parts: string[];
  at: number;
  bytes: number;
  done: boolean;
}

/** The evidence name of the recording an asciicast export of `itemId` needs, if that is the export. */
function recordingRef(kind: ExportKind | 'archive', itemId: string | null): string | null {
  if (kind !== 'asciicast' || !itemId) return null;
  const item = useAppStore.getState().investigation?.items.find((each) => each.id === itemId);
  return item?.type === 'recording' ? item.recording.ref : null;
}

/**
 * What an export is made from: the investigation with its snapshots' raw output, plus, for an
 * asciicast export, the chosen recording (read only then: it can be hundreds of megabytes).
 */
export function useExportInput(kind: ExportKind | 'archive', itemId: string | null) {
  const [base, setBase] = useState<ReportInput | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [cast, setCast] = useState<CastRead | null>(null);
  useEffect(() => {
    reportInput(notesAutosave.text()).then(setBase, (error: unknown) =>
      setFailure(errorText(error)),
    );
  }, []);
  const ref = recordingRef(kind, itemId);
  useEffect(() => {
    const investigationId = useAppStore.getState().investigation?.summary.id;
    if (!ref || !investigationId) return;
    let current = true;
    const read: CastRead = { ref, parts: [], at: 0, bytes: 0, done: false };
    setCast({ ...read });
    readEvidencePieces(
      investigationId,
      ref,
      (text, progress) => {
        read.parts.push(text);
        if (current) setCast({ ...read, ...progress });
      },
      () => !current,
    ).then(
      () => current && setCast({ ...read, done: true }),
      (error: unknown) => current && setFailure(errorText(error)),
    );
    return () => {
      current = false;
    };
  }, [ref]);
  const input = useMemo((): ReportInput | null => {
    if (!base || !ref) return ref ? null : base;
    if (cast?.ref !== ref || !cast.done) return null;
    return { ...base, recordings: new Map([[ref, cast.parts.join('')]]) };
  }, [base, ref, cast]);
  const reading =
    ref && cast?.ref === ref && !cast.done
      ? `Reading the recording… ${(cast.at / 1e6).toFixed(1)} of ${(cast.bytes / 1e6).toFixed(1)} MB`
      : null;
  return { input, failure, reading };
}
