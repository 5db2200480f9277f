import { useMemo, useRef, useState } from 'react';
import { useVirtualRows } from '../../ui/useVirtualRows';
import { pythonKind, pythonProcessesFirst, type PsModel } from '../../../shared/parsers/ps/index';
import { UnparsedFact } from '../../ui/UnparsedFact';

/** `ps aux` / `ps -eLf`: Python processes first, filterable. */
export function ProcessesView({
  model,
  unparsedLines,
  overlongLines,
}: {
  model: PsModel | null;
  unparsedLines: number;
  /** Of those, lines too long to keep. */
  overlongLines?: number;
}) {
  const [filter, setFilter] = useState('');
  const rows = useMemo(() => {
    const words = filter.toLowerCase().split(/\s+/).filter(Boolean);
    return pythonProcessesFirst(model?.table?.rows ?? []).filter((r) =>
      words.every((w) => `${r.pid} ${r.user ?? ''} ${r.command}`.toLowerCase().includes(w)),
    );
  }, [model, filter]);
  const scroller = useRef<HTMLDivElement>(null);
  const virtual = useVirtualRows(scroller, rows.length);
  if (!model?.table) return <p className="empty">Waiting for ps output…</p>;
  return (
    <section className="strace-view" aria-label="Processes">
      <header className="threads-summary">
        <div className="facts mono">
          <span>
            {model.table.rows.length} {model.table.kind}
          </span>
          <UnparsedFact count={unparsedLines} overlong={overlongLines} />
        </div>
        <input
          aria-label="Filter processes"
          placeholder="Filter…"
          value={filter}
          onChange={(e) => setFilter(e.target.value)}
        />
      </header>
      <div className="table-scroll" ref={scroller}>
        <table className="data-table" aria-label="Process table">
          <thead>
            <tr>
              <th className="num">PID</th>
              {model.table.kind === 'threads' && <th className="num">TID</th>}
              <th>user</th>
              <th className="num">%CPU</th>
              <th className="num">%MEM</th>
              <th>stat</th>
              <th>command</th>
            </tr>
          </thead>
          <tbody>
            {virtual.padTop > 0 && <tr aria-hidden style={{ height: virtual.padTop }} />}
            {virtual.items.map(({ index: i }) => {
              const r = rows[i];
              if (!r) return null;
              return (
                <tr key={`${r.pid}-${r.tid ?? i}`}>
                  <td className="num mono">{r.pid}</td>
                  {model.table?.kind === 'threads' && <td className="num mono">{r.tid ?? ''}</td>}
                  <td className="mono">{r.user ?? ''}</td>
                  <td className="num mono">{r.cpuPercent?.toFixed(1) ?? ''}</td>
                  <td className="num mono">{r.memPercent?.toFixed(1) ?? ''}</td>
                  <td className="mono">{r.stat ?? ''}</td>
                  <td className="mono">
                    {pythonKind(r) && <span className="badge">{pythonKind(r)}</span>}
                    {r.command}
                  </td>
                </tr>
              );
            })}
            {virtual.padBottom > 0 && <tr aria-hidden style={{ height: virtual.padBottom }} />}
          </tbody>
        </table>
      </div>
    </section>
  );
}
