import { useEffect, useMemo, useState } from 'react';
import {
  EXPORT_FORMATS,
  isExportKind,
  type ExportKind,
} from '../../../shared/notebook/exportFormats';
import { visibleControls } from '../../../shared/notebook/markdownText';
import { exportsItem } from '../../../shared/notebook/itemExports';
import { describeItem } from '../../../shared/notebook/reportInput';
import type { ReportInput } from '../../../shared/notebook/reportInput';
import type { NotebookItem } from '../../../shared/contract/index';
import { REDACTION_KINDS, type RedactionKind, type RedactionPlan } from '../../../shared/redaction';
import { useAppStore } from '../../state/store';
import { exportRedacted, planRedaction, redactionContext } from './exportReport';
import { archiveActions } from './archiveActions';
import { useExportInput } from './useExportInput';

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

const NO_ITEMS: readonly NotebookItem[] = [];

const ARCHIVE_LABEL = 'Archive of everything (.zip, not redacted, imports back)';

/** The items a format of one item could export (all items for a report). */
function itemsFor(kind: ExportKind | 'archive', items: readonly NotebookItem[]): NotebookItem[] {
  const itemKind = kind === 'archive' ? undefined : EXPORT_FORMATS[kind].item;
  return itemKind ? items.filter((item) => exportsItem(itemKind, item)) : [];
}

/** What an investigation exports to: the reports, the formats of items it has, the archive. */
export function ExportChoices({ items }: { items: readonly NotebookItem[] }) {
  return (
    <>
      {Object.entries(EXPORT_FORMATS)
        .filter(([, { item }]) => !item || items.some((each) => exportsItem(item, each)))
        .map(([value, format]) => (
          <option key={value} value={value}>
            {format.label}
          </option>
        ))}
      <option value="archive">{ARCHIVE_LABEL}</option>
    </>
  );
}

const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error));

function usePlan(
  input: ReportInput | null,
  kinds: Record<RedactionKind, boolean>,
  keep: string[],
  itemId: string | null,
) {
  const [plan, setPlan] = useState<RedactionPlan | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  useEffect(() => {
    if (!input) return;
    let current = true;
    setPlan(null);
    planRedaction(input, { kinds }, redactionContext(keep), itemId).then(
      (next) => current && setPlan(next),
      (error: unknown) => current && setFailure(errorText(error)),
    );
    return () => {
      current = false;
    };
  }, [input, kinds, keep, itemId]);
  return { plan, failure };
}

/**
 * Export with redaction: every value that would leave is listed with its placeholder before
 * anything is written. Kinds switch on and off; a single value can be kept (it is then exported
 * as it is). Enter exports, Escape closes.
 */
export function ExportDialog({
  initial,
  initialItem,
  onDone,
}: {
  initial: ExportKind | 'archive';
  /** For a format of one item: the item to start with. */
  initialItem?: string;
  onDone(): void;
}) {
  const items = useAppStore((state) => state.investigation?.items ?? NO_ITEMS);
  const [kind, setKind] = useState<ExportKind | 'archive'>(initial);
  const [chosenItem, setChosenItem] = useState<string | null>(initialItem ?? null);
  const choosable = itemsFor(kind, items);
  const itemId = choosable.some((item) => item.id === chosenItem)
    ? chosenItem
    : (choosable[0]?.id ?? null);
  const { input, failure: loadFailure, reading } = useExportInput(kind, itemId);
  const [kinds, setKinds] = useState<Record<RedactionKind, boolean>>({
    ip: true,
    host: true,
    user: true,
    homePath: true,
    secret: true,
  });
  const [keep, setKeep] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  // A file of one item lists the values that file holds; a report, those of everything.
  const { plan, failure } = usePlan(input, kinds, keep, choosable.length > 0 ? itemId : null);
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
      else if (input && plan) await exportRedacted(kind, input, plan, itemId ?? undefined);
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
            <ExportChoices items={items} />
          </select>
        </label>
        {choosable.length > 0 && (
          <label>
            Of{' '}
            <select
              aria-label="Item to export"
              value={itemId ?? ''}
              onChange={(e) => setChosenItem(e.target.value)}
            >
              {choosable.map((item) => (
                <option key={item.id} value={item.id}>
                  {describeItem(item)}
                </option>
              ))}
            </select>
          </label>
        )}
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
            {!problem && !plan && (
              <p className="quiet" role="status">
                {reading ?? 'Looking for values to redact…'}
              </p>
            )}
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
