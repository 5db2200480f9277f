import { useEffect, useMemo, useState } from 'react';
import type { ProcessRow } from '../../../shared/contract/index';
import { workbenchClient } from '../../state/client';

interface Props {
  connectionId: string;
  onPick(row: ProcessRow): void;
}

/** A live `ps` listing of the host, Python processes first, filtered by typing; Enter picks. */
export function ProcessPicker({ connectionId, onPick }: Props) {
  const [rows, setRows] = useState<ProcessRow[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [filter, setFilter] = useState('');
  const [cursor, setCursor] = useState(0);

  const load = () => {
    setError(null);
    workbenchClient()
      .call('processes.list', { connectionId })
      .then((result) => setRows(result.rows))
      .catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)));
  };
  useEffect(load, [connectionId]);

  const shown = useMemo(() => {
    const words = filter.toLowerCase().split(/\s+/).filter(Boolean);
    return (rows ?? []).filter((r) => {
      const text = `${r.pid} ${r.user ?? ''} ${r.python ?? ''} ${r.command}`.toLowerCase();
      return words.every((w) => text.includes(w));
    });
  }, [rows, filter]);

  const onKeyDown = (event: React.KeyboardEvent) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      setCursor((c) =>
        Math.max(0, Math.min(shown.length - 1, c + (event.key === 'ArrowDown' ? 1 : -1))),
      );
    } else if (event.key === 'Enter') {
      event.preventDefault();
      const row = shown[cursor];
      if (row) onPick(row);
    }
  };

  return (
    <div className="process-picker" aria-label="Process picker">
      <div className="row">
        <input
          autoFocus
          aria-label="Filter processes"
          placeholder="Filter: name, user, PID, words of the command…  (↑↓ Enter)"
          value={filter}
          onChange={(e) => {
            setFilter(e.target.value);
            setCursor(0);
          }}
          onKeyDown={onKeyDown}
        />
        <button type="button" onClick={load} title="List the processes again">
          ↻
        </button>
      </div>
      {error && <p className="error">{error}</p>}
      {!rows && !error && <p className="quiet">Listing processes…</p>}
      {rows && (
        <div className="picker-list" role="listbox" aria-label="Processes">
          {shown.slice(0, 200).map((row, index) => (
            <div
              key={row.pid}
              role="option"
              aria-selected={index === cursor}
              className={`picker-row ${index === cursor ? 'cursor' : ''}`}
              onMouseEnter={() => setCursor(index)}
              onClick={() => onPick(row)}
              title={row.command}
            >
              <span className="mono pid">{row.pid}</span>
              <span className={row.python ? 'py-tag' : 'quiet'}>{row.python ?? row.name}</span>
              <span className="mono num">{row.cpuPercent?.toFixed(1) ?? '?'}%</span>
              <span className="mono num quiet">{row.threads ?? '?'} thr</span>
              <span className="quiet">{row.user}</span>
              <span className="mono cmd">{row.command}</span>
            </div>
          ))}
          {shown.length === 0 && <p className="quiet">No process matches.</p>}
        </div>
      )}
    </div>
  );
}
