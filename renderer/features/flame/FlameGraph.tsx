import './flame.css';
import {
  memo,
  useCallback,
  useDeferredValue,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
} from 'react';
import { frameKey, frameLocation, type StackFrame } from '../../../shared/flame/stackSamples';
import {
  NO_NODE,
  ROOT_NODE,
  type StackTree,
  type FunctionRow,
  type SearchResult,
} from '../../../shared/flame/stackTree';
import { formatCount, type FlameDrawInfo, type Orientation } from './flameCanvas';
import { ResizableSplit } from '../../ui/ResizableSplit';
import { searchStatus } from '../../../shared/flame/searchQuery';
import { FlamePane, type FlamePaneHandle } from './FlamePane';

export interface FlameGraphProps {
  /** The call tree to draw; a diff tree (`StackTree.diff`) draws a before/after comparison. */
  tree: StackTree;
  title?: string;
  /** Controls of the embedding view, shown at the start of the toolbar (e.g. "Compare with"). */
  toolbarStart?: React.ReactNode;
}

type Mode = 'graph' | 'sandwich';
interface Hover {
  tree: StackTree;
  node: number;
  /** Zoomed node of the pane hovered, for "% of zoom". */
  zoom: number;
}

const TABLE_ROWS = 250;
const pct = (fraction: number): string => `${(fraction * 100).toFixed(1)} %`;
const signed = (fraction: number): string =>
  `${fraction >= 0 ? '+' : '−'}${Math.abs(fraction * 100).toFixed(1)}`;
const signedPts = (fraction: number): string => `${signed(fraction)} pts`;

