import { treeToCollapsed, treeToSpeedscope } from '../../../shared/flame/stackTreeExport';
import type { RefObject } from 'react';
import { ROOT_NODE, type StackTree } from '../../../shared/flame/stackTree';
import { download } from '../../ui/download';
import { usePinnedItem } from '../../ui/pinnedItem';
import { useAppStore } from '../../state/store';
import { slug } from './flameExport';
import { FlameZoomPath } from './FlameZoomPath';
import type { FlameSearch } from './useFlameSearch';
import type { FlameView } from './useFlameView';

interface FlameToolbarProps {
  tree: StackTree;
  title?: string;
  /** Controls of the embedding view, shown at the start of the toolbar. */
  toolbarStart?: React.ReactNode;
  view: FlameView;
  search: FlameSearch;
  searchRef: RefObject<HTMLInputElement | null>;
  /** The frame the Sandwich button opens, -1 if none. */
  sandwichCandidate: number;
  onOpenSandwich: (frameId: number) => void;
}

/** The toolbar: zoom path, search, orientation, sandwich, reset zoom, exports. */
export function FlameToolbar({
  tree,
  title,
  toolbarStart,
  view,
  search,
  searchRef,
  sandwichCandidate,
  onOpenSandwich,
}: FlameToolbarProps) {
  const { orientation, setOrientation, mode, setMode, zoom } = view;
  const exportName = slug(title ?? 'profile');
  const pinnedItem = usePinnedItem();
  const exportPinned = (kind: 'collapsed' | 'speedscope') =>
    pinnedItem && useAppStore.getState().exportDialogShown({ kind, itemId: pinnedItem });
  return (
    <header className="flame-toolbar">
      {toolbarStart}
      <FlameZoomPath tree={tree} title={title} zoom={zoom} onZoom={view.zoomTo} />
      <div className="flame-search">
        <input
          ref={searchRef}
          type="search"
          placeholder="Search: text or regex   /"
          aria-label="Search frames"
          value={search.query}
          spellCheck={false}
          onChange={(event) => search.setQuery(event.target.value)}
        />
        <span className="flame-match" role="status" title={search.search?.regexError}>
          {search.matchText}
        </span>
      </div>
      <div className="flame-tools">
        <div className="flame-segmented" role="group" aria-label="Orientation">
          <button
            type="button"
            aria-pressed={orientation === 'icicle'}
            title="Root at the top (py-spy's SVG, speedscope)"
            onClick={() => setOrientation('icicle')}
          >
            Icicle
          </button>
          <button
            type="button"
            aria-pressed={orientation === 'flame'}
            title="Root at the bottom (classic flame graph)"
            onClick={() => setOrientation('flame')}
          >
            Flame
          </button>
        </div>
        <button
          type="button"
          aria-pressed={mode === 'sandwich'}
          disabled={mode === 'graph' && sandwichCandidate < 0}
          title="Callers and callees of the selected function"
          onClick={() =>
            mode === 'sandwich' ? setMode('graph') : onOpenSandwich(sandwichCandidate)
          }
        >
          Sandwich
        </button>
        <button
          type="button"
          disabled={zoom === ROOT_NODE || mode !== 'graph'}
          onClick={view.resetZoom}
        >
          Reset zoom
        </button>
        {pinnedItem ? (
          // A pinned snapshot leaves the notebook only through its redaction preview.
          <>
            <button
              type="button"
              title="Collapsed stacks, redacted first"
              onClick={() => exportPinned('collapsed')}
            >
              Export .txt…
            </button>
            <button
              type="button"
              title="speedscope file, redacted first"
              onClick={() => exportPinned('speedscope')}
            >
              Export .speedscope.json…
            </button>
          </>
        ) : (
          <>
            <button
              type="button"
              title="Collapsed stacks (flamegraph.pl, py-spy raw)"
              onClick={() => download(`${exportName}.txt`, treeToCollapsed(tree), 'text/plain')}
            >
              Export .txt
            </button>
            <button
              type="button"
              title="speedscope file"
              onClick={() =>
                download(
                  `${exportName}.speedscope.json`,
                  JSON.stringify(treeToSpeedscope(tree, title ?? 'profile')),
                  'application/json',
                )
              }
            >
              Export .speedscope.json
            </button>
          </>
        )}
      </div>
    </header>
  );
}
