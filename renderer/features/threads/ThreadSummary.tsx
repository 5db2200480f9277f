import type { ThreadTotals } from '../../../shared/insights/threadTotals';
import type { ThreadsView } from '../../state/threadsSlice';

interface Props {
  view: ThreadsView;
  totals: ThreadTotals | null;
  cores: number | null;
  pid: number;
}

const pct = (value: number) => `${value.toFixed(1)} %`;

/** One line of facts and a plain-word reading of the latest frame. */
export function ThreadSummary({ view, totals, cores, pid }: Props) {
  const frame = view.frame;
  if (!frame || !totals)
    return <header className="threads-summary">top -H -p {pid}: waiting for output</header>;
  const { summary, rows } = frame;
  const load = summary.load
    ? `${summary.load.one.toFixed(2)} ${summary.load.five.toFixed(2)} ${summary.load.fifteen.toFixed(2)}`
    : '?';
  const hostBusy = summary.cpu ? pct(100 - summary.cpu.id) : '?';
  const busiest = totals.busiest;
  const threadCount = rows.length;

  return (
    <header className="threads-summary">
      <div className="facts mono">
        <span title="Load average over 1, 5 and 15 minutes">load {load}</span>
        <span>{cores ? `${cores} cores` : 'cores ?'}</span>
        <span title="The whole host: 100 − idle">host CPU {hostBusy}</span>
        <span>
          {threadCount} threads{summary.tasks ? `, ${summary.tasks.running} running` : ''}
        </span>
        <span title="CPU of the whole process, in cores">
          process {totals.processCores.toFixed(2)}
          {cores ? ` / ${cores}` : ''} cores
        </span>
        <span
          className={view.unparsedLines > 0 ? 'warn' : 'quiet'}
          title="Lines of top output the parser did not understand"
        >
          {view.unparsedLines} unparsed
        </span>
      </div>
      <p className="reading">
        Process {pid} uses <b>{totals.processCores.toFixed(2)} cores</b>
        {cores
          ? `, which host-wide monitoring shows as ~${Math.round((totals.processCores / cores) * 100)} % of ${cores} cores`
          : ''}
        .
        {busiest && busiest.cpuPercent >= 1 && (
          <>
            {' '}
            Busiest thread <b className="mono">{busiest.pid}</b> at {pct(busiest.cpuPercent)} of one
            core.
          </>
        )}
      </p>
      {totals.totalRowTid !== null && (
        <p className="reading quiet" role="note">
          Row <span className="mono">{totals.totalRowTid}</span> (Σ) is the whole process, not the
          main thread: this procps prints the process total on the main thread's row (its TIME+
          equals the sum of all threads). It is left out of "busiest".
        </p>
      )}
    </header>
  );
}
