import './flame.css';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { StackFrame } from '../../../shared/flame/stackSamples';
import type { StackTree } from '../../../shared/flame/stackTree';
import { ResizableSplit } from '../../ui/ResizableSplit';
import { FlamePane, type FlamePaneHandle } from './FlamePane';
import { FlameSandwich } from './FlameSandwich';
import { FlameStatusBar } from './FlameStatusBar';
import { FlameToolbar } from './FlameToolbar';
import { FlameTooltip } from './FlameTooltip';
import { TopFunctionsTable } from './TopFunctionsTable';
import { useFlameHover } from './useFlameHover';
import { useFlameKeyboard } from './useFlameKeyboard';
import { useFlameSearch } from './useFlameSearch';
import { useFlameView } from './useFlameView';
import { useTopFunctionRows } from './useTopFunctionRows';

export interface FlameGraphProps {
  /** The call tree to draw; a diff tree (`StackTree.diff`) draws a before/after comparison. */
  tree: StackTree;
  title?: string;
  /** Controls of the embedding view, shown at the start of the toolbar (e.g. "Compare with"). */
  toolbarStart?: React.ReactNode;
  /**
   * `tree` is a preview (a large profile's visible nodes, while its whole tree is built): drawn
   * as it is, but inert (no zoom, search or hover) and without the functions table, whose
   * figures it cannot give.
   */
  preview?: boolean;
}

/**
 * The flame graph view: toolbar (zoom path, search, orientation, sandwich, exports), the graph
 * (or the sandwich of one function: callers above, callees below), a table of the heaviest
 * functions, a hover tooltip. Input goes to FlameCanvas instances; React only re-renders on
 * state changes (zoom, selection, search, the hovered node), never on every mouse move.
 * The keys are those of `useFlameKeyboard`.
 */
export function FlameGraph({ tree, title, toolbarStart, preview = false }: FlameGraphProps) {
  const mainPane = useRef<FlamePaneHandle | null>(null);
  const reveal = useCallback((node: number) => {
    requestAnimationFrame(() => mainPane.current?.canvas.reveal(node));
  }, []);
  const view = useFlameView(tree, reveal);
  const search = useFlameSearch(tree);
  const { hover, tooltipRef, onHover, clearHover } = useFlameHover();
  const { rows, onMainDraw } = useTopFunctionRows(tree, preview);
  const { rootRef, searchRef, onKeyDown } = useFlameKeyboard(tree, view, search);
  const [tableHoverFrame, setTableHoverFrame] = useState(-1);
  const { mode, zoom, selected, sandwich, openSandwichOf: showSandwichOf } = view;

  const openSandwichOf = useCallback(
    (frame: StackFrame) => {
      showSandwichOf(frame);
      clearHover();
    },
    [showSandwichOf, clearHover],
  );
  const openSandwich = (frameId: number) => {
    if (frameId >= 0) openSandwichOf(tree.frames.frame(frameId));
  };
  const sandwichCandidate =
    selected > 0
      ? tree.frameOf(selected)
      : hover && hover.tree === tree && hover.node > 0
        ? tree.frameOf(hover.node)
        : (rows?.[0]?.frameId ?? -1);
  const totals = useMemo(() => (tree.isDiff ? tree.seriesTotals : null), [tree]);
  // A graph that appears while the focus is nowhere (the dialog that opened it has gone) takes
  // it, so that its keys (`/`, arrows) work at once; focus elsewhere is left alone.
  useEffect(() => {
    const focused = document.activeElement;
    if (!preview && (focused === null || focused === document.body)) {
      rootRef.current?.focus({ preventScroll: true });
    }
  }, [preview, rootRef]);

  return (
    <section
      className="flame"
      aria-label={title ? `Flame graph: ${title}` : 'Flame graph'}
      aria-busy={preview}
      inert={preview}
      tabIndex={0}
      ref={rootRef}
      onKeyDown={onKeyDown}
    >
      <FlameToolbar
        tree={tree}
        title={title}
        toolbarStart={toolbarStart}
        view={view}
        search={search}
        searchRef={searchRef}
        sandwichCandidate={sandwichCandidate}
        onOpenSandwich={openSandwich}
      />

      <ResizableSplit
        layoutName="flame"
        label="Resize flame graph and functions table"
        className="flame-body"
        startDefaultPercent={72}
        startMin={320}
        endMin={240}
        start={
          <div className="flame-main">
            {tree.totalWeight <= 0 ? (
              <p className="empty">No samples yet.</p>
            ) : mode === 'sandwich' && sandwich ? (
              <FlameSandwich
                tree={tree}
                sandwich={sandwich}
                search={search.search}
                onHover={onHover}
                onOpenSandwich={openSandwich}
              />
            ) : (
              <FlamePane
                tree={tree}
                orientation={view.orientation}
                zoom={zoom}
                selected={selected}
                search={search.search}
                highlightFrame={tableHoverFrame}
                label="Flame graph"
                onHover={onHover(tree, zoom)}
                onClick={(node) => view.zoomTo(node)}
                onDraw={onMainDraw}
                paneRef={(handle) => {
                  mainPane.current = handle;
                }}
              />
            )}
          </div>
        }
        end={
          <TopFunctionsTable
            rows={rows}
            totals={totals}
            sandwichFrame={view.sandwichFrame}
            onOpen={openSandwichOf}
            onHoverFrame={setTableHoverFrame}
          />
        }
      />

      <FlameStatusBar tree={tree} totals={totals} zoom={zoom} preview={preview} />

      {hover && hover.node >= 0 && (
        <div className="flame-tooltip" role="tooltip" ref={tooltipRef}>
          <FlameTooltip hover={hover} />
        </div>
      )}
    </section>
  );
}
