import { isAncestorOrSelf, nodeAtPath, pathKeys } from '../../../shared/flame/stackTreePaths';
import { sandwichOf } from '../../../shared/flame/stackTreeSandwich';
import { useCallback, useMemo, useState } from 'react';
import { frameKey, type StackFrame } from '../../../shared/flame/stackSamples';
import { NO_NODE, ROOT_NODE, type Sandwich, type StackTree } from '../../../shared/flame/stackTree';
import type { Orientation } from './flameCanvas';

export type FlameMode = 'graph' | 'sandwich';

export interface FlameView {
  orientation: Orientation;
  setOrientation: (orientation: Orientation) => void;
  mode: FlameMode;
  setMode: (mode: FlameMode) => void;
  zoomKeys: readonly string[];
  /** The zoomed node of `tree`. */
  zoom: number;
  /** The selected node of `tree`, NO_NODE if none. */
  selected: number;
  /** The frame whose sandwich is (or was last) shown, -1 if none. */
  sandwichFrame: number;
  sandwich: Sandwich | null;
  zoomTo: (node: number) => void;
  resetZoom: () => void;
  /** Selects `node`, zooming out if needed to keep it drawn. */
  select: (node: number) => void;
  clearSelection: () => void;
  openSandwichOf: (frame: StackFrame) => void;
}

/**
 * What the flame graph shows of `tree`: orientation, graph or sandwich, zoom and selection.
 * Zoom and selection are kept as frame paths, so they survive a rebuilt tree (live updates).
 * `reveal` is called with a newly selected node (to scroll it into view).
 */
export function useFlameView(tree: StackTree, reveal: (node: number) => void): FlameView {
  const [orientation, setOrientation] = useState<Orientation>('icicle');
  const [mode, setMode] = useState<FlameMode>('graph');
  const [zoomKeys, setZoomKeys] = useState<readonly string[]>([]);
  const [selectedKeys, setSelectedKeys] = useState<readonly string[] | null>(null);
  const [sandwichKey, setSandwichKey] = useState<string | null>(null);

  const zoom = useMemo(() => nodeAtPath(tree, zoomKeys), [tree, zoomKeys]);
  const selected = useMemo(
    () => (selectedKeys ? nodeAtPath(tree, selectedKeys) : NO_NODE),
    [tree, selectedKeys],
  );
  const sandwichFrame = sandwichKey === null ? -1 : (tree.frames.idOfKey(sandwichKey) ?? -1);
  const sandwich = useMemo(
    () => (mode === 'sandwich' && sandwichFrame >= 0 ? sandwichOf(tree, sandwichFrame) : null),
    [tree, mode, sandwichFrame],
  );

  const zoomTo = useCallback(
    (node: number) => {
      setZoomKeys(node === ROOT_NODE ? [] : pathKeys(tree, node));
      setSelectedKeys(pathKeys(tree, node));
    },
    [tree],
  );
  const resetZoom = useCallback(() => setZoomKeys([]), []);
  const clearSelection = useCallback(() => setSelectedKeys(null), []);

  const openSandwichOf = useCallback((frame: StackFrame) => {
    setSandwichKey(frameKey(frame));
    setMode('sandwich');
  }, []);

  const select = (node: number) => {
    if (node < 0) return;
    setSelectedKeys(pathKeys(tree, node));
    // Keep it drawn: outside the zoomed subtree (and not an ancestor), zoom out to its parent.
    if (!isAncestorOrSelf(tree, zoom, node) && !isAncestorOrSelf(tree, node, zoom)) {
      const parent = tree.parentOf(node);
      setZoomKeys(parent <= ROOT_NODE ? [] : pathKeys(tree, parent));
    }
    reveal(node);
  };

  return {
    orientation,
    setOrientation,
    mode,
    setMode,
    zoomKeys,
    zoom,
    selected,
    sandwichFrame,
    sandwich,
    zoomTo,
    resetZoom,
    select,
    clearSelection,
    openSandwichOf,
  };
}
