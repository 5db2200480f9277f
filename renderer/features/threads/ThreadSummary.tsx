import type { ThreadsView } from '../../state/threadsSlice';
import { coresUsed } from './threadRows';

interface Props {
  view: ThreadsView;
  cores: number | null;
  pid: number;
}

/** One line of facts and one plain-word reading of the latest frame. */
export function ThreadSummary({ view, cores, pid }: Props) {
  const frame = view.frame;
  if (!frame) return <header className="threads-summary">top -H -p {pid}</header>;
  const { summary, rows } = frame;
  const total = rows.reduce((sum, r) => sum + r.cpuPercent, 0);
  const busiest = rows.reduce<(typeof rows)[number] | undefined>(
    (best, r) => (!best || r.cpuPercent > best.cpuPercent ? r : best),
    undefined,
  );
  const load = summary.load
    ? `${summary.load.one.toFixed(2)} ${summary.load.five.toFixed(2)} ${summary.load.fifteen.toFixed(2)}`
    : '?';
  const hostBusy = summary.cpu ? (100 - summary.cpu.id).toFixed(1) : '?';

  return (
    <header className="threads-summary">
      <div className="facts mono">
        <span title="Load average 1, 5, 15 min">load {load}</span>
        <span>{cores ? `${cores} cores` : 'cores ?'}</span>
        <span title="Whole host busy (100 − idle)">host CPU {hostBusy} %</span>
        <span>
          {rows.length} threads{summary.tasks ? `, ${summary.tasks.running} running` : ''}
        </span>
        <span title="Sum of the threads' %CPU">process {coresUsed(total).toFixed(2)} cores</span>
        <span
          className={view.unparsedLines > 0 ? 'warn' : 'quiet'}
          title="Lines of top output the parser did not understand"
        >
          {view.unparsedLines} unparsed
        </span>
      </div>
      {busiest && busiest.cpuPercent >= 1 && (
        <p className="reading">
          Busiest thread <b className="mono">{busiest.pid}</b> uses {busiest.cpuPercent.toFixed(1)}{' '}
          % of one core
          {cores
            ? ` = ${coresUsed(busiest.cpuPercent).toFixed(2)} of ${cores} cores, which host-wide monitoring shows as ~${Math.round(busiest.cpuPercent / cores)} %`
            : ''}
          .
        </p>
      )}
    </header>
  );
}
