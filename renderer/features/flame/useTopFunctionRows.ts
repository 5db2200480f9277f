import { topFunctions } from '../../../shared/flame/topFunctions';
import { useCallback, useMemo, useRef, useState } from 'react';
import type { FunctionRow, StackTree } from '../../../shared/flame/stackTree';
import type { FlameDrawInfo } from './flameCanvas';

const TABLE_ROWS = 250;

/**
 * The rows of the functions table: the heaviest functions (of a diff tree: the largest changes).
 * They are computed once the graph has been drawn (`onMainDraw`): the first frame does not wait
 * for them. Null while there are none yet.
 */
export function useTopFunctionRows(tree: StackTree, preview = false) {
  const [drawnTree, setDrawnTree] = useState<StackTree | null>(null);
  // A preview's self weights are not the profile's (see FlameStream.buildPreview): no rows.
  const tableTree = drawnTree === tree && !preview ? tree : null;
  const computedRows = useMemo(() => {
    if (!tableTree) return null;
    const all = topFunctions(tableTree, { limit: tableTree.isDiff ? undefined : TABLE_ROWS });
    if (!tableTree.isDiff) return all;
    const { a, b } = tableTree.seriesTotals;
    const change = (r: FunctionRow) =>
      (b > 0 ? (r.totalB ?? 0) / b : 0) - (a > 0 ? (r.totalA ?? 0) / a : 0);
    return all.sort((x, y) => Math.abs(change(y)) - Math.abs(change(x))).slice(0, TABLE_ROWS);
  }, [tableTree]);
  // Live updates: the previous rows stay until the new tree has been drawn and tabulated.
  const lastRows = useRef<FunctionRow[] | null>(null);
  if (computedRows) lastRows.current = computedRows;
  const rows = preview ? null : tree.totalWeight > 0 ? (computedRows ?? lastRows.current) : [];

  const onMainDraw = useCallback(
    (_info: FlameDrawInfo) => setDrawnTree((drawn) => (drawn === tree ? drawn : tree)),
    [tree],
  );

  return { rows, onMainDraw };
}
