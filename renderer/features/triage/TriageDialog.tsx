import './triage.css';
import { useState } from 'react';
import type { ProcessRow } from '../../../shared/contract/index';
import { HostSelect, useConnected } from '../capture/HostSelect';
import { ProcessPicker } from '../capture/ProcessPicker';
import { runTriage, type StepProgress } from './runTriage';
import { TRIAGE_SECONDS } from './triagePlan';

interface Props {
  defaultConnectionId: string | null;
  onDone(): void;
}

const MARK: Record<StepProgress['state'], string> = { starting: '…', started: '✓', failed: '✗' };

/** Pick a process; every triage capture of it starts at once, each in its own tab. */
export function TriageDialog({ defaultConnectionId, onDone }: Props) {
  const connections = useConnected();
  const [connectionId, setConnectionId] = useState(
    defaultConnectionId ?? connections[0]?.connectionId ?? '',
  );
  const [target, setTarget] = useState<ProcessRow | null>(null);
  const [steps, setSteps] = useState<StepProgress[] | null>(null);
  const done = steps !== null && steps.every((s) => s.state !== 'starting');

  const pick = (row: ProcessRow) => {
    setTarget(row);
    void runTriage(connectionId, row.pid, setSteps);
  };

  return (
    <div
      className="popover capture-dialog triage-dialog"
      role="dialog"
      aria-label="Triage a process"
      onKeyDown={(e) => e.key === 'Escape' && onDone()}
    >
      <h3>Triage a process</h3>
      <p className="quiet">
        Runs at once, for about {TRIAGE_SECONDS} s, each bounded for a production host:{' '}
        <span className="mono">top -H</span> ×{TRIAGE_SECONDS},{' '}
        <span className="mono">py-spy dump --nonblocking --full-filenames</span> ×{TRIAGE_SECONDS}{' '}
        (gdb where py-spy cannot run), <span className="mono">strace -c</span> {TRIAGE_SECONDS} s
        and <span className="mono">ss</span>. Each opens in its own tab.
      </p>
      {connections.length > 1 && !target && (
        <HostSelect value={connectionId} onChange={setConnectionId} />
      )}
      {!target && connectionId && <ProcessPicker connectionId={connectionId} onPick={pick} />}
      {target && (
        <div aria-label="Triage progress">
          <p>
            Process <b className="mono">{target.pid}</b>{' '}
            <span className="mono quiet">{target.python ?? target.name}</span>
          </p>
          <ul className="triage-steps">
            {(steps ?? []).map((step) => (
              <li key={step.label} className={step.state}>
                <span className="mono">{MARK[step.state]}</span> {step.label}
                {step.note && <span className="quiet"> · {step.note}</span>}
              </li>
            ))}
          </ul>
        </div>
      )}
      <div className="row">
        <button type="button" onClick={onDone} autoFocus={done}>
          {done ? 'Close' : 'Cancel'}
        </button>
      </div>
    </div>
  );
}
