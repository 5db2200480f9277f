import { useCallback, useLayoutEffect, useRef, useState } from 'react';
import type { StackTree } from '../../../shared/flame/stackTree';

/** The node under the pointer, in the tree of the pane hovered. */
export interface FlameHover {
  tree: StackTree;
  node: number;
  /** Zoomed node of the pane hovered, for "% of zoom". */
  zoom: number;
}

/** A pane's hover handler: the node under the pointer (-1: none), where the pointer is. */
export type PaneHoverHandler = (
  node: number,
  at: { clientX: number; clientY: number } | null,
) => void;

/**
 * The hovered node, and the tooltip that follows the pointer: `onHover(paneTree, paneZoom)` makes
 * a pane's hover handler; the tooltip element (`tooltipRef`) is moved without a re-render.
 */
export function useFlameHover() {
  const [hover, setHover] = useState<FlameHover | null>(null);
  const tooltipRef = useRef<HTMLDivElement>(null);
  const pointer = useRef({ x: 0, y: 0 });

  const onHover = useCallback(
    (paneTree: StackTree, paneZoom: number): PaneHoverHandler =>
      (node, at) => {
        if (at) {
          pointer.current = { x: at.clientX, y: at.clientY };
          placeTooltip(tooltipRef.current, pointer.current);
        }
        setHover((h) =>
          node < 0
            ? null
            : h && h.node === node && h.tree === paneTree
              ? h
              : { tree: paneTree, node, zoom: paneZoom },
        );
      },
    [],
  );
  useLayoutEffect(() => placeTooltip(tooltipRef.current, pointer.current), [hover]);
  const clearHover = useCallback(() => setHover(null), []);

  return { hover, tooltipRef, onHover, clearHover };
}

function placeTooltip(element: HTMLDivElement | null, at: { x: number; y: number }): void {
  if (!element) return;
  const margin = 14;
  const width = element.offsetWidth;
  const height = element.offsetHeight;
  let x = at.x + margin;
  let y = at.y + margin;
  if (x + width > window.innerWidth - 4) x = Math.max(4, at.x - margin - width);
  if (y + height > window.innerHeight - 4) y = Math.max(4, at.y - margin - height);
  element.style.transform = `translate(${Math.round(x)}px, ${Math.round(y)}px)`;
}
