import { searchTree } from '../../../shared/flame/stackTreeSearch';
import { useDeferredValue, useMemo, useState } from 'react';
import type { SearchResult, StackTree } from '../../../shared/flame/stackTree';
import { searchStatus } from '../../../shared/flame/searchQuery';

export interface FlameSearch {
  query: string;
  setQuery: (query: string) => void;
  /** The matches of the (deferred) query; null when the query is blank. */
  search: SearchResult | null;
  /** The status text shown next to the search field. */
  matchText: string;
}

/** The search field's query and what it matches in `tree`. */
export function useFlameSearch(tree: StackTree): FlameSearch {
  const [query, setQuery] = useState('');
  const deferredQuery = useDeferredValue(query);
  const search: SearchResult | null = useMemo(
    () => (deferredQuery.trim() ? searchTree(tree, deferredQuery) : null),
    [tree, deferredQuery],
  );
  const matchText = search ? searchStatus(search, tree.isDiff) : '';
  return { query, setQuery, search, matchText };
}
