import './notebook.css';
import { useState } from 'react';
import { useAppStore } from '../../state/store';
import { LibraryList } from './LibraryList';
import { notebookActions } from './notebookActions';
import { ExportChoices, ExportDialog } from './ExportDialog';
import { isExportKind } from '../../../shared/notebook/exportFormats';
import { NotesEditor } from './NotesEditor';
import { QuickAdd } from './QuickAdd';
import { Timeline } from './Timeline';
import { clock } from '../../../shared/notebook/reportInput';

function HideButton() {
  return (
    <button
      type="button"
      className="link close"
      aria-label="Hide the notebook (Ctrl+Shift+J)"
      onClick={() => useAppStore.getState().notebookToggled(false)}
    >
      ×
    </button>
  );
}

function SaveState() {
  const save = useAppStore((s) => s.notesSave);
  if (save.state === 'saving') return <span className="quiet save-state">Saving…</span>;
  if (save.state === 'failed')
    return (
      <span className="warn save-state" role="alert" title={save.message}>
        Not saved: {save.message} (kept here, retrying)
      </span>
    );
  return <span className="quiet save-state">{save.at ? `Saved ${clock(save.at)}` : 'Saved'}</span>;
}

function Title({ title, readOnly }: { title: string; readOnly: boolean }) {
  const [editing, setEditing] = useState<string | null>(null);
  if (editing === null)
    return (
      <h2
        className="notebook-title"
        title={readOnly ? title : 'Double-click to rename'}
        onDoubleClick={() => !readOnly && setEditing(title)}
      >
        {title}
      </h2>
    );
  const done = (keep: boolean) => {
    if (keep && editing.trim() && editing !== title) void notebookActions.rename(editing.trim());
    setEditing(null);
  };
  return (
    <input
      className="notebook-title"
      aria-label="Investigation title"
      autoFocus
      value={editing}
      onChange={(e) => setEditing(e.target.value)}
      onBlur={() => done(true)}
      onKeyDown={(e) => {
        if (e.key === 'Enter') done(true);
        if (e.key === 'Escape') done(false);
      }}
    />
  );
}

/** The investigation beside the tabs: notes on top, the timeline of what was pinned below. */
export function NotebookPanel() {
  const investigation = useAppStore((s) => s.investigation);
  const [browsing, setBrowsing] = useState(false);
  const exporting = useAppStore((state) => state.exportDialog);
  const setExporting = useAppStore((state) => state.exportDialogShown);
  if (!investigation || browsing)
    return (
      <aside className="notebook" aria-label="Notebook">
        <header className="notebook-header">
          <h2 className="notebook-title">Investigations</h2>
          {investigation && (
            <button type="button" className="link" onClick={() => setBrowsing(false)}>
              Back
            </button>
          )}
          <HideButton />
        </header>
        <LibraryList onOpened={() => setBrowsing(false)} />
      </aside>
    );
  const { summary, readOnly, items } = investigation;
  return (
    <aside className="notebook" aria-label="Notebook">
      <header className="notebook-header">
        <Title title={summary.title} readOnly={readOnly !== null} />
        <SaveState />
        <select
          aria-label="Export"
          className="export-pick"
          value=""
          onChange={(e) => {
            const kind = e.target.value;
            if (kind === 'archive' || isExportKind(kind)) setExporting({ kind });
          }}
        >
          <option value="">Export…</option>
          <ExportChoices items={items} />
        </select>
        <button type="button" className="link" onClick={() => setBrowsing(true)}>
          Investigations…
        </button>
        <HideButton />
      </header>
      {readOnly && (
        <p className="warn read-only" role="status">
          Read-only: {readOnly}
        </p>
      )}
      {exporting && (
        <ExportDialog
          initial={exporting.kind}
          {...(exporting.itemId ? { initialItem: exporting.itemId } : {})}
          onDone={() => setExporting(null)}
        />
      )}
      <NotesEditor investigationId={summary.id} readOnly={readOnly !== null} />
      <section className="notebook-items" aria-label="Timeline of the investigation">
        {!readOnly && <QuickAdd />}
        <Timeline items={items} readOnly={readOnly !== null} />
      </section>
    </aside>
  );
}