function download(name: string, content: string, type: string): void {
  const url = URL.createObjectURL(new Blob([content], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

const slug = (title: string): string =>
  title
    .replace(/[^\w.-]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 80) || 'profile';

/**
 * The flame graph view: toolbar (zoom path, search, orientation, sandwich, exports), the graph
 * (or the sandwich of one function: callers above, callees below), a table of the heaviest
 * functions, a hover tooltip. Input goes to FlameCanvas instances; React only re-renders on
 * state changes (zoom, selection, search, the hovered node), never on every mouse move.
 *
 * Keys: `/` search, Esc leaves search / the sandwich / the zoom, arrows move the selection as
 * drawn (towards the root, to the heaviest child, to the siblings), Enter zooms to it.
 */
export function FlameGraph({ tree, title, toolbarStart }: FlameGraphProps) {
  const [orientation, setOrientation] = useState<Orientation>('icicle');
  const [mode, setMode] = useState<Mode>('graph');
  // Zoom and selection are kept as frame paths, so they survive a rebuilt tree (live updates).
  const [zoomKeys, setZoomKeys] = useState<readonly string[]>([]);
  const [selectedKeys, setSelectedKeys] = useState<readonly string[] | null>(null);
  const [sandwichKey, setSandwichKey] = useState<string | null>(null);
  const [query, setQuery] = useState('');
  const [hover, setHover] = useState<Hover | null>(null);
  const [tableHoverFrame, setTableHoverFrame] = useState(-1);
  // The table is computed once the graph has been drawn: the first frame does not wait for it.
  const [drawnTree, setDrawnTree] = useState<StackTree | null>(null);

  const rootRef = useRef<HTMLElement>(null);
  const searchRef = useRef<HTMLInputElement>(null);
  const tooltipRef = useRef<HTMLDivElement>(null);
  const pointer = useRef({ x: 0, y: 0 });
  const mainPane = useRef<FlamePaneHandle | null>(null);

  const zoom = useMemo(() => tree.nodeAtPath(zoomKeys), [tree, zoomKeys]);
  const selected = useMemo(
    () => (selectedKeys ? tree.nodeAtPath(selectedKeys) : NO_NODE),
    [tree, selectedKeys],
  );
  const deferredQuery = useDeferredValue(query);
  const search: SearchResult | null = useMemo(
    () => (deferredQuery.trim() ? tree.search(deferredQuery) : null),
    [tree, deferredQuery],
  );
  const sandwichFrame = sandwichKey === null ? -1 : (tree.frames.idOfKey(sandwichKey) ?? -1);
  const sandwich = useMemo(
    () => (mode === 'sandwich' && sandwichFrame >= 0 ? tree.sandwich(sandwichFrame) : null),
    [tree, mode, sandwichFrame],
  );
  const tableTree = drawnTree === tree ? tree : null;
  const computedRows = useMemo(() => {
    if (!tableTree) return null;
    const all = tableTree.topFunctions({ limit: tableTree.isDiff ? undefined : TABLE_ROWS });
    if (!tableTree.isDiff) return all;
    const { a, b } = tableTree.seriesTotals;
    const change = (r: FunctionRow) =>
      (b > 0 ? (r.totalB ?? 0) / b : 0) - (a > 0 ? (r.totalA ?? 0) / a : 0);
    return all.sort((x, y) => Math.abs(change(y)) - Math.abs(change(x))).slice(0, TABLE_ROWS);
  }, [tableTree]);
  // Live updates: the previous rows stay until the new tree has been drawn and tabulated.
  const lastRows = useRef<FunctionRow[] | null>(null);
  if (computedRows) lastRows.current = computedRows;
  const rows = tree.totalWeight > 0 ? (computedRows ?? lastRows.current) : [];

  const onMainDraw = useCallback(
    (_info: FlameDrawInfo) => setDrawnTree((drawn) => (drawn === tree ? drawn : tree)),
    [tree],
  );

  const zoomTo = useCallback(
    (node: number) => {
      setZoomKeys(node === ROOT_NODE ? [] : tree.pathKeys(node));
      setSelectedKeys(tree.pathKeys(node));
    },
    [tree],
  );

  const onHover = useCallback(
    (paneTree: StackTree, paneZoom: number) =>
      (node: number, at: { clientX: number; clientY: number } | null) => {
        if (at) {
          pointer.current = { x: at.clientX, y: at.clientY };
          placeTooltip(tooltipRef.current, pointer.current);
        }
        setHover((h) =>
          node < 0
            ? null
            : h && h.node === node && h.tree === paneTree
              ? h
              : { tree: paneTree, node, zoom: paneZoom },
        );
      },
    [],
  );
  useLayoutEffect(() => placeTooltip(tooltipRef.current, pointer.current), [hover]);

  const openSandwichOf = useCallback((frame: StackFrame) => {
    setSandwichKey(frameKey(frame));
    setMode('sandwich');
    setHover(null);
  }, []);
  const openSandwich = (frameId: number) => {
    if (frameId >= 0) openSandwichOf(tree.frames.frame(frameId));
  };
  const sandwichCandidate =
    selected > 0
      ? tree.frameOf(selected)
      : hover && hover.tree === tree && hover.node > 0
        ? tree.frameOf(hover.node)
        : (rows?.[0]?.frameId ?? -1);

  const select = (node: number) => {
    if (node < 0) return;
    setSelectedKeys(tree.pathKeys(node));
    // Keep it drawn: outside the zoomed subtree (and not an ancestor), zoom out to its parent.
    if (!tree.isAncestorOrSelf(zoom, node) && !tree.isAncestorOrSelf(node, zoom)) {
      const parent = tree.parentOf(node);
      setZoomKeys(parent <= ROOT_NODE ? [] : tree.pathKeys(parent));
    }
    requestAnimationFrame(() => mainPane.current?.canvas.reveal(node));
  };

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
      } else if (mode === 'sandwich') setMode('graph');
      else if (zoomKeys.length > 0) setZoomKeys([]);
      else if (query) setQuery('');
      else setSelectedKeys(null);
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
      if (selected >= 0) zoomTo(selected);
      event.preventDefault();
      return;
    } else return;
    event.preventDefault();
    if (selected < 0 && (event.key === towardsRoot || event.key === awayFromRoot)) {
      select(current);
    } else select(next);
  };

  const zoomPath = [ROOT_NODE, ...tree.pathOf(zoom)];
  // Long paths: the root, an ellipsis (its title lists what is hidden), the last two frames.
  const hidden = zoomPath.length > 4 ? zoomPath.slice(1, -2) : [];
  const shownPath = hidden.length > 0 ? [zoomPath[0], -1, ...zoomPath.slice(-2)] : zoomPath;
  const totals = useMemo(() => (tree.isDiff ? tree.seriesTotals : null), [tree]);
  const exportName = slug(title ?? 'profile');

  const matchText = search ? searchStatus(search, tree.isDiff) : '';

  return (
    <section
      className="flame"
      aria-label={title ? `Flame graph: ${title}` : 'Flame graph'}
      tabIndex={0}
      ref={rootRef}
      onKeyDown={onKeyDown}
    >
      <header className="flame-toolbar">
        {toolbarStart}
        <nav className="flame-crumbs" aria-label="Zoom path">
          {title && <span className="flame-title">{title}</span>}
          {shownPath.map((node, i) =>
            node === undefined || node < 0 ? (
              <span
                key={`gap-${i}`}
                className="flame-crumb-gap"
                title={hidden.map((n) => tree.label(n)).join('\n')}
              >
                …
              </span>
            ) : (
              <button
                key={node}
                type="button"
                className="flame-crumb"
                aria-current={node === zoom ? 'true' : undefined}
                title={tree.label(node)}
                onClick={() => zoomTo(node)}
              >
                {tree.frameInfo(node).name}
              </button>
            ),
          )}
        </nav>
        <div className="flame-search">
          <input
            ref={searchRef}
            type="search"
            placeholder="Search: text or regex   /"
            aria-label="Search frames"
            value={query}
            spellCheck={false}
            onChange={(event) => setQuery(event.target.value)}
          />
          <span className="flame-match" role="status" title={search?.regexError}>
            {matchText}
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
              mode === 'sandwich' ? setMode('graph') : openSandwich(sandwichCandidate)
            }
          >
            Sandwich
          </button>
          <button
            type="button"
            disabled={zoom === ROOT_NODE || mode !== 'graph'}
            onClick={() => setZoomKeys([])}
          >
            Reset zoom
          </button>
          <button
            type="button"
            title="Collapsed stacks (flamegraph.pl, py-spy raw)"
            onClick={() => download(`${exportName}.txt`, tree.toCollapsed(), 'text/plain')}
          >
            Export .txt
          </button>
          <button
            type="button"
            title="speedscope file"
            onClick={() =>
              download(
                `${exportName}.speedscope.json`,
                JSON.stringify(tree.toSpeedscope(title ?? 'profile')),
                'application/json',
              )
            }
          >
            Export .speedscope.json
          </button>
        </div>
      </header>

      <ResizableSplit
        layoutName="flame"
        label="Resize flame graph and functions table"
        className="flame-body"
        startDefaultPercent={72}
        startMin={320}
        endMin={240}
        start={
          <div className="flame-main">
            {tree.totalWeight <= 0 ? (
              <p className="empty">No samples yet.</p>
            ) : mode === 'sandwich' && sandwich ? (
              <div className="flame-sandwich">
                <h3 className="flame-pane-title">
                  Callers of{' '}
                  <span className="mono">{tree.frames.frame(sandwich.frameId).name}</span>
                  <span className="quiet">
                    {' '}
                    total {pct(sandwich.total / tree.totalWeight)} · self{' '}
                    {pct(sandwich.self / tree.totalWeight)}
                  </span>
                </h3>
                <FlamePane
                  tree={sandwich.callers}
                  orientation="flame"
                  zoom={ROOT_NODE}
                  selected={NO_NODE}
                  search={search}
                  highlightFrame={-1}
                  firstDepth={1}
                  label="Callers flame graph"
                  onHover={onHover(sandwich.callers, ROOT_NODE)}
                  onClick={(node) => openSandwich(sandwich.callers.frameOf(node))}
                />
                <h3 className="flame-pane-title">
                  Callees of{' '}
                  <span className="mono">{tree.frames.frame(sandwich.frameId).name}</span>
                </h3>
                <FlamePane
                  tree={sandwich.callees}
                  orientation="icicle"
                  zoom={ROOT_NODE}
                  selected={NO_NODE}
                  search={search}
                  highlightFrame={-1}
                  firstDepth={1}
                  label="Callees flame graph"
                  onHover={onHover(sandwich.callees, ROOT_NODE)}
                  onClick={(node) => openSandwich(sandwich.callees.frameOf(node))}
                />
              </div>
            ) : (
              <FlamePane
                tree={tree}
                orientation={orientation}
                zoom={zoom}
                selected={selected}
                search={search}
                highlightFrame={tableHoverFrame}
                label="Flame graph"
                onHover={onHover(tree, zoom)}
                onClick={(node) => zoomTo(node)}
                onDraw={onMainDraw}
                paneRef={(handle) => {
                  mainPane.current = handle;
                }}
              />
            )}
          </div>
        }
        end={
          <TopFunctions
            rows={rows}
            totals={totals}
            sandwichFrame={sandwichFrame}
            onOpen={openSandwichOf}
            onHoverFrame={setTableHoverFrame}
          />
        }
      />

      <footer className="flame-status">
        {totals ? (
          <span>
            before {formatCount(totals.a)} · after {formatCount(totals.b)} samples ·{' '}
            <span className="flame-up">red grew</span>,{' '}
            <span className="flame-down">blue shrank</span> (share of samples); widths: mean share
          </span>
        ) : (
          <span>
            {formatCount(tree.totalWeight)} samples · {formatCount(tree.nodeCount - 1)} nodes ·
            depth {tree.maxDepth}
          </span>
        )}
        {zoom !== ROOT_NODE && (
          <span>
            zoom: {tree.frameInfo(zoom).name}{' '}
            {pct(tree.weights(zoom).total / (tree.totalWeight || 1))}
          </span>
        )}
        <span className="quiet">
          click zooms · / search · Esc back · arrows select · Enter zooms
        </span>
      </footer>

      {hover && hover.node >= 0 && (
        <div className="flame-tooltip" role="tooltip" ref={tooltipRef}>
          <Tooltip hover={hover} />
        </div>
      )}
    </section>
  );
}

