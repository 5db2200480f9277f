import { memo, useDeferredValue, useMemo, useState } from 'react';
import { straceFindings } from '../../../shared/insights/strace';
import {
  errorsMayBeRoutine,
  failuresBySyscall,
  type StraceModel,
  type StraceSummary,
  type StraceSummaryRow,
} from '../../../shared/parsers/strace/index';
import {
  StraceCallsTable,
  StraceErrorsTable,
  StraceRecentList,
  StraceThreadsTable,
} from './StraceTables';
import { UnparsedFact } from '../../ui/UnparsedFact';

const SummaryCells = ({ row }: { row: StraceSummaryRow }) => (
  <>
    <td className="mono">{row.name}</td>
    <td className="num mono">{row.percentTime?.toFixed(2) ?? ''}</td>
    <td className="num mono">{row.seconds?.toFixed(6) ?? ''}</td>
    <td className="num mono">{row.usecsPerCall ?? ''}</td>
    <td className="num mono">{row.calls ?? ''}</td>
    {/* The table has no errno: futex, connect… errors may all be routine (EAGAIN, EINPROGRESS). */}
    <td className={`num mono ${row.errors > 0 && !errorsMayBeRoutine(row.name) ? 'warn' : ''}`}>
      {row.errors || ''}
    </td>
  </>
);

export function StraceSummaryTable({
  summary,
  unparsedLines,
  overlongLines,
}: {
  summary: StraceSummary | null;
  /** Given for a `strace -c` capture on its own (not inside the live view). */
  unparsedLines?: number;
  /** Of those, lines too long to keep. */
  overlongLines?: number;
}) {
  if (!summary || summary.rows.length === 0)
    return <p className="empty">Waiting for the strace -c table (printed when the time is up)…</p>;
  const table = (
    <table className="data-table" aria-label="Syscall summary">
      <thead>
        <tr>
          <th>syscall</th>
          <th className="num">% time</th>
          <th className="num">seconds</th>
          <th className="num">µs/call</th>
          <th className="num">calls</th>
          <th className="num">errors</th>
        </tr>
      </thead>
      <tbody>
        {summary.rows.map((r) => (
          <tr key={r.name}>
            <SummaryCells row={r} />
          </tr>
        ))}
      </tbody>
      {summary.total && (
        <tfoot>
          <tr className="total-row">
            <SummaryCells row={summary.total} />
          </tr>
        </tfoot>
      )}
    </table>
  );
  if (unparsedLines === undefined) return table;
  return (
    <section className="strace-view" aria-label="strace -c">
      <header className="threads-summary">
        <div className="facts mono">
          <span>{summary.rows.length} syscalls</span>
          <UnparsedFact count={unparsedLines} overlong={overlongLines} />
        </div>
      </header>
      <div className="table-scroll">{table}</div>
    </section>
  );
}

/** The counts, the findings and the failure messages: memoised on the model, not on the tab. */
const StraceHeader = memo(function StraceHeader({
  model,
  unparsedLines,
  overlongLines,
}: {
  model: StraceModel;
  unparsedLines: number;
  overlongLines: number | undefined;
}) {
  const failures = model.messages.filter((m) => m.error);
  const failedCalls = [...failuresBySyscall(model.errorGroups).values()].reduce((a, n) => a + n, 0);
  return (
    <header className="threads-summary">
      <div className="facts mono">
        <span>{model.calls.toLocaleString()} calls</span>
        <span
          className={failedCalls > 0 || model.otherErrors > 0 ? 'warn' : ''}
          title={`${failedCalls.toLocaleString()} real failures; the rest are routine (EAGAIN, EINPROGRESS, timed waits)`}
        >
          {model.errors.toLocaleString()} errors
        </span>
        <span>{model.threads.length} threads</span>
        {model.firstTimeRaw && (
          <span>
            {model.firstTimeRaw} → {model.lastTimeRaw}
          </span>
        )}
        <UnparsedFact count={unparsedLines} overlong={overlongLines} />
      </div>
      {straceFindings(model).map((f) => (
        <p
          key={f.text}
          className={`reading ${f.severity === 'warn' ? 'warn' : ''}`}
          title={f.evidence.join('\n')}
        >
          {f.text}
        </p>
      ))}
      {failures.map((m) => (
        <p key={m.line} className="error" role="alert">
          {m.text}
        </p>
      ))}
    </header>
  );
});

/** Live strace: the loop detector's verdict, calls per syscall, errors by errno and path, per-thread activity. */
export function StraceView({
  model: liveModel,
  unparsedLines: liveUnparsed,
  overlongLines: liveOverlong,
  tracedPid,
}: {
  model: StraceModel | null;
  unparsedLines: number;
  /** Of those, lines too long to keep. */
  overlongLines?: number;
  /** The PID or TID given to `strace -p`: lines without a `[pid N]` prefix are its. */
  tracedPid?: number | null;
}) {
  const [tab, setTab] = useState<'calls' | 'errors' | 'threads' | 'recent'>('calls');
  // A new model is not input: it renders in the background, and a click or key interrupts it.
  const model = useDeferredValue(liveModel);
  const unparsedLines = useDeferredValue(liveUnparsed);
  const overlongLines = useDeferredValue(liveOverlong);
  const errorGroups = model?.errorGroups;
  const failures = useMemo(() => failuresBySyscall(errorGroups ?? []), [errorGroups]);
  if (!model) return <p className="empty">Waiting for strace output…</p>;
  return (
    <section className="strace-view" aria-label="Syscalls">
      <StraceHeader model={model} unparsedLines={unparsedLines} overlongLines={overlongLines} />
      <nav className="view-tabs" role="tablist">
        {(['calls', 'errors', 'threads', 'recent'] as const).map((t) => (
          <button
            key={t}
            type="button"
            role="tab"
            aria-selected={tab === t}
            onClick={() => setTab(t)}
          >
            {t}
          </button>
        ))}
      </nav>
      <div className="table-scroll">
        {tab === 'calls' && (
          <StraceCallsTable
            syscalls={model.syscalls}
            hasDurations={model.hasDurations}
            failures={failures}
          />
        )}
        {tab === 'errors' && <StraceErrorsTable errorGroups={model.errorGroups} />}
        {tab === 'threads' && (
          <StraceThreadsTable
            threads={model.threads}
            timeline={model.timeline}
            tracedPid={tracedPid}
          />
        )}
        {tab === 'recent' && <StraceRecentList recent={model.recent} />}
      </div>
    </section>
  );
}
