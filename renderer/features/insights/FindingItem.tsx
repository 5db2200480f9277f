import { useState } from 'react';
import type { DiagnosisCapture, Finding, NextStep, Severity } from '../../../shared/diagnosis';
import { useAppStore } from '../../state/store';
import { codeSpans } from './codeSpans';
import { evidenceByCapture, evidenceText, evidenceTid } from './evidenceText';
import { runNextStep } from './insightsActions';

const MARK: Record<Severity, string> = { critical: '●', warning: '▲', info: '○' };

/** How many references of one capture are listed before "+N more". */
const REFS_SHOWN = 6;

interface Props {
  finding: Finding;
  connectionId: string;
  selected: boolean;
  /** Tab titles by capture id: evidence names its capture by what its tab says. */
  titles: Readonly<Record<string, string>>;
  /** The captures the findings were drawn from: evidence names what it points at in them. */
  captures: readonly DiagnosisCapture[];
  onSelect(): void;
}

/** One finding: what it sees, how sure, where the evidence is, what would settle it. */
export function FindingItem({
  finding,
  connectionId,
  selected,
  titles,
  captures,
  onSelect,
}: Props) {
  const [failure, setFailure] = useState<string | null>(null);
  const run = async (step: NextStep) => setFailure(await runNextStep(connectionId, step));
  return (
    <li
      className={`finding severity-${finding.severity} ${selected ? 'selected' : ''}`}
      data-severity={finding.severity}
      data-kind={finding.kind}
      aria-current={selected}
      onClick={onSelect}
    >
      <div className="finding-head">
        <span className="finding-mark" aria-label={finding.severity} title={finding.severity}>
          {MARK[finding.severity]}
        </span>
        <span className="finding-title">
          <WithCode text={finding.title} />
        </span>
        <details className="finding-confidence" onClick={(e) => e.stopPropagation()}>
          <summary title="Confidence 0–100: what raised or lowered it">
            {finding.confidence}
          </summary>
          <ul aria-label="Why this confidence">
            {finding.reasons.map((r) => (
              <li key={r.why}>
                <span className={`mono ${r.delta < 0 ? 'lowered' : 'raised'}`}>
                  {r.delta > 0 ? `+${r.delta}` : r.delta}
                </span>{' '}
                {r.why}
              </li>
            ))}
          </ul>
        </details>
      </div>
      <p className="finding-statement">
        <WithCode text={finding.statement} />
      </p>
      <Evidence finding={finding} titles={titles} captures={captures} />
      {finding.cannotCheck.map((line) => (
        <p key={line} className="finding-cannot quiet">
          could not check: <WithCode text={line} />
        </p>
      ))}
      {finding.nextSteps.length > 0 && (
        <div className="finding-next">
          <span className="quiet">next:</span>
          {finding.nextSteps.map((step, index) => (
            <button
              key={step.label}
              type="button"
              className={index === 0 ? 'primary-step' : ''}
              title={index === 0 ? 'Runs this capture (Enter)' : 'Runs this capture'}
              onClick={(e) => {
                e.stopPropagation();
                void run(step);
              }}
            >
              ▶ {step.label}
            </button>
          ))}
          {failure && <span className="error">{failure}</span>}
        </div>
      )}
    </li>
  );
}

/** Text whose backticked names show as code. */
function WithCode({ text }: { text: string }) {
  return codeSpans(text).map((span, i) =>
    span.code ? <code key={i}>{span.text}</code> : <span key={i}>{span.text}</span>,
  );
}

function Evidence({ finding, titles, captures }: Pick<Props, 'finding' | 'titles' | 'captures'>) {
  const groups = evidenceByCapture(finding.evidence);
  if (groups.length === 0) return null;
  const show = useAppStore.getState().evidenceShown;
  return (
    <ul className="finding-evidence" aria-label="Evidence">
      {groups.map(({ capture, refs }) => {
        const title = titles[capture];
        return (
          <li key={capture}>
            <button
              type="button"
              className="link evidence-capture"
              disabled={title === undefined}
              title={title === undefined ? 'That capture tab is closed' : 'Show this capture'}
              onClick={(e) => {
                e.stopPropagation();
                show(capture, null);
              }}
            >
              {title ?? 'closed capture'}
            </button>
            {refs.slice(0, REFS_SHOWN).map((ref, i) => {
              const text = evidenceText(ref, captures);
              return (
                <button
                  key={`${i}:${text}`}
                  type="button"
                  className="link evidence-ref"
                  disabled={title === undefined}
                  onClick={(e) => {
                    e.stopPropagation();
                    show(capture, evidenceTid(ref));
                  }}
                >
                  {text}
                </button>
              );
            })}
            {refs.length > REFS_SHOWN && (
              <span className="quiet"> +{refs.length - REFS_SHOWN} more</span>
            )}
          </li>
        );
      })}
    </ul>
  );
}
