import { pathOf } from '../../../shared/flame/stackTreePaths';
import { ROOT_NODE, type StackTree } from '../../../shared/flame/stackTree';

interface FlameZoomPathProps {
  tree: StackTree;
  title?: string;
  zoom: number;
  onZoom: (node: number) => void;
}

/**
 * The breadcrumbs of the zoomed node. Long paths: the root, an ellipsis (its title lists what
 * is hidden), the last two frames.
 */
export function FlameZoomPath({ tree, title, zoom, onZoom }: FlameZoomPathProps) {
  const zoomPath = [ROOT_NODE, ...pathOf(tree, zoom)];
  const hidden = zoomPath.length > 4 ? zoomPath.slice(1, -2) : [];
  const shownPath = hidden.length > 0 ? [zoomPath[0], -1, ...zoomPath.slice(-2)] : zoomPath;
  return (
    <nav className="flame-crumbs" aria-label="Zoom path">
      {title && (
        <span className="flame-title" title={title}>
          {title}
        </span>
      )}
      {shownPath.map((node, i) =>
        node === undefined || node < 0 ? (
          <span
            key={`gap-${i}`}
            className="flame-crumb-gap"
            title={hidden.map((n) => tree.label(n)).join('\n')}
          >
            …
          </span>
        ) : (
          <button
            key={node}
            type="button"
            className="flame-crumb"
            aria-current={node === zoom ? 'true' : undefined}
            title={tree.label(node)}
            onClick={() => onZoom(node)}
          >
            {tree.frameInfo(node).name}
          </button>
        ),
      )}
    </nav>
  );
}
