import { useEffect, useState } from 'react';
import type { FlameModel } from '../../workers/parseProtocol';
import { ComparableFlame } from '../compare/ComparableFlame';

interface Props {
  /** The parse stream (for comparisons with other profiles). */
  streamId: string;
  model: FlameModel | null;
  title: string;
  startedAt: number;
  /** A `py-spy record` capture: how long it samples and whether it ended. */
  recording?: { durationSeconds: number; ended: boolean };
}

const megabytes = (chars: number): string => `${(chars / 1e6).toFixed(1)} MB`;

/**
 * Collapsed stacks as a flame graph: while `py-spy record` samples, a progress bar; while its
 * stacks are read (a big recording takes seconds), how much has been read; then the graph,
 * whose tree the worker built. A failure or a later read keeps the last graph on screen.
 */
export function RecordView({ streamId, model, title, startedAt, recording }: Props) {
  const tree = model?.tree ?? null;
  const progress = model?.progress ?? null;
  const hasSamples = tree !== null && tree.totalWeight > 0;
  const sampling = recording && !recording.ended && (!progress || progress.phase === 'waiting');

  const status =
    progress?.phase === 'failed' ? (
      <p className="error" role="alert">
        The flame graph could not be built: {progress.failure}.
        {hasSamples ? ' The last one built stays below.' : ''}
      </p>
    ) : progress?.phase === 'reading' ? (
      <p className="quiet" role="status" aria-label="Reading stacks">
        Reading stacks: {megabytes(progress.chars)}, {progress.lines.toLocaleString()} lines…
        {hasSamples ? ' The graph below is of what was read before.' : ''}
      </p>
    ) : null;

  if (hasSamples)
    return (
      <div className="record-view">
        {status}
        <ComparableFlame
          sourceId={streamId}
          tree={tree}
          startedAt={startedAt}
          title={`${title}, ${tree.totalWeight.toLocaleString()} samples`}
        />
      </div>
    );
  if (sampling) return <SamplingProgress seconds={recording.durationSeconds} since={startedAt} />;
  if (status) return status;
  if (recording?.ended || progress?.phase === 'built')
    return (
      <p className="empty">
        {recording
          ? 'The recording ended without samples; the terminal shows what py-spy said.'
          : 'No stacks in this text.'}
      </p>
    );
  return <p className="empty">Waiting for stacks…</p>;
}

function SamplingProgress({ seconds, since }: { seconds: number; since: number }) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 250);
    return () => clearInterval(timer);
  }, []);
  const elapsed = Math.min(seconds, (now - since) / 1000);
  return (
    <div
      className="record-progress"
      role="progressbar"
      aria-valuemin={0}
      aria-valuemax={seconds}
      aria-valuenow={Math.round(elapsed)}
      aria-label="Recording"
    >
      <p>
        Sampling for {seconds} s… {Math.round(elapsed)} s
      </p>
      <div className="bar">
        <span style={{ width: `${(elapsed / seconds) * 100}%` }} />
      </div>
      <p className="quiet">The flame graph appears when py-spy has written its samples.</p>
    </div>
  );
}
