import { openInsights } from './insightsActions';

/** On a capture of one process: opens (or brings forward) that process's Insights tab. */
export function InsightsButton({
  connectionId,
  pid,
}: {
  connectionId: string;
  pid: number | null;
}) {
  if (pid === null) return null;
  return (
    <button
      type="button"
      className="link"
      title={`The ranked findings about PID ${pid}, from all its captures`}
      onClick={() => openInsights(connectionId, pid)}
    >
      ◆ Insights
    </button>
  );
}
