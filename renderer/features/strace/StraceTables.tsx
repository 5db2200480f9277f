import { memo } from 'react';
import {
  isFailure,
  STRACE_RECENT_SHOWN,
  type StraceErrorGroup,
  type StraceEvent,
  type StraceSyscallStats,
  type StraceThreadStats,
  type StraceThreadTimeline,
} from '../../../shared/parsers/strace/index';
import { Sparkline } from '../../ui/Sparkline';

// The live view's tables, one per tab. Each is memoised on the parts of the model it shows: a
// click on another tab, or a model that left its part as it was, does not render it again.

const ms = (seconds: number) => (seconds * 1000).toFixed(seconds < 0.01 ? 3 : 1);

export const StraceCallsTable = memo(function StraceCallsTable({
  syscalls,
  hasDurations,
  failures,
}: {
  syscalls: readonly StraceSyscallStats[];
  hasDurations: boolean;
  /** Failed calls per syscall, routine results (EAGAIN, EINPROGRESS…) left out. */
  failures: ReadonlyMap<string, number>;
}) {
  return (
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
        {syscalls.map((s) => (
          <tr key={s.name}>
            <td className="mono">{s.name}</td>
            <td className="num mono">{s.count.toLocaleString()}</td>
            <td
              className={`num mono ${(failures.get(s.name) ?? 0) > 0 ? 'warn' : ''}`}
              title={
                s.errors > 0 ? `${failures.get(s.name) ?? 0} of them real failures` : undefined
              }
            >
              {s.errors ? s.errors.toLocaleString() : ''}
            </td>
            <td className="num mono">{hasDurations ? ms(s.totalTime) : ''}</td>
            <td className="num mono">{hasDurations && s.count ? ms(s.totalTime / s.count) : ''}</td>
            <td className="num mono">{hasDurations ? ms(s.maxTime) : ''}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
});

export const StraceErrorsTable = memo(function StraceErrorsTable({
  errorGroups,
}: {
  errorGroups: readonly StraceErrorGroup[];
}) {
  return (
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
        {errorGroups.map((g) => (
          <tr key={`${g.syscall} ${g.errno} ${g.path}`} title={g.example}>
            <td className="mono">{g.syscall}</td>
            <td className={`mono ${isFailure(g.syscall, g.errno) ? 'warn' : ''}`}>{g.errno}</td>
            <td className="mono">{g.path ?? ''}</td>
            <td className="num mono">{g.count.toLocaleString()}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
});

export const StraceThreadsTable = memo(function StraceThreadsTable({
  threads,
  timeline,
  tracedPid,
}: {
  threads: readonly StraceThreadStats[];
  timeline: readonly StraceThreadTimeline[];
  tracedPid: number | null | undefined;
}) {
  return (
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
        {threads.map((t) => {
          const line = timeline.find((l) => !l.all && l.pid === t.pid);
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
  );
});

export const StraceRecentList = memo(function StraceRecentList({
  recent,
}: {
  recent: readonly StraceEvent[];
}) {
  return (
    <ol className="recent-events mono">
      {recent.slice(-STRACE_RECENT_SHOWN).map((e, i) => (
        <li key={i}>
          {'name' in e
            ? `${e.pid ?? ''} ${e.name}(${e.args.slice(0, 120)})${'result' in e ? ` = ${e.result}` : ''}`
            : 'text' in e
              ? e.text
              : e.kind}
        </li>
      ))}
    </ol>
  );
});
