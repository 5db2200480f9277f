import { useEffect, useMemo, useState } from 'react';
import {
  EXPORT_FORMATS,
  isExportKind,
  type ExportKind,
} from '../../../shared/notebook/exportFormats';
import { visibleControls } from '../../../shared/notebook/markdownText';
import type { ReportInput } from '../../../shared/notebook/reportInput';
import { REDACTION_KINDS, type RedactionKind, type RedactionPlan } from '../../../shared/redaction';
import { useAppStore } from '../../state/store';
import { exportRedacted, planRedaction, redactionContext, reportInput } from './exportReport';
import { archiveActions } from './archiveActions';
import { notesAutosave } from './notesAutosave';

const KIND_LABEL: Record<RedactionKind, string> = {
  ip: 'IP addresses',
  host: 'Host names',
  user: 'User names',
  homePath: 'Home paths',
  secret: 'Secrets (tokens, passwords, keys, cookies)',
};

/** A value as the preview shows it: one line, control characters visible, long ones cut. */
function shown(value: string): string {
  const line = visibleControls(value);
  return line.length > 120 ? `${line.slice(0, 117)}…` : line;
}

/** Secrets first: what matters most is read first. */
const PREVIEW_ORDER: readonly RedactionKind[] = ['secret', 'homePath', 'user', 'ip', 'host'];
const placeholderNumber = (placeholder: string) => Number(/\d+/.exec(placeholder)?.[0] ?? 0);

const ARCHIVE_LABEL = 'Archive of everything (.zip, not redacted, imports back)';

/** What an investigation exports to: the reports, then the archive. */
export function ExportChoices() {
  return (
    <>
      {Object.entries(EXPORT_FORMATS).map(([value, format]) => (
        <option key={value} value={value}>
          {format.label}
        </option>
      ))}
      <option value="archive">{ARCHIVE_LABEL}</option>
    </>
  );
}

const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error));

function usePlan(input: ReportInput | null, kinds: Record<RedactionKind, boolean>, keep: string[]) {
  const [plan, setPlan] = useState<RedactionPlan | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  useEffect(() => {
    if (!input) return;
    let current = true;
    setPlan(null);
    planRedaction(input, { kinds }, redactionContext(keep)).then(
      (next) => current && setPlan(next),
      (error: unknown) => current && setFailure(errorText(error)),
    );
    return () => {
      current = false;
    };
  }, [input, kinds, keep]);
  return { plan, failure };
}

/**
 * Export with redaction: every value that would leave is listed with its placeholder before
 * anything is written. Kinds switch on and off; a single value can be kept (it is then exported
 * as it is). Enter exports, Escape closes.
 */
