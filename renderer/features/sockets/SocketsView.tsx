import type { SsModel, SsProcess } from '../../../shared/parsers/ss/index';
import { UnparsedFact } from '../../ui/UnparsedFact';

/** `users:(("python3",pid=12,fd=6))` as words: "python3 12" (several owners comma-separated). */
const owners = (processes: SsProcess[]): string =>
  [...new Set(processes.map((p) => `${p.name} ${p.pid}`))].join(', ');

/** `ss -tanp`: listen queues (full ones first), connections by state and by peer. */
export function SocketsView({
  model,
  unparsedLines,
  overlongLines,
}: {
  model: SsModel | null;
  unparsedLines: number;
  /** Of those, lines too long to keep. */
  overlongLines?: number;
}) {
  if (!model) return <p className="empty">Waiting for ss output…</p>;
  return (
    <section className="strace-view" aria-label="Sockets">
      <header className="threads-summary">
        <div className="facts mono">
          <span>{model.total} sockets</span>
          {model.byState.map((s) => (
            <span key={s.key}>
              {s.key} {s.count}
            </span>
          ))}
          <UnparsedFact count={unparsedLines} overlong={overlongLines} />
        </div>
        {model.fullQueues > 0 && (
          <p className="reading warn" role="note">
            {model.fullQueues} listening socket(s) have a full accept queue: connections wait or are
            dropped before the application accepts them.
          </p>
        )}
      </header>
      <div className="table-scroll">
        <table className="data-table" aria-label="Listening sockets">
          <thead>
            <tr>
              <th>listening on</th>
              <th className="num">accept queue</th>
              <th className="num">backlog</th>
              <th>process</th>
            </tr>
          </thead>
          <tbody>
            {model.listening.map((l) => (
              <tr key={l.local.text} className={l.queueFull ? 'hot' : ''}>
                <td className="mono">{l.local.text}</td>
                <td className="num mono">{l.acceptQueue}</td>
                <td className="num mono">{l.backlog}</td>
                <td className="mono">{owners(l.processes)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {model.byProcess.length > 0 && (
          <table className="data-table" aria-label="Sockets by process">
            <thead>
              <tr>
                <th className="num">PID</th>
                <th>process</th>
                <th className="num">sockets</th>
                <th className="num">listening</th>
                <th className="num">established</th>
              </tr>
            </thead>
            <tbody>
              {model.byProcess.map((p) => (
                <tr key={`${p.name} ${p.pid}`}>
                  <td className="num mono">{p.pid}</td>
                  <td className="mono">{p.name}</td>
                  <td className="num mono">{p.sockets}</td>
                  <td className="num mono">{p.listening || ''}</td>
                  <td className="num mono">{p.established || ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <table className="data-table" aria-label="Connections by peer">
          <thead>
            <tr>
              <th>peer</th>
              <th className="num">connections</th>
            </tr>
          </thead>
          <tbody>
            {model.byPeer.map((p) => (
              <tr key={p.key}>
                <td className="mono">{p.key}</td>
                <td className="num mono">{p.count}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
