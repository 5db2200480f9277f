import { NO_NODE, ROOT_NODE } from './nodeIds';
import { frameKey } from './stackSamples';
import type { StackTree } from './stackTree';

/** Paths through a tree: as node ids, and as frame keys that survive rebuilding it. */

/** Node ids from the root's child down to `node` (empty for the root). */
export function pathOf(tree: StackTree, node: number): number[] {
  const path: number[] = [];
  for (let n = node; n > 0; n = tree.parentOf(n)) path.push(n);
  return path.reverse();
}

/** Frame keys from the root's child down to `node`: survives rebuilding the tree. */
export function pathKeys(tree: StackTree, node: number): string[] {
  return pathOf(tree, node).map((n) => frameKey(tree.frameInfo(n)));
}

/** The node at a path of frame keys, or the deepest node of that path that exists. */
export function nodeAtPath(tree: StackTree, keys: readonly string[]): number {
  let node = ROOT_NODE;
  for (const key of keys) {
    const frame = tree.frames.idOfKey(key);
    if (frame === undefined) return node;
    const next = tree.findChild(node, frame);
    if (next === NO_NODE) return node;
    node = next;
  }
  return node;
}

/** True when `ancestor` is `node` or one of its ancestors. */
export function isAncestorOrSelf(tree: StackTree, ancestor: number, node: number): boolean {
  const target = tree.depthOf(ancestor);
  let n = node;
  while (n > 0 && tree.depthOf(n) > target) n = tree.parentOf(n);
  return n === ancestor;
}
