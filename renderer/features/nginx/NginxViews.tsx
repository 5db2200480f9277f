import { accessLogInsights, errorLogInsights, formatSeconds } from '../../../shared/insights/nginx';
import type { AccessLogModel, ErrorLogModel } from '../../../shared/parsers/nginx/index';
import { Sparkline } from '../../ui/Sparkline';
import { UnparsedFact } from '../../ui/UnparsedFact';

const secs = (v: number | null) => (v === null ? '' : formatSeconds(v));

function Findings({
  findings,
}: {
  findings: { text: string; evidence: string[]; severity: string }[];
}) {
  return (
    <>
      {findings.map((f) => (
        <p
          key={f.text}
          className={`reading ${f.severity === 'warn' ? 'warn' : ''}`}
          title={f.evidence.join('\n')}
        >
          {f.text}
        </p>
      ))}
    </>
  );
}

/** Latency by upstream and status codes over time, from an nginx access log tail. */
export function AccessLogView({
  model,
  unparsedLines,
  overlongLines,
}: {
  model: AccessLogModel | null;
  unparsedLines: number;
  /** Of those, lines too long to keep. */
  overlongLines?: number;
}) {
  if (!model) return <p className="empty">Waiting for log lines…</p>;
  const fivexx = model.buckets.map((b) => b.s5xx);
  const totals = model.buckets.map((b) => b.total);
  return (
    <section className="strace-view" aria-label="nginx access log">
      <header className="threads-summary">
        <div className="facts mono">
          <span>{model.requests.toLocaleString()} requests</span>
          <span>
            p50 {secs(model.overall.p50)} · p95 {secs(model.overall.p95)} · max{' '}
            {secs(model.overall.max)}
          </span>
          <span title="Requests per bucket">
            {totals.length > 0 && (
              <Sparkline
                values={totals}
                max={Math.max(...totals, 1)}
                width={120}
                label="requests over time"
              />
            )}
          </span>
          <span title="5xx per bucket" className="warn">
            {fivexx.some((v) => v > 0) && (
              <Sparkline
                values={fivexx}
                max={Math.max(...fivexx, 1)}
                width={120}
                label="5xx over time"
              />
            )}
          </span>
          <UnparsedFact count={unparsedLines} overlong={overlongLines} />
        </div>
        <Findings findings={accessLogInsights(model)} />
      </header>
      <div className="table-scroll">
        <table className="data-table" aria-label="Latency by upstream">
          <thead>
            <tr>
              <th>upstream</th>
              <th className="num">requests</th>
              <th className="num">p50</th>
              <th className="num">p95</th>
              <th className="num">p99</th>
              <th className="num">max</th>
              <th className="num">failures</th>
              <th>statuses</th>
            </tr>
          </thead>
          <tbody>
            {model.upstreams.map((u) => (
              <tr key={u.upstream}>
                <td className="mono">{u.upstream}</td>
                <td className="num mono">{u.attempts.toLocaleString()}</td>
                <td className="num mono">{secs(u.latency.p50)}</td>
                <td className="num mono">{secs(u.latency.p95)}</td>
                <td className="num mono">{secs(u.latency.p99)}</td>
                <td className="num mono">{secs(u.latency.max)}</td>
                <td className={`num mono ${u.failures > 0 ? 'warn' : ''}`}>{u.failures || ''}</td>
                <td className="mono quiet">
                  {u.statuses.map((s) => `${s.status}×${s.count}`).join(' ')}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <table className="data-table" aria-label="Slowest requests">
          <thead>
            <tr>
              <th className="num">seconds</th>
              <th>time</th>
              <th>request</th>
              <th className="num">status</th>
              <th>spent on</th>
            </tr>
          </thead>
          <tbody>
            {model.slowest.map((r) => (
              <tr key={r.line} title={`${r.upstreamAddr ?? ''} ${r.upstreamTimes ?? ''}`}>
                <td className="num mono">{r.seconds.toFixed(3)}</td>
                <td className="mono quiet">{r.time ?? ''}</td>
                <td className="mono">{r.request}</td>
                <td className="num mono">{r.status}</td>
                <td className="mono">{r.culprit ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

export function ErrorLogView({
  model,
  unparsedLines,
  overlongLines,
}: {
  model: ErrorLogModel | null;
  unparsedLines: number;
  /** Of those, lines too long to keep. */
  overlongLines?: number;
}) {
  if (!model) return <p className="empty">Waiting for log lines…</p>;
  return (
    <section className="strace-view" aria-label="nginx error log">
      <header className="threads-summary">
        <div className="facts mono">
          <span>{model.entries.toLocaleString()} entries</span>
          {model.byLevel.map((l) => (
            <span key={l.level}>
              {l.level} {l.count}
            </span>
          ))}
          <UnparsedFact count={unparsedLines} overlong={overlongLines} />
        </div>
        <Findings findings={errorLogInsights(model)} />
      </header>
      <div className="table-scroll">
        <table className="data-table" aria-label="Errors by kind">
          <thead>
            <tr>
              <th>level</th>
              <th>message</th>
              <th className="num">count</th>
              <th>last</th>
            </tr>
          </thead>
          <tbody>
            {model.byKind.map((k) => (
              <tr key={`${k.level} ${k.kind}`}>
                <td className="mono">{k.level}</td>
                <td>{k.kind}</td>
                <td className="num mono">{k.count}</td>
                <td className="mono quiet">{k.lastTime}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
