import { useMemo, useRef, useState } from 'react';
import { useVirtualRows } from '../../ui/useVirtualRows';
import { threadTotals } from '../../../shared/insights/threadTotals';
import { knownCores } from '../../state/hostsSlice';
import { useAppStore } from '../../state/store';
import { Sparkline } from '../../ui/Sparkline';
import { ThreadActions } from './ThreadActions';
import { useParsed } from '../../captures/useParsed';
import { emptyThreadsView, NOTHING_KEPT, shownThreads, type KeptThreads } from './lastRows';
import { ThreadSummary } from './ThreadSummary';
import {
  coresUsed,
  DEFAULT_THREAD_SORT,
  formatCpuTime,
  sortThreadRows,
  type ThreadSort,
  type ThreadSortKey,
} from './threadRows';

interface Props {
  terminalId: string;
  connectionId: string;
  /** The process of `top -H -p`; null for the whole host (`top` without -p). */
  pid: number | null;
}

const COLUMNS: { key: ThreadSortKey; label: string; numeric: boolean; title: string }[] = [
  {
    key: 'pid',
    label: 'TID',
    numeric: true,
    title: 'Thread id: the key shared with py-spy and strace',
  },
  { key: 'command', label: 'Name', numeric: false, title: 'Thread name (comm)' },
  {
    key: 'state',
    label: 'S',
    numeric: false,
    title: 'R running, S sleeping, D disk wait, T stopped, Z zombie',
  },
  {
    key: 'cpuPercent',
    label: '%CPU',
    numeric: true,
    title: '100 % = one whole core (top Irix mode)',
  },
  {
    key: 'cpuTimeSeconds',
    label: 'TIME+',
    numeric: true,
    title: 'CPU time used since the thread started',
  },
];

