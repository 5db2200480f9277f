import { useEffect, useState } from 'react';
import type { StackSamples } from '../../../shared/parsers/collapsed/index';
import { FlameGraph } from '../flame/FlameGraph';

interface Props {
  samples: StackSamples | null;
  durationSeconds: number;
  startedAt: number;
  ended: boolean;
}

/** `py-spy record`: a progress bar while it samples, then the flame graph of what it recorded. */
export function RecordView({ samples, durationSeconds, startedAt, ended }: Props) {
  const [now, setNow] = useState(() => Date.now());
  const recorded = samples !== null && samples.totalWeight > 0;
  useEffect(() => {
    if (recorded || ended) return;
    const timer = setInterval(() => setNow(Date.now()), 250);
    return () => clearInterval(timer);
  }, [recorded, ended]);

  if (recorded)
    return (
      <FlameGraph
        samples={samples}
        title={`py-spy record, ${samples.totalWeight.toLocaleString()} samples`}
      />
    );
  if (ended)
    return (
      <p className="empty">
        The recording ended without samples; the terminal shows what py-spy said.
      </p>
    );
  const elapsed = Math.min(durationSeconds, (now - startedAt) / 1000);
  return (
    <div
      className="record-progress"
      role="progressbar"
      aria-valuemin={0}
      aria-valuemax={durationSeconds}
      aria-valuenow={Math.round(elapsed)}
      aria-label="Recording"
    >
      <p>
        Sampling for {durationSeconds} s… {Math.round(elapsed)} s
      </p>
      <div className="bar">
        <span style={{ width: `${(elapsed / durationSeconds) * 100}%` }} />
      </div>
      <p className="quiet">The flame graph appears when py-spy has written its samples.</p>
    </div>
  );
}
