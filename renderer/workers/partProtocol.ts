import type { CollapsedMode, CollapsedPart } from '../../shared/parsers/collapsed/index';

/** The parse worker → a part helper: one slice of a file, starting at a line start. */
export interface PartRequest {
  blob: Blob;
  mode: CollapsedMode;
}

/** A part helper → the parse worker: `ready` when loaded, then its part or its failure. */
export type PartResult =
  | { type: 'ready' }
  | { type: 'part'; part: CollapsedPart; chars: number; lines: number }
  | { type: 'failed'; error: string };