/** The live thread table of one `top -H -p` capture: sortable, CPU as % and as cores. */
export function ThreadTable({ terminalId, connectionId, pid }: Props) {
  const parsed = useParsed(terminalId, 'top');
  const live = useMemo(
    () => (parsed ? { ...parsed.model, unparsedLines: parsed.unparsedLines } : emptyThreadsView),
    [parsed],
  );
  // Once the process exits, top -p prints empty frames: keep the rows it last had.
  const kept = useRef<KeptThreads>(NOTHING_KEPT);
  const shown = shownThreads(kept.current, live, pid);
  kept.current = shown.kept;
  const view = shown.view;
  const cores = useAppStore((s) => knownCores(s, connectionId));
  const [sort, setSort] = useState<ThreadSort>(DEFAULT_THREAD_SORT);
  const [selected, setSelected] = useState<number | null>(null);
  const totals = useMemo(
    () => (view.frame ? threadTotals(view.frame, pid) : null),
    [view.frame, pid],
  );
  // The row that shows the process total is pinned on top, apart from the real threads.
  const totalRow = view.frame?.rows.find((r) => r.pid === totals?.totalRowTid) ?? null;
  const rows = useMemo(
    () =>
      sortThreadRows(
        (view.frame?.rows ?? []).filter((r) => r !== totalRow),
        sort,
      ),
    [view.frame, totalRow, sort],
  );
  const displayed = totalRow ? [totalRow, ...rows] : rows;
  const scroller = useRef<HTMLDivElement>(null);
  const virtual = useVirtualRows(scroller, displayed.length);

  const sortBy = (key: ThreadSortKey) =>
    setSort((s) =>
      s.key === key
        ? { key, descending: !s.descending }
        : { key, descending: key !== 'command' && key !== 'state' && key !== 'pid' },
    );

  const onKeyDown = (event: React.KeyboardEvent) => {
    if (selected !== null && !event.ctrlKey && !event.altKey && !event.metaKey) {
      const recipe = ({ s: 'pyspy-dump', g: 'gdb-pybt', t: 'strace' } as const)[
        event.key.toLowerCase() as 's' | 'g' | 't'
      ];
      if (recipe) {
        event.preventDefault();
        // strace traces the thread alone (no -f); the stack tools dump the whole process.
        const request =
          recipe === 'strace'
            ? { recipe, pid: selected, followThreads: false, connectionId }
            : { recipe, pid: pid ?? selected, focusTid: selected, connectionId };
        useAppStore.getState().captureRequested(request);
        return;
      }
    }
    if (rows.length === 0 || (event.key !== 'ArrowDown' && event.key !== 'ArrowUp')) return;
    event.preventDefault();
    const index = rows.findIndex((r) => r.pid === selected);
    const next =
      event.key === 'ArrowDown' ? Math.min(rows.length - 1, index + 1) : Math.max(0, index - 1);
    setSelected(rows[next]?.pid ?? null);
    virtual.scrollToIndex(next + (totalRow ? 1 : 0));
  };

  return (
    <section
      className="threads-view"
      aria-label={pid === null ? 'Host tasks' : `Threads of process ${pid}`}
    >
      <ThreadSummary view={view} totals={totals} cores={cores} pid={pid} gone={shown.gone} />
      {selected !== null && <ThreadActions connectionId={connectionId} pid={pid} tid={selected} />}
      {view.frame === null ? (
        <p className="empty">Waiting for the first frame from top…</p>
      ) : (
        <div className="table-scroll" tabIndex={0} onKeyDown={onKeyDown} ref={scroller}>
          <table className="data-table" aria-label="Thread table">
            <thead>
              <tr>
                {COLUMNS.map((c) => (
                  <th
                    key={c.key}
                    className={c.numeric ? 'num' : ''}
                    title={c.title}
                    aria-sort={
                      sort.key === c.key ? (sort.descending ? 'descending' : 'ascending') : 'none'
                    }
                  >
                    <button type="button" onClick={() => sortBy(c.key)}>
                      {c.label}
                      {sort.key === c.key ? (sort.descending ? ' ▾' : ' ▴') : ''}
                    </button>
                  </th>
                ))}
                <th className="num" title="%CPU as cores used, out of the host's cores">
                  Cores
                </th>
                <th title="%CPU over the last minute">History</th>
              </tr>
            </thead>
            <tbody>
              {virtual.padTop > 0 && <tr aria-hidden style={{ height: virtual.padTop }} />}
              {virtual.items.map(({ index }) => {
                const row = displayed[index];
                if (!row) return null;
                const isTotal = row === totalRow;
                const isBusiest = row === totals?.busiest;
                const used = coresUsed(row.cpuPercent);
                const share = cores ? Math.min(1, used / cores) : Math.min(1, used);
                return (
                  <tr
                    key={row.pid}
                    data-tid={row.pid}
                    aria-selected={row.pid === selected}
                    data-role={isTotal ? 'process-total' : isBusiest ? 'busiest' : undefined}
                    className={[
                      row.pid === selected ? 'selected' : '',
                      isTotal ? 'total-row' : '',
                      isBusiest && row.cpuPercent >= 50 ? 'hot' : '',
                    ]
                      .join(' ')
                      .trim()}
                    title={
                      isTotal ? 'Process total: procps prints it on the main thread row' : undefined
                    }
                    onClick={() => setSelected(row.pid)}
                  >
                    <td className="num mono">
                      {isTotal && <span className="badge">Σ</span>}
                      {row.pid}
                    </td>
                    <td className="mono">{row.command}</td>
                    <td className={`state state-${row.state}`}>{row.state}</td>
                    <td className="num mono">{row.cpuPercent.toFixed(1)}</td>
                    <td className="num mono">{formatCpuTime(row.cpuTimeSeconds)}</td>
                    <td className="num mono cores-cell">
                      <span
                        className="core-bar"
                        style={{ width: `${(share * 100).toFixed(1)}%` }}
                      />
                      <span className="core-text">
                        {used.toFixed(2)}
                        {cores ? ` / ${cores}` : ''}
                      </span>
                    </td>
                    <td>
                      <Sparkline
                        values={view.history[row.pid] ?? []}
                        max={100}
                        label={`CPU history of thread ${row.pid}`}
                      />
                    </td>
                  </tr>
                );
              })}
              {virtual.padBottom > 0 && <tr aria-hidden style={{ height: virtual.padBottom }} />}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
