import type { LibraryHit, LibrarySearchResult } from '../../../shared/contract/index';
import type { LibrarySearch } from './useLibrarySearch';

const WHERE: Record<LibraryHit['where'], string> = {
  title: 'title',
  notes: 'notes',
  item: 'item',
  evidence: 'captured output',
};

/** The snippet as text, its matched words in <mark> (marks that do not fit are left out). */
function Marked({ text, marks }: { text: string; marks: LibraryHit['marks'] }) {
  const parts: Array<string | { mark: string }> = [];
  let at = 0;
  for (const [start, end] of [...marks].sort((a, b) => a[0] - b[0])) {
    if (start < at || end <= start || end > text.length) continue;
    parts.push(text.slice(at, start), { mark: text.slice(start, end) });
    at = end;
  }
  parts.push(text.slice(at));
  return (
    <span className="snippet">
      {parts.map((part, i) => (typeof part === 'string' ? part : <mark key={i}>{part.mark}</mark>))}
    </span>
  );
}

/** Hits grouped by investigation, best investigation first (the Node side sends them by score). */
function grouped(results: LibrarySearchResult['results']) {
  const groups = new Map<string, { title: string; hits: LibraryHit[] }>();
  for (const hit of results) {
    const group = groups.get(hit.investigationId) ?? { title: hit.title, hits: [] };
    group.hits.push(hit);
    groups.set(hit.investigationId, group);
  }
  return [...groups.entries()];
}

const mbOf = (bytes: number) => (bytes / 1e6).toLocaleString([], { maximumFractionDigits: 0 });

/** What a library search found, under each investigation; a click (or Enter) opens it. */
export function LibrarySearchResults({
  search,
  onOpen,
}: {
  search: LibrarySearch;
  onOpen(investigationId: string): void;
}) {
  if (search.state === 'idle') return null;
  if (search.state === 'failed') return <p className="warn">Search failed: {search.message}</p>;
  const result = search.state === 'done' ? search.result : search.last;
  if (!result) return <p className="quiet">Searching…</p>;
  const groups = grouped(result.results);
  return (
    <div className="library-search" aria-busy={search.state === 'searching'}>
      {result.indexing && (
        <p className="quiet" role="status">
          Indexing captured text: {mbOf(result.indexing.done)} of {mbOf(result.indexing.total)} MB;
          results may be missing some.
        </p>
      )}
      {result.notCovered && <p className="quiet">{result.notCovered}</p>}
      {groups.length === 0 ? (
        <p className="quiet">Nothing found.</p>
      ) : (
        <ul className="library-results" aria-label="Search results">
          {groups.map(([investigationId, { title, hits }]) => (
            <li key={investigationId}>
              <button type="button" className="link title" onClick={() => onOpen(investigationId)}>
                {title}
              </button>
              <ul>
                {hits.map((hit, i) => (
                  <li key={i}>
                    <button
                      type="button"
                      className="hit"
                      onClick={() => onOpen(investigationId)}
                      aria-label={`Open ${title}: ${WHERE[hit.where]}: ${hit.snippet}`}
                    >
                      <span className="quiet where">{WHERE[hit.where]}</span>
                      <Marked text={hit.snippet} marks={hit.marks} />
                    </button>
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
