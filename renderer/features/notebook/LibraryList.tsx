import { useEffect, useRef, useState, type RefObject } from 'react';
import { useAppStore } from '../../state/store';
import { archiveActions } from './archiveActions';
import { notebookActions } from './notebookActions';
import { clock } from '../../../shared/notebook/reportInput';
import { LibrarySearchResults } from './LibrarySearchResults';
import { useLibrarySearch } from './useLibrarySearch';

const day = (iso: string) =>
  new Date(iso).toLocaleDateString([], { year: 'numeric', month: '2-digit', day: '2-digit' });

const isTyping = (target: EventTarget | null) =>
  target instanceof HTMLElement &&
  (target.isContentEditable || target.matches('input, textarea, select, .xterm *'));

/** `/` or Ctrl+F puts the cursor in the search box while the list is shown (not from a terminal). */
function useSearchKeys(box: RefObject<HTMLInputElement | null>) {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const slash = event.key === '/' && !event.ctrlKey && !event.altKey && !event.metaKey;
      const find =
        event.ctrlKey && !event.shiftKey && !event.altKey && event.key.toLowerCase() === 'f';
      if (!(slash || find) || isTyping(event.target)) return;
      event.preventDefault();
      box.current?.focus();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [box]);
}

/**
 * Every investigation on this machine, newest first: open, start one, move one to the trash; or,
 * once something is typed, what a full-text search of all of them found.
 */
export function LibraryList({ onOpened }: { onOpened(): void }) {
  const library = useAppStore((s) => s.library);
  const [query, setQuery] = useState('');
  const box = useRef<HTMLInputElement>(null);
  const search = useLibrarySearch(query);
  useSearchKeys(box);
  useEffect(() => void notebookActions.list(), []);
  const open = (investigationId: string) =>
    void notebookActions.open(investigationId).then(onOpened);
  const shown = [...(library ?? [])].sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
  const firstHit = search.state === 'done' ? search.result.results[0] : undefined;
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
          ref={box}
          type="search"
          aria-label="Search investigations"
          placeholder="Search titles, notes, items, output… (/)"
          maxLength={200}
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Escape') {
              e.preventDefault();
              if (query) setQuery('');
              else e.currentTarget.blur();
            }
            if (e.key === 'Enter' && firstHit) open(firstHit.investigationId);
          }}
        />
      </div>
      {query.trim() ? (
        <LibrarySearchResults search={search} onOpen={open} />
      ) : library === null ? (
        <p className="quiet">Loading…</p>
      ) : shown.length === 0 ? (
        <p className="quiet">
          No investigations yet.{' '}
          <button
            type="button"
            className="link"
            onClick={() => void notebookActions.openSample().then(onOpened)}
          >
            Open the sample investigation
          </button>
        </p>
      ) : (
        <ul className="library-list" aria-label="Investigations">
          {shown.map((i) => (
            <li key={i.id}>
              <button type="button" className="link title" onClick={() => open(i.id)}>
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