interface TopFunctionsProps {
  rows: FunctionRow[] | null;
  totals: { a: number; b: number } | null;
  sandwichFrame: number;
  /** Rows may be of the previous tree (live updates): they are identified by frame, not id. */
  onOpen: (frame: StackFrame) => void;
  onHoverFrame: (frameId: number) => void;
}

/** The table of the heaviest functions; memoized: zoom, hover and search do not re-render it. */
const TopFunctions = memo(function TopFunctions({
  rows,
  totals,
  sandwichFrame,
  onOpen,
  onHoverFrame,
}: TopFunctionsProps) {
  return (
    <aside className="flame-side" aria-label="Top functions">
      <div className="table-scroll">
        <table className="data-table flame-table">
          <thead>
            <tr>
              {totals ? (
                <>
                  <th className="num" title="Total share before">
                    Before
                  </th>
                  <th className="num" title="Total share after">
                    After
                  </th>
                  <th className="num delta" title="Change of the total share, in points">
                    Δ pts
                  </th>
                </>
              ) : (
                <>
                  <th className="num" title="Samples where the function was running">
                    Self
                  </th>
                  <th className="num" title="Samples with the function on the stack">
                    Total
                  </th>
                </>
              )}
              <th>Function</th>
            </tr>
          </thead>
          <tbody>
            {rows === null ? (
              <tr>
                <td colSpan={4} className="quiet">
                  …
                </td>
              </tr>
            ) : (
              rows.map((row) => {
                const location = frameLocation(row);
                const a = totals && totals.a > 0 ? (row.totalA ?? 0) / totals.a : 0;
                const b = totals && totals.b > 0 ? (row.totalB ?? 0) / totals.b : 0;
                return (
                  <tr
                    key={row.frameId}
                    className={row.frameId === sandwichFrame ? 'selected' : undefined}
                    title={`${row.name}${location ? ` (${location})` : ''}: click for callers and callees`}
                    onClick={() => onOpen(row)}
                    onMouseEnter={() => onHoverFrame(row.frameId)}
                    onMouseLeave={() => onHoverFrame(-1)}
                  >
                    {totals ? (
                      <>
                        <td className="num mono">{pct(a)}</td>
                        <td className="num mono">{pct(b)}</td>
                        <td className={`num delta mono ${b - a > 0 ? 'flame-up' : 'flame-down'}`}>
                          {signed(b - a)}
                        </td>
                      </>
                    ) : (
                      <>
                        <td className="num mono">{pct(row.selfShare)}</td>
                        <td className="num mono">{pct(row.totalShare)}</td>
                      </>
                    )}
                    <td className="flame-fn">
                      <span className="mono">{row.name}</span>
                      {location && <span className="flame-loc">{location}</span>}
                    </td>
                  </tr>
                );
              })
            )}
          </tbody>
        </table>
      </div>
    </aside>
  );
});