export function ExportDialog({
  initial,
  onDone,
}: {
  initial: ExportKind | 'archive';
  onDone(): void;
}) {
  const [kind, setKind] = useState<ExportKind | 'archive'>(initial);
  const [input, setInput] = useState<ReportInput | null>(null);
  const [loadFailure, setLoadFailure] = useState<string | null>(null);
  const [kinds, setKinds] = useState<Record<RedactionKind, boolean>>({
    ip: true,
    host: true,
    user: true,
    homePath: true,
    secret: true,
  });
  const [keep, setKeep] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    reportInput(notesAutosave.text()).then(setInput, (error: unknown) =>
      setLoadFailure(errorText(error)),
    );
  }, []);
  const { plan, failure } = usePlan(input, kinds, keep);
  const counts = useMemo(() => {
    const by = new Map<RedactionKind, number>();
    for (const entry of plan?.entries ?? [])
      if (entry.count > 0) by.set(entry.kind, (by.get(entry.kind) ?? 0) + 1);
    return by;
  }, [plan]);
  const problem = loadFailure ?? failure;
  // A value only ever seen inside a longer one (a user inside a home path) replaces nothing itself.
  const replaced = (plan?.entries ?? [])
    .filter((entry) => entry.count > 0)
    .sort(
      (a, b) =>
        PREVIEW_ORDER.indexOf(a.kind) - PREVIEW_ORDER.indexOf(b.kind) ||
        placeholderNumber(a.placeholder) - placeholderNumber(b.placeholder),
    );

  const save = async () => {
    if (busy || (kind !== 'archive' && (!input || !plan))) return;
    setBusy(true);
    try {
      if (kind === 'archive') await archiveActions.save();
      else if (input && plan) await exportRedacted(kind, input, plan);
      onDone();
    } catch (error) {
      useAppStore.getState().noticeRaised('error', `Export failed: ${errorText(error)}`);
      setBusy(false);
    }
  };

  return (
    <div className="modal-backdrop">
      <form
        className="modal export-dialog"
        role="dialog"
        aria-modal="true"
        aria-label="Export the investigation"
        onKeyDown={(e) => e.key === 'Escape' && onDone()}
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <h2>Export</h2>
        <label>
          Format{' '}
          <select
            aria-label="Format"
            autoFocus
            value={kind}
            onChange={(e) => {
              const value = e.target.value;
              if (value === 'archive' || isExportKind(value)) setKind(value);
            }}
          >
            <ExportChoices />
          </select>
        </label>
        {kind === 'archive' && (
          <p className="warn">
            The archive is this investigation exactly as saved (notes, snapshots with their raw
            output, recordings) so that it imports back without loss on another machine. Nothing in
            it is redacted: keep it among your own machines, and share a report instead.
          </p>
        )}
        {kind !== 'archive' && (
          <>
            <fieldset className="redaction-kinds">
              <legend>Redact</legend>
              {REDACTION_KINDS.map((k) => (
                <label key={k}>
                  <input
                    type="checkbox"
                    checked={kinds[k]}
                    onChange={(e) => setKinds({ ...kinds, [k]: e.target.checked })}
                  />{' '}
                  {KIND_LABEL[k]}{' '}
                  {plan && kinds[k] && <span className="quiet">({counts.get(k) ?? 0})</span>}
                </label>
              ))}
            </fieldset>
            {problem && (
              <p className="error" role="alert">
                {problem}
              </p>
            )}
            {!problem && !plan && <p className="quiet">Looking for values to redact…</p>}
            {plan && (
              <div className="redaction-preview">
                <table aria-label="Replacements">
                  <thead>
                    <tr>
                      <th>Value</th>
                      <th>Becomes</th>
                      <th className="num">Times</th>
                      <th>Rule</th>
                      <th aria-label="Keep" />
                    </tr>
                  </thead>
                  <tbody>
                    {replaced.map((entry) => (
                      <tr key={entry.value}>
                        <td className="mono" title={shown(entry.value)}>
                          {shown(entry.value)}
                        </td>
                        <td className="mono">{entry.placeholder}</td>
                        <td className="num">{entry.count}</td>
                        <td className="quiet">{entry.rule}</td>
                        <td>
                          <button
                            type="button"
                            className="link"
                            aria-label={`Keep ${shown(entry.value)} as it is`}
                            onClick={() => setKeep([...keep, entry.value])}
                          >
                            keep
                          </button>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
                {replaced.length === 0 && <p className="quiet">Nothing to redact was found.</p>}
              </div>
            )}
            {keep.length > 0 && (
              <p className="warn">
                Exported as they are: {keep.map(shown).join(', ')}{' '}
                <button type="button" className="link" onClick={() => setKeep([])}>
                  redact them again
                </button>
              </p>
            )}
          </>
        )}
        <div className="buttons">
          <button
            type="submit"
            className="primary"
            disabled={busy || (kind !== 'archive' && !plan)}
          >
            {busy ? 'Writing…' : 'Export'}
          </button>
          <button type="button" onClick={onDone}>
            Cancel
          </button>
        </div>
      </form>
    </div>
  );
}
