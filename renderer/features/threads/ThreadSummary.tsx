import type { ThreadTotals } from '../../../shared/insights/threadTotals';
import type { ThreadsView } from './lastRows';
import type { ShownThreads } from './lastRows';

interface Props {
  view: ThreadsView;
  totals: ThreadTotals | null;
  cores: number | null;
  pid: number | null;
  /** The process of `top -p` has gone: the view holds its last rows. */
  gone?: ShownThreads['gone'];
}

const pct = (value: number) => `${value.toFixed(1)} %`;

/** One line of facts and a plain-word reading of the latest frame. */
export function ThreadSummary({ view, totals, cores, pid, gone = null }: Props) {
  const frame = view.frame;
  const goneNote = gone && pid !== null && (
    <p className="reading gone-note" role="status">
      {gone.lastRowsAt !== null ? (
        <>
          Process <b className="mono">{pid}</b> exited
          {gone.at ? ` between ${gone.lastRowsAt} and ${gone.at}` : ''}; showing the last rows, from{' '}
          {gone.lastRowsAt}.
        </>
      ) : (
        <>
          top lists no thread of process <b className="mono">{pid}</b>
          {gone.at ? ` at ${gone.at}` : ''}: it is not running.
        </>
      )}
    </p>
  );
  if (!frame || !totals)
    return (
      <header className="threads-summary">
        {pid === null ? 'top' : `top -H -p ${pid}`}: waiting for output
      </header>
    );
  const { summary, rows } = frame;
  const load = summary.load
    ? `${summary.load.one.toFixed(2)} ${summary.load.five.toFixed(2)} ${summary.load.fifteen.toFixed(2)}`
    : '?';
  const hostBusy = summary.cpu ? pct(100 - summary.cpu.id) : '?';
  const busiest = totals.busiest;
  const threadCount = rows.length;

  return (
    <header className="threads-summary">
      {goneNote}
      <div className="facts mono">
        <span title="Load average over 1, 5 and 15 minutes">load {load}</span>
        <span>{cores ? `${cores} cores` : 'cores ?'}</span>
        <span title="The whole host: 100 − idle">host CPU {hostBusy}</span>
        {summary.memKiB && (
          <span title="Memory used / total">
            mem {(summary.memKiB.used / 1048576).toFixed(1)} /{' '}
            {(summary.memKiB.total / 1048576).toFixed(1)} GiB
          </span>
        )}
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
        {pid === null ? 'The listed tasks use' : `Process ${pid} ${gone ? 'used' : 'uses'}`}{' '}
        <b>{totals.processCores.toFixed(2)} cores</b>
        {cores
          ? `, which host-wide monitoring shows as ~${Math.round((totals.processCores / cores) * 100)} % of ${cores} cores`
          : ''}
        .
        {busiest && busiest.cpuPercent >= 1 && (
          <>
            {' '}
            Busiest {pid === null ? `task ${busiest.command}` : 'thread'}{' '}
            <b className="mono">{busiest.pid}</b> at {pct(busiest.cpuPercent)} of one core.
          </>
        )}
      </p>
      {pid === null && summary.load && cores && (
        <p className="reading">
          Load {summary.load.one.toFixed(2)} on {cores} cores ={' '}
          {(summary.load.one / cores).toFixed(2)} per core
          {summary.load.one > cores ? ': more runnable tasks than cores, work is queueing.' : '.'}
          {summary.cpu && summary.cpu.wa >= 10
            ? ` ${summary.cpu.wa.toFixed(1)} % of CPU time waits for I/O.`
            : ''}
          {summary.cpu && summary.cpu.st >= 5
            ? ` ${summary.cpu.st.toFixed(1)} % stolen by the hypervisor.`
            : ''}
        </p>
      )}
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
