import { useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { actions } from '../../state/actions';
import { useAppStore } from '../../state/store';

interface Props {
  defaultConnectionId: string | null;
  onDone(): void;
}

/** Starts `top -b -H -d N -p PID` on a connected host. */
export function ThreadsCaptureForm({ defaultConnectionId, onDone }: Props) {
  const connections = useAppStore(
    useShallow((s) => Object.values(s.connections).filter((c) => c.state === 'connected')),
  );
  const hosts = useAppStore((s) => s.hosts);
  const [connectionId, setConnectionId] = useState(
    defaultConnectionId ?? connections[0]?.connectionId ?? '',
  );
  const [pid, setPid] = useState('');
  const [interval, setIntervalSeconds] = useState('1');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    const pidNumber = Number(pid);
    if (!Number.isInteger(pidNumber) || pidNumber < 1)
      return setError('The PID is a positive whole number.');
    setBusy(true);
    const failure = await actions.startCapture(connectionId, {
      recipe: 'threads',
      pid: pidNumber,
      intervalSeconds: Number(interval) || 1,
    });
    setBusy(false);
    if (failure) setError(failure);
    else onDone();
  };

  if (connections.length === 0) {
    return (
      <div className="popover" role="dialog" aria-label="Threads of a process">
        <p>Connect to a host first.</p>
        <button type="button" onClick={onDone}>
          Close
        </button>
      </div>
    );
  }
  return (
    <form
      className="popover"
      role="dialog"
      aria-label="Threads of a process"
      onSubmit={submit}
      onKeyDown={(e) => e.key === 'Escape' && onDone()}
    >
      <h3>Threads of a process</h3>
      <label>
        Host
        <select value={connectionId} onChange={(e) => setConnectionId(e.target.value)}>
          {connections.map((c) => (
            <option key={c.connectionId} value={c.connectionId}>
              {hosts.find((h) => h.id === c.hostId)?.label ?? c.hostId}
            </option>
          ))}
        </select>
      </label>
      <div className="row">
        <label>
          PID
          <input
            autoFocus
            required
            inputMode="numeric"
            value={pid}
            onChange={(e) => setPid(e.target.value.trim())}
          />
        </label>
        <label className="port">
          Every (s)
          <input
            inputMode="decimal"
            value={interval}
            onChange={(e) => setIntervalSeconds(e.target.value)}
          />
        </label>
      </div>
      <p className="quiet mono">
        LC_ALL=C top -b -H -w 512 -d {interval || 1} -p {pid || 'PID'}
      </p>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <div className="buttons">
        <button type="submit" className="primary" disabled={busy}>
          Start capture
        </button>
        <button type="button" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}
