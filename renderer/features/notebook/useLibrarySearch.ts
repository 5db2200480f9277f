import { useEffect, useState } from 'react';
import type { LibrarySearchResult } from '../../../shared/contract/index';
import { workbenchClient } from '../../state/client';

/** Typing pauses this long before a search goes out. */
const DEBOUNCE_MS = 120;
/** While captured text is still being indexed, the same search is asked again this often. */
const INDEXING_POLL_MS = 1000;

export type LibrarySearch =
  | { state: 'idle' }
  | { state: 'searching'; last: LibrarySearchResult | null }
  | { state: 'done'; result: LibrarySearchResult }
  | { state: 'failed'; message: string };

/**
 * `notebook.search` for what is typed: debounced, only the latest query's answer is shown, and
 * asked again while the Node side is still indexing captured text.
 */
export function useLibrarySearch(query: string): LibrarySearch {
  const [search, setSearch] = useState<LibrarySearch>({ state: 'idle' });
  const trimmed = query.trim();
  useEffect(() => {
    if (!trimmed) {
      setSearch({ state: 'idle' });
      return;
    }
    let current = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    setSearch((s) => ({ state: 'searching', last: s.state === 'done' ? s.result : null }));
    const ask = async () => {
      try {
        const result = await workbenchClient().call('notebook.search', { query: trimmed });
        if (!current) return;
        setSearch({ state: 'done', result });
        if (result.indexing) timer = setTimeout(() => void ask(), INDEXING_POLL_MS);
      } catch (error) {
        if (current)
          setSearch({
            state: 'failed',
            message: error instanceof Error ? error.message : String(error),
          });
      }
    };
    timer = setTimeout(() => void ask(), DEBOUNCE_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [trimmed]);
  return search;
}
