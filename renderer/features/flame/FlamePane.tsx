import { useEffect, useRef } from 'react';
import type { SearchResult, StackTree } from '../../../shared/flame/stackTree';
import { FlameCanvas, type FlameDrawInfo, type Orientation } from './flameCanvas';

export interface FlamePaneHandle {
  canvas: FlameCanvas;
  element: HTMLCanvasElement;
}

interface Props {
  tree: StackTree;
  orientation: Orientation;
  zoom: number;
  selected: number;
  search: SearchResult | null;
  highlightFrame: number;
  /** 1 hides the synthetic root row (sandwich panes). */
  firstDepth?: number;
  label: string;
  onHover: (node: number, at: { clientX: number; clientY: number } | null) => void;
  onClick: (node: number) => void;
  onDraw?: (info: FlameDrawInfo) => void;
  /** Receives the pane's canvas controller (for keyboard navigation and tests). */
  paneRef?: (handle: FlamePaneHandle | null) => void;
}

/**
 * One flame graph canvas: sizes it, forwards pointer input, pushes props into the FlameCanvas.
 * Nothing here re-renders on hover: the controller redraws itself on the next animation frame.
 */
export function FlamePane(props: Props) {
  const { tree, orientation, zoom, selected, search, highlightFrame } = props;
  const boxRef = useRef<HTMLDivElement>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const paneRef = useRef<FlameCanvas | null>(null);
  const latest = useRef(props);
  latest.current = props;
  const firstDepth = props.firstDepth ?? 0;

  useEffect(() => {
    const box = boxRef.current;
    const element = canvasRef.current;
    if (!box || !element) return;
    const canvas = new FlameCanvas(element, { firstDepth });
    paneRef.current = canvas;
    canvas.onDraw = (info) => latest.current.onDraw?.(info);
    const p = latest.current;
    canvas.setTree(p.tree);
    canvas.setOrientation(p.orientation);
    canvas.setZoom(p.zoom);
    canvas.setSelected(p.selected);
    canvas.setSearch(p.search);
    canvas.setHighlightFrame(p.highlightFrame);
    const observer = new ResizeObserver(() => {
      canvas.resize(box.clientWidth, box.clientHeight, window.devicePixelRatio || 1);
    });
    observer.observe(box);
    canvas.resize(box.clientWidth, box.clientHeight, window.devicePixelRatio || 1);
    latest.current.paneRef?.({ canvas, element });
    return () => {
      latest.current.paneRef?.(null);
      observer.disconnect();
      canvas.dispose();
      paneRef.current = null;
    };
  }, [firstDepth]);

  useEffect(() => paneRef.current?.setTree(tree), [tree]);
  useEffect(() => paneRef.current?.setOrientation(orientation), [orientation]);
  useEffect(() => paneRef.current?.setZoom(zoom), [zoom]);
  useEffect(() => paneRef.current?.setSelected(selected), [selected]);
  useEffect(() => paneRef.current?.setSearch(search), [search]);
  useEffect(() => paneRef.current?.setHighlightFrame(highlightFrame), [highlightFrame]);

  const nodeAt = (event: React.MouseEvent<HTMLCanvasElement>): number => {
    const rect = event.currentTarget.getBoundingClientRect();
    return paneRef.current?.hitTest(event.clientX - rect.left, event.clientY - rect.top) ?? -1;
  };

  return (
    <div className="flame-pane" ref={boxRef}>
      <canvas
        ref={canvasRef}
        className="flame-canvas"
        role="img"
        aria-label={props.label}
        onMouseMove={(event) => {
          const node = nodeAt(event);
          paneRef.current?.setHovered(node);
          event.currentTarget.style.cursor = node >= 0 ? 'pointer' : 'default';
          props.onHover(node, node >= 0 ? event : null);
        }}
        onMouseLeave={() => {
          paneRef.current?.setHovered(-1);
          props.onHover(-1, null);
        }}
        onClick={(event) => {
          const node = nodeAt(event);
          if (node >= 0) props.onClick(node);
        }}
        onWheel={(event) => {
          if (event.ctrlKey) return;
          const delta = event.deltaMode === 1 ? event.deltaY * 18 : event.deltaY;
          paneRef.current?.scrollBy(orientation === 'icicle' ? delta : -delta);
        }}
      />
    </div>
  );
}
