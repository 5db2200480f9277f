/** Small helpers for the flame graph tests: samples from collapsed text, canonical tree forms. */
import { treeToCollapsed } from '../../../shared/flame/stackTreeExport';
import { parseCollapsed } from '../../../shared/parsers/collapsed';
import type { StackSamples } from '../../../shared/flame/stackSamples';
import type { StackTree } from '../../../shared/flame/stackTree';

/** Samples of collapsed text, with the team's parser (differential input is detected). */
export function samplesOf(text: string): StackSamples {
  return parseCollapsed(text).samples;
}

/** The tree as sorted collapsed lines: equal for equal trees whatever the node ids. */
export function canonical(tree: StackTree): string[] {
  return treeToCollapsed(tree).split('\n').filter(Boolean).sort();
}

/** Node id by the labels of its path from the root, e.g. ['main', 'alpha']. */
export function nodeAt(tree: StackTree, labels: string[]): number {
  let node = 0;
  for (const label of labels) {
    const next = Array.from(tree.childrenOf(node)).find((c) => tree.label(c) === label);
    if (next === undefined) throw new Error(`no node ${labels.join(';')}`);
    node = next;
  }
  return node;
}

/**
 * The sandwich example: gamma is called from alpha → beta, alpha, beta, itself (recursion) and
 * another root. Total 24 samples.
 */
export const SANDWICH_TEXT = [
  'main;alpha;beta;gamma 10',
  'main;alpha;gamma 5',
  'main;beta;gamma 3',
  'main;gamma;gamma 2',
  'other;gamma 4',
].join('\n');
