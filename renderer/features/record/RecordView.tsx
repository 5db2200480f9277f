import { useEffect, useState } from 'react';
import type { RecordCounts } from '../../../shared/parsers/pyspy/recordChatter';
import { asClause } from '../../../shared/util/sentence';
import type { FlameModel } from '../../../shared/flame/flameModel';
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

/** What the worker is doing with the text, while the graph is not there yet. */
const UNDER_WAY = { reading: 'Reading stacks', building: 'Building the flame graph' } as const;

/**
 * Collapsed stacks as a flame graph: while `py-spy record` samples, a progress bar; while its
 * stacks are read (a big recording takes seconds), how much has been read; then the graph,
 * whose tree the worker built. A failure or a later read keeps the last graph on screen.
 */
export function RecordView({ streamId, model, title, startedAt, recording }: Props) {
  // A large profile's preview is drawn while its whole tree is built (see FlameGraph).
  const preview = model?.tree ? undefined : model?.preview;
  const tree = model?.tree ?? preview ?? null;
  const progress = model?.progress ?? null;
  const hasSamples = tree !== null && tree.totalWeight > 0;
  const sampling = recording && !recording.ended && (!progress || progress.phase === 'waiting');

  // A preview says in its own status bar that the whole tree follows: no line above it, so the
  // graph does not move when the whole tree replaces it.
  const status =
    preview !== undefined ? null : progress?.phase === 'failed' ? (
      <p className="error" role="alert">
        The flame graph could not be built: {asClause(progress.failure ?? '', 'no reason given')}.
        {hasSamples ? ' The last one built stays below.' : ''}
      </p>
    ) : progress?.phase === 'reading' || progress?.phase === 'building' ? (
      <p className="quiet" role="status" aria-label={UNDER_WAY[progress.phase]}>
        {UNDER_WAY[progress.phase]}: {megabytes(progress.chars)}, {progress.lines.toLocaleString()}{' '}
        lines{progress.phase === 'building' ? ' read' : ''}…
        {hasSamples ? ' The graph below is of what was read before.' : ''}
      </p>
    ) : null;

  const counts = progress?.reported ? <ReportedCounts counts={progress.reported} /> : null;

  if (hasSamples)
    return (
      <div className="record-view">
        {status}
        {counts}
        <ComparableFlame
          sourceId={streamId}
          tree={tree}
          startedAt={startedAt}
          title={`${title}, ${tree.totalWeight.toLocaleString()} samples`}
          preview={preview !== undefined}
        />
      </div>
    );
  if (sampling) return <SamplingProgress seconds={recording.durationSeconds} since={startedAt} />;
  if (status) return <div className="empty">{status}</div>; // padded as the other empty states
  if (recording?.ended || progress?.phase === 'built')
    return (
      <div className="record-view">
        {counts}
        <p className="empty">
          {recording
            ? 'The recording ended without samples; the terminal shows what py-spy said.'
            : 'No stacks in this text.'}
        </p>
      </div>
    );
  return <p className="empty">Waiting for stacks…</p>;
}

/** py-spy's own count of its samples, and of those it could not read (not in the graph). */
function ReportedCounts({ counts }: { counts: RecordCounts }) {
  const { samples, errors } = counts;
  const plural = (n: number, word: string): string =>
    `${n.toLocaleString('en-US')} ${word}${n === 1 ? '' : 's'}`;
  const hover =
    errors === 0
      ? 'py-spy read every sample it took.'
      : `py-spy could not read ${plural(errors, 'sample')}: the process changed while py-spy ` +
        'read its stacks (a thread ended, --nonblocking, native unwinding). Those samples are ' +
        'not in the flame graph.';
  return (
    <p
      className={errors > 0 ? 'warn record-counts' : 'quiet record-counts'}
      title={hover}
      aria-label={`py-spy reported ${plural(samples, 'sample')} and ${plural(errors, 'error')}`}
    >
      py-spy: {plural(samples, 'sample')} · {plural(errors, 'error')}
    </p>
  );
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
