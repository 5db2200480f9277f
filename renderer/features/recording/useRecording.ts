import { useEffect, useState } from 'react';
import { parseCast } from '../../../shared/captureLog/asciicast';
import { CastTimeline } from '../../../shared/captureLog/castTimeline';
import type { RecordingItem } from '../../../shared/contract/index';
import { readEvidencePieces } from '../notebook/evidence';

export interface LoadedRecording {
  timeline: CastTimeline | null;
  /** Bytes read so far and in all; equal once loaded. */
  at: number;
  bytes: number;
  /** Lines that were not asciicast (a log cut off mid-line), and why loading stopped, if it did. */
  badLines: number;
  error: string | null;
  /** Bumped as pieces arrive, so the player redraws its length. */
  version: number;
}

/**
 * Loads a recording piece by piece into a timeline: playing can start with the first piece
 * while the rest arrives.
 */
export function useRecording(investigationId: string, item: RecordingItem): LoadedRecording {
  const [state, setState] = useState<LoadedRecording>({
    timeline: null,
    at: 0,
    bytes: item.recording.bytes,
    badLines: 0,
    error: null,
    version: 0,
  });
  useEffect(() => {
    let cancelled = false;
    let timeline: CastTimeline | null = null;
    let badLines = 0;
    let version = 0;
    readEvidencePieces(
      investigationId,
      item.recording.ref,
      (text, progress) => {
        const cast = parseCast(text);
        timeline ??= new CastTimeline({
          cols: cast.header?.width ?? 80,
          rows: cast.header?.height ?? 24,
        });
        timeline.add(cast.events);
        badLines += cast.badLines;
        version += 1;
        if (!cancelled) setState({ timeline, ...progress, badLines, error: null, version });
      },
      () => cancelled,
    ).catch((error: unknown) => {
      if (!cancelled)
        setState((s) => ({ ...s, error: error instanceof Error ? error.message : String(error) }));
    });
    return () => {
      cancelled = true;
    };
  }, [investigationId, item.recording.ref]);
  return state;
}
