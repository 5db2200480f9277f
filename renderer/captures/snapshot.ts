import { snapshotOf, type CaptureSnapshot } from '../../shared/captures/captureKinds';
import { useAppStore } from '../state/store';

/**
 * A snapshot of any parse stream's model, now, whether its view is shown or not: JSON-safe data
 * that a notebook can keep. Null before the stream's first model.
 */
export function takeSnapshot(streamId: string, now = Date.now()): CaptureSnapshot | null {
  const parsed = useAppStore.getState().models[streamId];
  return parsed ? snapshotOf(parsed, now) : null;
}
