import { useParsed } from '../../captures/useParsed';
import { straceTargetExit } from './targetExit';

/** Above a live strace capture: the traced process has ended; the tables keep what they had. */
export function StraceTargetExitNote({ streamId, pid }: { streamId: string; pid: number }) {
  const parsed = useParsed(streamId, 'strace');
  if (!parsed) return null;
  const ended = straceTargetExit(parsed.model, pid);
  if (!ended) return null;
  return (
    <p className="gone-note" role="status">
      Process <b className="mono">{pid}</b> {ended.how}
      {ended.at ? ` at ${ended.at}` : ''}; strace stopped with it. Showing the last rows.
    </p>
  );
}
