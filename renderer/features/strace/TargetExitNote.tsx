import type { StraceModel } from '../../../shared/parsers/strace/index';
import { useAppStore } from '../../state/store';
import { straceTargetExit } from './targetExit';

/** Above a live strace capture: the traced process has ended; the tables keep what they had. */
export function StraceTargetExitNote({ streamId, pid }: { streamId: string; pid: number }) {
  const parsed = useAppStore((s) => s.models[streamId]);
  if (parsed?.parser !== 'strace' || !parsed.model) return null;
  const ended = straceTargetExit(parsed.model as StraceModel, pid);
  if (!ended) return null;
  return (
    <p className="gone-note" role="status">
      Process <b className="mono">{pid}</b> {ended.how}
      {ended.at ? ` at ${ended.at}` : ''}; strace stopped with it. Showing the last rows.
    </p>
  );
}
