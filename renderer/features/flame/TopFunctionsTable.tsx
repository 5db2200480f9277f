import { memo } from 'react';
import { frameLocation, type StackFrame } from '../../../shared/flame/stackSamples';
import type { FunctionRow } from '../../../shared/flame/stackTree';
import { pct, signed } from './flameFormat';

interface TopFunctionsTableProps {
  rows: FunctionRow[] | null;
  totals: { a: number; b: number } | null;
  sandwichFrame: number;
  /** Rows may be of the previous tree (live updates): they are identified by frame, not id. */
  onOpen: (frame: StackFrame) => void;
  onHoverFrame: (frameId: number) => void;
}

/** The table of the heaviest functions; memoized: zoom, hover and search do not re-render it. */
export const TopFunctionsTable = memo(function TopFunctions({
  rows,
  totals,
  sandwichFrame,
  onOpen,
  onHoverFrame,
}: TopFunctionsTableProps) {
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
