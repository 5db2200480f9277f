import { pyspyTopReading } from '../../../shared/insights/pyspyTop';
import type { PySpyTopModel } from '../../../shared/parsers/pyspy/index';
import { UnparsedFact } from '../../ui/UnparsedFact';

/** `py-spy top`, read from its emulated screen: GIL and activity, and the functions by own time. */
export function PySpyTopView({
  model,
  unparsedLines,
  overlongLines,
}: {
  model: PySpyTopModel | null;
  unparsedLines: number;
  /** Of those, lines too long to keep. */
  overlongLines?: number;
}) {
  if (!model || !model.hasTable)
    return <p className="empty">Waiting for py-spy top's first screen…</p>;
  const reading = pyspyTopReading(model);
  return (
    <section className="strace-view" aria-label="py-spy top">
      <header className="threads-summary">
        <div className="facts mono">
          <span>GIL {model.gilPercent ?? '?'} %</span>
          <span title="Running threads per sample × 100">
            active {model.activePercent ?? '?'} %
          </span>
          <span>{model.threads ?? '?'} threads</span>
          <span>{model.totalSamples ?? 0} samples</span>
          {model.pythonVersion && <span>Python {model.pythonVersion}</span>}
          <UnparsedFact count={unparsedLines} overlong={overlongLines} />
        </div>
        {reading !== null && <p className="reading">{reading}</p>}
        {model.warning && <p className="warn">{model.warning}</p>}
        {model.processEnded && <p className="error">The process ended.</p>}
      </header>
      <div className="table-scroll">
        <table className="data-table" aria-label="Functions by own time">
          <thead>
            <tr>
              <th className="num">%Own</th>
              <th className="num">%Total</th>
              <th className="num">Own s</th>
              <th className="num">Total s</th>
              <th>function</th>
              <th>file</th>
            </tr>
          </thead>
          <tbody>
            {model.rows.map((r, i) => (
              <tr key={i}>
                <td className="num mono">{r.ownPercent.toFixed(1)}</td>
                <td className="num mono">{r.totalPercent.toFixed(1)}</td>
                <td className="num mono">{r.ownSeconds.toFixed(2)}</td>
                <td className="num mono">{r.totalSeconds.toFixed(2)}</td>
                <td className="mono">{r.function}</td>
                <td className="mono quiet">
                  {r.file}
                  {r.line !== null ? `:${r.line}` : ''}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
