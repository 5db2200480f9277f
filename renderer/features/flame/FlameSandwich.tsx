import {
  NO_NODE,
  ROOT_NODE,
  type Sandwich,
  type SearchResult,
  type StackTree,
} from '../../../shared/flame/stackTree';
import { pct } from './flameFormat';
import { FlamePane } from './FlamePane';
import type { PaneHoverHandler } from './useFlameHover';

interface FlameSandwichProps {
  tree: StackTree;
  sandwich: Sandwich;
  search: SearchResult | null;
  /** Makes the hover handler of a pane. */
  onHover: (paneTree: StackTree, paneZoom: number) => PaneHoverHandler;
  /** Opens the sandwich of a frame (a frame id of `tree`). */
  onOpenSandwich: (frameId: number) => void;
}

/** The sandwich of one function: its callers above (a flame graph), its callees below. */
export function FlameSandwich({
  tree,
  sandwich,
  search,
  onHover,
  onOpenSandwich,
}: FlameSandwichProps) {
  return (
    <div className="flame-sandwich">
      <h3 className="flame-pane-title">
        Callers of <span className="mono">{tree.frames.frame(sandwich.frameId).name}</span>
        <span className="quiet">
          {' '}
          total {pct(sandwich.total / tree.totalWeight)} · self{' '}
          {pct(sandwich.self / tree.totalWeight)}
        </span>
      </h3>
      <FlamePane
        tree={sandwich.callers}
        orientation="flame"
        zoom={ROOT_NODE}
        selected={NO_NODE}
        search={search}
        highlightFrame={-1}
        firstDepth={1}
        label="Callers flame graph"
        onHover={onHover(sandwich.callers, ROOT_NODE)}
        onClick={(node) => onOpenSandwich(sandwich.callers.frameOf(node))}
      />
      <h3 className="flame-pane-title">
        Callees of <span className="mono">{tree.frames.frame(sandwich.frameId).name}</span>
      </h3>
      <FlamePane
        tree={sandwich.callees}
        orientation="icicle"
        zoom={ROOT_NODE}
        selected={NO_NODE}
        search={search}
        highlightFrame={-1}
        firstDepth={1}
        label="Callees flame graph"
        onHover={onHover(sandwich.callees, ROOT_NODE)}
        onClick={(node) => onOpenSandwich(sandwich.callees.frameOf(node))}
      />
    </div>
  );
}
