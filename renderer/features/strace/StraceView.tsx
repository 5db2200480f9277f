import { useState } from 'react';
import { straceFindings } from '../../../shared/insights/strace';
import type {
  StraceModel,
  StraceSummary,
  StraceSummaryRow,
} from '../../../shared/parsers/strace/index';
import { Sparkline } from '../../ui/Sparkline';
import { UnparsedFact } from '../../ui/UnparsedFact';

const ms = (seconds: number) => (seconds * 1000).toFixed(seconds < 0.01 ? 3 : 1);

const SummaryCells = ({ row }: { row: StraceSummaryRow }) => (
  <>
    <td className="mono">{row.name}</td>
    <td className="num mono">{row.percentTime?.toFixed(2) ?? ''}</td>
    <td className="num mono">{row.seconds?.toFixed(6) ?? ''}</td>
    <td className="num mono">{row.usecsPerCall ?? ''}</td>
    <td className="num mono">{row.calls ?? ''}</td>
    <td className={`num mono ${row.errors > 0 ? 'warn' : ''}`}>{row.errors || ''}</td>
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

/** Live strace: the loop detector's verdict, calls per syscall, errors by errno and path, per-thread activity. */
export function StraceView({
  model,
  unparsedLines,
  overlongLines,
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
  if (!model) return <p className="empty">Waiting for strace output…</p>;
  const failures = model.messages.filter((m) => m.error);
  return (
    <section className="strace-view" aria-label="Syscalls">
      <header className="threads-summary">
        <div className="facts mono">
          <span>{model.calls.toLocaleString()} calls</span>
          <span className={model.errors > 0 ? 'warn' : ''}>
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
          <table className="data-table" aria-label="Calls per syscall">
            <thead>
              <tr>
                <th>syscall</th>
                <th className="num">calls</th>
                <th className="num">errors</th>
                <th className="num">total ms</th>
                <th className="num">mean ms</th>
                <th className="num">max ms</th>
              </tr>
            </thead>
            <tbody>
              {model.syscalls.map((s) => (
                <tr key={s.name}>
                  <td className="mono">{s.name}</td>
                  <td className="num mono">{s.count.toLocaleString()}</td>
                  <td className={`num mono ${s.errors > 0 ? 'warn' : ''}`}>
                    {s.errors ? s.errors.toLocaleString() : ''}
                  </td>
                  <td className="num mono">{model.hasDurations ? ms(s.totalTime) : ''}</td>
                  <td className="num mono">
                    {model.hasDurations && s.count ? ms(s.totalTime / s.count) : ''}
                  </td>
                  <td className="num mono">{model.hasDurations ? ms(s.maxTime) : ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {tab === 'errors' && (
          <table className="data-table" aria-label="Errors by errno and path">
            <thead>
              <tr>
                <th>syscall</th>
                <th>errno</th>
                <th>path</th>
                <th className="num">count</th>
              </tr>
            </thead>
            <tbody>
              {model.errorGroups.map((g) => (
                <tr key={`${g.syscall} ${g.errno} ${g.path}`} title={g.example}>
                  <td className="mono">{g.syscall}</td>
                  <td className="mono warn">{g.errno}</td>
                  <td className="mono">{g.path ?? ''}</td>
                  <td className="num mono">{g.count.toLocaleString()}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {tab === 'threads' && (
          <table className="data-table" aria-label="Threads">
            <thead>
              <tr>
                <th className="num">TID</th>
                <th className="num">calls</th>
                <th className="num">errors</th>
                <th>last call</th>
                <th>calls per second</th>
              </tr>
            </thead>
            <tbody>
              {model.threads.map((t) => {
                const line = model.timeline.find((l) => !l.all && l.pid === t.pid);
                const counts = line?.buckets.map((b) => b.count) ?? [];
                return (
                  <tr key={String(t.pid)}>
                    <td className="num mono">{t.pid ?? tracedPid ?? '-'}</td>
                    <td className="num mono">{t.count.toLocaleString()}</td>
                    <td className="num mono">{t.errors ? t.errors.toLocaleString() : ''}</td>
                    <td className="mono">{t.lastCall ?? ''}</td>
                    <td>
                      {counts.length > 0 && (
                        <Sparkline
                          values={counts}
                          max={Math.max(...counts, 1)}
                          width={160}
                          label={`calls per second of ${t.pid}`}
                        />
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
        {tab === 'recent' && (
          <ol className="recent-events mono">
            {model.recent.slice(-300).map((e, i) => (
              <li key={i}>
                {'name' in e
                  ? `${e.pid ?? ''} ${e.name}(${e.args.slice(0, 120)})${'result' in e ? ` = ${e.result}` : ''}`
                  : 'text' in e
                    ? e.text
                    : e.kind}
              </li>
            ))}
          </ol>
        )}
      </div>
    </section>
  );
}
