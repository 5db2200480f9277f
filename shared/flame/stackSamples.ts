/**
 * The input of the flame graph is the team's collapsed-stacks model (`shared/parsers/collapsed/`,
 * written by another engineer): a deduplicated frame table and weighted stacks, root first.
 * Re-exported here with the few helpers the flame graph adds: identity keys and display text.
 */
import { frameFromText, frameToText } from '../parsers/collapsed/collapsedParser';
import type {
  FlatStackSamples,
  StackFrame,
  StackSamples,
  WeightedStack,
} from '../parsers/collapsed/stackSamples';

export type { FlatStackSamples, StackFrame, StackSamples, WeightedStack };

/** One string per distinct frame: what two frames must share to be the same frame. */
export function frameKey(frame: StackFrame): string {
  return `${frame.name}\u0000${frame.file ?? ''}\u0000${frame.line ?? ''}`;
}

/** A function regardless of the line being executed: py-spy puts the current line in the frame. */
export function functionKey(frame: StackFrame): string {
  return `${frame.name}\u0000${frame.file ?? ''}`;
}

/** `file:line`, `file`, or '' (synthetic frames such as py-spy's `thread (…)` have no file). */
export function frameLocation(frame: StackFrame): string {
  if (!frame.file) return '';
  return frame.line !== undefined ? `${frame.file}:${frame.line}` : frame.file;
}

/** py-spy's folded frame text: `name (file:line)`, `name (file)` or `name`. */
export const formatFrame: (frame: StackFrame) => string = frameToText;

/** The inverse of `formatFrame`: synthetic frames (`thread (12): MainThread`) stay bare names. */
export const parseFrameText: (text: string) => StackFrame = frameFromText;
