import type { CollapsedMode, CollapsedPart } from '../../shared/parsers/collapsed/index';

/** A helper says how far it has read at most this often (the worker posts progress as often). */
export const PART_PROGRESS_MS = 200;

/** The parse worker → a part helper: one slice of a file, starting at a line start. */
export interface PartRequest {
  blob: Blob;
  mode: CollapsedMode;
}

/**
 * A part helper → the parse worker: `ready` when it has its request, how much it has read (at
 * most every PART_PROGRESS_MS), then its part or its failure.
 */
export type PartResult =
  | { type: 'ready' }
  | { type: 'progress'; chars: number; lines: number }
  | { type: 'part'; part: CollapsedPart; chars: number; lines: number }
  | { type: 'failed'; error: string };
