import './fleet.css';
import { useState } from 'react';
import { RECIPES } from '../../../shared/captures/recipes';
import { FLEET_RECIPES, isFleetRecipe, type FleetRecipe } from '../../../shared/fleet/fleetFigures';
import { needsProcess, takesProcess } from '../../../shared/fleet/fleetPlan';
import {
  resolutionText,
  resolveProcess,
  type Resolution,
} from '../../../shared/fleet/resolveProcess';
import { hostLabel } from '../../state/hostsSlice';
import { useAppStore } from '../../state/store';
import { useConnected } from '../capture/HostSelect';
import { runFleet, type FleetHost } from './runFleet';
import { useProcessLists, type ProcessList } from './useProcessLists';

interface Props {
  onDone(): void;
}

function resolveOn(
  list: ProcessList | undefined,
  pattern: string,
): Resolution | 'loading' | string {
  if (list === undefined || list === 'loading') return 'loading';
  if ('error' in list) return list.error;
  return resolveProcess(list.rows, pattern);
}

/** Pick hosts and one capture; it starts on every host at once and a fleet tab compares them. */
export function FleetDialog({ onDone }: Props) {
  const connections = useConnected();
  const hosts = useAppStore((s) => s.hosts);
  const labelOf = (hostId: string) => hostLabel(hosts, hostId, hostId);
  const [excluded, setExcluded] = useState<ReadonlySet<string>>(new Set());
  const [recipe, setRecipe] = useState<FleetRecipe>('strace-summary');
  const [seconds, setSeconds] = useState(5);
  const [pattern, setPattern] = useState('');
  // A host's own pattern, where the same one does not find the same service everywhere.
  const [own, setOwn] = useState<Record<string, string>>({});
  const [starting, setStarting] = useState(false);
  const withProcess = takesProcess(recipe);
  const { lists, reload } = useProcessLists(
    withProcess ? connections.map((c) => c.connectionId) : [],
  );

  const rows = connections.map((c) => {
    const hostPattern = own[c.connectionId] ?? pattern;
    const resolution = withProcess ? resolveOn(lists[c.connectionId], hostPattern) : null;
    return { connection: c, label: labelOf(c.hostId), hostPattern, resolution };
  });
  const planned: FleetHost[] = rows
    .filter((row) => !excluded.has(row.connection.connectionId))
    .map(({ connection, label, resolution }) => {
      const match = typeof resolution === 'object' && resolution?.kind === 'match';
      return {
        connectionId: connection.connectionId,
        hostLabel: label,
        pid: match ? resolution.pid : null,
        resolution:
          resolution === null
            ? ''
            : typeof resolution === 'string'
              ? resolution
              : resolutionText(resolution),
      };
    });
  const ready =
    planned.length > 0 && (!needsProcess(recipe) || planned.some((host) => host.pid !== null));

  const start = () => {
    setStarting(true);
    void runFleet(recipe, seconds, planned).finally(onDone);
  };

  return (
    <div
      className="popover capture-dialog fleet-dialog"
      role="dialog"
      aria-label="Fleet"
      onKeyDown={(e) => e.key === 'Escape' && onDone()}
    >
      <h3>Fleet: one capture on several hosts</h3>
      <p className="quiet">
        Starts at once on every host checked, each in its own tab, and opens a tab comparing them
        side by side; a host more than twice the others&apos; median is marked.
      </p>
      <div className="row">
        <label>
          Capture
          <select
            value={recipe}
            onChange={(e) => isFleetRecipe(e.target.value) && setRecipe(e.target.value)}
          >
            {FLEET_RECIPES.map((id) => (
              <option key={id} value={id}>
                {RECIPES[id].title}
              </option>
            ))}
          </select>
        </label>
        {recipe === 'strace-summary' && (
          <label>
            Seconds
            <input
              type="number"
              min={1}
              max={60}
              value={seconds}
              onChange={(e) => setSeconds(Math.max(1, Math.min(60, Number(e.target.value) || 1)))}
            />
          </label>
        )}
      </div>
      {withProcess && (
        <label>
          Process {needsProcess(recipe) ? '' : '(optional: its CPU)'}
          <input
            autoFocus
            value={pattern}
            placeholder="words of its command line, on every host: backend.py"
            onChange={(e) => {
              setPattern(e.target.value);
              setOwn({});
            }}
          />
        </label>
      )}
      <table className="data-table fleet-hosts" aria-label="Hosts">
        <thead>
          <tr>
            <th />
            <th>host</th>
            {withProcess && <th>pattern on this host</th>}
            {withProcess && <th>process</th>}
          </tr>
        </thead>
        <tbody>
          {rows.map(({ connection, label, hostPattern, resolution }) => (
            <tr key={connection.connectionId}>
              <td>
                <input
                  type="checkbox"
                  aria-label={`Include ${label}`}
                  checked={!excluded.has(connection.connectionId)}
                  onChange={(e) => {
                    const next = new Set(excluded);
                    if (e.target.checked) next.delete(connection.connectionId);
                    else next.add(connection.connectionId);
                    setExcluded(next);
                  }}
                />
              </td>
              <td>{label}</td>
              {withProcess && (
                <td>
                  <input
                    className="mono"
                    aria-label={`Pattern on ${label}`}
                    value={hostPattern}
                    onChange={(e) => setOwn({ ...own, [connection.connectionId]: e.target.value })}
                  />
                </td>
              )}
              {withProcess && <ResolutionCell resolution={resolution} />}
            </tr>
          ))}
        </tbody>
      </table>
      <div className="row">
        {withProcess && (
          <button type="button" onClick={reload} title="List each host's processes again">
            ↻ processes
          </button>
        )}
        <button type="button" disabled={!ready || starting} onClick={start}>
          {starting ? 'Starting…' : `Start on ${planned.length} hosts`}
        </button>
        <button type="button" onClick={onDone}>
          Cancel
        </button>
      </div>
    </div>
  );
}

function ResolutionCell({ resolution }: { resolution: Resolution | string | null }) {
  if (resolution === null) return null;
  if (resolution === 'loading') return <td className="quiet">listing…</td>;
  if (typeof resolution === 'string') return <td className="error">{resolution}</td>;
  return (
    <td
      className={`mono ${resolution.kind === 'none' ? 'warn' : ''}`}
      title={resolution.kind === 'match' ? resolution.command : 'No process holds every word'}
    >
      {resolutionText(resolution)}
    </td>
  );
}
