import { useRef } from 'react';
import { NO_NODE, ROOT_NODE, type StackTree } from '../../../shared/flame/stackTree';
import type { FlameSearch } from './useFlameSearch';
import type { FlameView } from './useFlameView';

/**
 * The keys of the flame graph view: `/` search, Esc leaves search / the sandwich / the zoom,
 * arrows move the selection as drawn (towards the root, to the heaviest child, to the
 * siblings), Enter zooms to it. `onKeyDown` goes on the view's root element (`rootRef`), the
 * search field takes `searchRef`.
 */
export function useFlameKeyboard(tree: StackTree, view: FlameView, search: FlameSearch) {
  const rootRef = useRef<HTMLElement>(null);
  const searchRef = useRef<HTMLInputElement>(null);
  const { mode, zoomKeys, zoom, selected, orientation } = view;
  const { query, setQuery } = search;

  const onKeyDown = (event: React.KeyboardEvent) => {
    const inInput = event.target instanceof HTMLInputElement;
    if (event.key === '/' && !inInput) {
      event.preventDefault();
      searchRef.current?.focus();
      searchRef.current?.select();
      return;
    }
    if (event.key === 'Escape') {
      event.preventDefault();
      if (inInput) {
        setQuery('');
        rootRef.current?.focus();
      } else if (mode === 'sandwich') view.setMode('graph');
      else if (zoomKeys.length > 0) view.resetZoom();
      else if (query) setQuery('');
      else view.clearSelection();
      return;
    }
    if (inInput || mode !== 'graph' || event.altKey || event.ctrlKey || event.metaKey) return;
    const current = selected >= 0 ? selected : zoom;
    const towardsRoot = orientation === 'icicle' ? 'ArrowUp' : 'ArrowDown';
    const awayFromRoot = orientation === 'icicle' ? 'ArrowDown' : 'ArrowUp';
    let next = NO_NODE;
    if (event.key === towardsRoot) next = Math.max(ROOT_NODE, tree.parentOf(current));
    else if (event.key === awayFromRoot) next = tree.childrenOf(current)[0] ?? NO_NODE;
    else if (event.key === 'ArrowLeft' || event.key === 'ArrowRight') {
      const parent = tree.parentOf(current);
      if (parent >= 0) {
        const siblings = tree.childrenOf(parent);
        const i = siblings.indexOf(current) + (event.key === 'ArrowLeft' ? -1 : 1);
        next = siblings[i] ?? NO_NODE;
      }
    } else if (event.key === 'Enter') {
      if (selected >= 0) view.zoomTo(selected);
      event.preventDefault();
      return;
    } else return;
    event.preventDefault();
    if (selected < 0 && (event.key === towardsRoot || event.key === awayFromRoot)) {
      view.select(current);
    } else view.select(next);
  };

  return { rootRef, searchRef, onKeyDown };
}
