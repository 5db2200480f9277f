import type { RecordCounts } from '../parsers/pyspy/recordChatter';
import type { StackTree } from './stackTree';
import type { StackTreeData } from './stackTreeData';

/** Where a flame-graph stream is: before its data, reading it, its tree built, or failed. */
export interface FlameProgress {
  /** `building`: the text ended and its tree is being built (seconds, for a huge file). */
  phase: 'waiting' | 'reading' | 'building' | 'built' | 'failed';
  /** Characters and lines of stack text read so far. */
  chars: number;
  lines: number;
  /** How long the last tree took to build in the worker, ms. */
  buildMs?: number;
  /** Threads that parsed the text, when more than one (a large file read in parts). */
  threads?: number;
  /** A file's bytes were read by the WebAssembly scanner, in every thread (false: decoded). */
  scanned?: boolean;
  failure?: string;
  /** What `py-spy record` said it sampled, and how many samples it could not read. */
  reported?: RecordCounts;
}

/** The `collapsed` model as the parse worker posts it: the tree only when newly built. */
export interface FlameStreamModel {
  progress: FlameProgress;
  tree: StackTreeData | null;
  /**
   * The tree holds only the nodes wide enough to be seen at full width (every total exact): a
   * large profile's first view, drawn while its whole tree is built (see FlameStream).
   */
  preview?: boolean;
  /** Distinct stacks in the tree. */
  stacks: number;
}

/** The `collapsed` model as the UI keeps it: the last tree built stays until a newer one. */
export interface FlameModel {
  progress: FlameProgress;
  tree: StackTree | null;
  /** While the whole tree is built: its visible nodes, to draw (never to read figures from). */
  preview?: StackTree;
  stacks: number;
}
