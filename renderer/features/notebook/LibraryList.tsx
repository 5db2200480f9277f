import { useEffect, useState } from 'react';
import { useAppStore } from '../../state/store';
import { archiveActions } from './archiveActions';
import { notebookActions } from './notebookActions';
import { clock } from '../../../shared/notebook/reportInput';

const day = (iso: string) =>
  new Date(iso).toLocaleDateString([], { year: 'numeric', month: '2-digit', day: '2-digit' });

/** Every investigation on this machine, newest first: open, start one, move one to the trash. */
export function LibraryList({ onOpened }: { onOpened(): void }) {
  const library = useAppStore((s) => s.library);
  const [filter, setFilter] = useState('');
  useEffect(() => void notebookActions.list(), []);
  const shown = (library ?? [])
    .filter((i) => i.title.toLowerCase().includes(filter.trim().toLowerCase()))
    .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
  return (
    <div className="library">
      <div className="library-actions">
        <button
          type="button"
          onClick={() => void notebookActions.create().then((open) => open && onOpened())}
        >
          New investigation
        </button>
        <label className="button import-pick" title="Import an investigation archive (.zip)">
          Import…
          <input
            type="file"
            accept=".zip,application/zip"
            aria-label="Import an investigation archive"
            hidden
            onChange={(e) => {
              const file = e.currentTarget.files?.[0];
              e.currentTarget.value = '';
              if (file) void archiveActions.importFile(file).then(onOpened);
            }}
          />
        </label>
        <input
          aria-label="Filter investigations"
          placeholder="Filter by title…"
          value={filter}
          onChange={(e) => setFilter(e.target.value)}
        />
      </div>
      {library === null ? (
        <p className="quiet">Loading…</p>
      ) : shown.length === 0 ? (
        <p className="quiet">{library.length === 0 ? 'No investigations yet.' : 'None match.'}</p>
      ) : (
        <ul className="library-list" aria-label="Investigations">
          {shown.map((i) => (
            <li key={i.id}>
              <button
                type="button"
                className="link title"
                onClick={() => void notebookActions.open(i.id).then(onOpened)}
              >
                {i.title}
              </button>
              <span className="quiet">
                {i.items} item{i.items === 1 ? '' : 's'} · {day(i.updatedAt)} {clock(i.updatedAt)}
              </span>
              {i.problem && <span className="warn"> read-only: {i.problem}</span>}
              <button
                type="button"
                className="link remove"
                aria-label={`Move ${i.title} to the trash`}
                onClick={() => void notebookActions.trash(i.id)}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
