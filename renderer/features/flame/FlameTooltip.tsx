import { frameLocation } from '../../../shared/flame/stackSamples';
import { ROOT_NODE } from '../../../shared/flame/stackTree';
import { formatCount } from './flameCanvas';
import { pct, signedPts } from './flameFormat';
import type { FlameHover } from './useFlameHover';

/** The text of the hover tooltip: the frame, its weights (before/after of a diff tree). */
export function FlameTooltip({ hover }: { hover: FlameHover }) {
  const { tree, node, zoom } = hover;
  const frame = tree.frameInfo(node);
  const location = frameLocation(frame);
  const w = tree.weights(node);
  if (tree.isDiff) {
    const { a, b } = tree.seriesTotals;
    const shareA = a > 0 ? w.totalA / a : 0;
    const shareB = b > 0 ? (w.totalB ?? 0) / b : 0;
    return (
      <>
        <div className="flame-tip-name">{frame.name}</div>
        {location && <div className="flame-tip-loc">{location}</div>}
        <div>
          before: total {pct(shareA)} ({formatCount(w.totalA)}) · self{' '}
          {pct(a > 0 ? w.selfA / a : 0)}
        </div>
        <div>
          after: total {pct(shareB)} ({formatCount(w.totalB ?? 0)}) · self{' '}
          {pct(b > 0 ? (w.selfB ?? 0) / b : 0)}
        </div>
        <div className={shareB - shareA > 0 ? 'flame-up' : 'flame-down'}>
          change: {signedPts(shareB - shareA)}
        </div>
      </>
    );
  }
  const base = tree.percentBase || 1;
  const zoomTotal = tree.weights(zoom).total;
  return (
    <>
      <div className="flame-tip-name">{frame.name}</div>
      {location && <div className="flame-tip-loc">{location}</div>}
      <div>
        total {formatCount(w.total)} samples ({pct(w.total / base)}) · self {formatCount(w.self)} (
        {pct(w.self / base)})
      </div>
      {zoom !== ROOT_NODE && zoomTotal > 0 && (
        <div className="quiet">{pct(w.total / zoomTotal)} of the zoomed frame</div>
      )}
    </>
  );
}
