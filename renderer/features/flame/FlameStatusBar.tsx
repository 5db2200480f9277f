import { ROOT_NODE, type StackTree } from '../../../shared/flame/stackTree';
import { formatCount } from './flameCanvas';
import { pct } from './flameFormat';

interface FlameStatusBarProps {
  tree: StackTree;
  /** A preview's nodes and depth are not the profile's: not shown. */
  preview?: boolean;
  /** Sample totals before/after of a diff tree, null otherwise. */
  totals: { a: number; b: number } | null;
  zoom: number;
}

/** The footer: sample counts (or the diff legend), the zoomed frame, the key hints. */
export function FlameStatusBar({ tree, totals, zoom, preview }: FlameStatusBarProps) {
  return (
    <footer className="flame-status">
      {totals ? (
        <span>
          before {formatCount(totals.a)} · after {formatCount(totals.b)} samples ·{' '}
          <span className="flame-up">red grew</span>,{' '}
          <span className="flame-down">blue shrank</span> (share of samples); widths: mean share
        </span>
      ) : preview ? (
        <span>
          {formatCount(tree.totalWeight)} samples · building the whole tree: zoom, search and the
          functions table follow…
        </span>
      ) : (
        <span>
          {formatCount(tree.totalWeight)} samples · {formatCount(tree.nodeCount - 1)} nodes · depth{' '}
          {tree.maxDepth}
        </span>
      )}
      {zoom !== ROOT_NODE && (
        <span>
          zoom: {tree.frameInfo(zoom).name}{' '}
          {pct(tree.weights(zoom).total / (tree.totalWeight || 1))}
        </span>
      )}
      <span className="quiet">click zooms · / search · Esc back · arrows select · Enter zooms</span>
    </footer>
  );
}