function Tooltip({ hover }: { hover: Hover }) {
  const { tree, node, zoom } = hover;
  const frame = tree.frameInfo(node);
  const location = frameLocation(frame);
  const w = tree.weights(node);
  if (tree.isDiff) {
    const { a, b } = tree.seriesTotals;
    const shareA = a > 0 ? w.totalA / a : 0;
    const shareB = b > 0 ? (w.totalB ?? 0) / b : 0;
    return (
      <>
        <div className="flame-tip-name">{frame.name}</div>
        {location && <div className="flame-tip-loc">{location}</div>}
        <div>
          before: total {pct(shareA)} ({formatCount(w.totalA)}) · self{' '}
          {pct(a > 0 ? w.selfA / a : 0)}
        </div>
        <div>
          after: total {pct(shareB)} ({formatCount(w.totalB ?? 0)}) · self{' '}
          {pct(b > 0 ? (w.selfB ?? 0) / b : 0)}
        </div>
        <div className={shareB - shareA > 0 ? 'flame-up' : 'flame-down'}>
          change: {signedPts(shareB - shareA)}
        </div>
      </>
    );
  }
  const base = tree.percentBase || 1;
  const zoomTotal = tree.weights(zoom).total;
  return (
    <>
      <div className="flame-tip-name">{frame.name}</div>
      {location && <div className="flame-tip-loc">{location}</div>}
      <div>
        total {formatCount(w.total)} samples ({pct(w.total / base)}) · self {formatCount(w.self)} (
        {pct(w.self / base)})
      </div>
      {zoom !== ROOT_NODE && zoomTotal > 0 && (
        <div className="quiet">{pct(w.total / zoomTotal)} of the zoomed frame</div>
      )}
    </>
  );
}

function placeTooltip(element: HTMLDivElement | null, at: { x: number; y: number }): void {
  if (!element) return;
  const margin = 14;
  const width = element.offsetWidth;
  const height = element.offsetHeight;
  let x = at.x + margin;
  let y = at.y + margin;
  if (x + width > window.innerWidth - 4) x = Math.max(4, at.x - margin - width);
  if (y + height > window.innerHeight - 4) y = Math.max(4, at.y - margin - height);
  element.style.transform = `translate(${Math.round(x)}px, ${Math.round(y)}px)`;
}
