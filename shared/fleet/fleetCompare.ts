/** The fleet table: each host's figures for one capture, with the ones that stand out marked. */
import {
  FIGURE_SPECS,
  figureOrNone,
  type FigureSpec,
  type FigureValue,
  type FleetRecipe,
} from './fleetFigures';
import { standsOut } from './fleetOutliers';

export interface FleetCell extends FigureValue {
  standsOut: boolean;
}

export interface FleetComparison {
  columns: readonly FigureSpec[];
  /** One row per host, in the order given, one cell per column. */
  rows: FleetCell[][];
  /** The hosts (row indexes) with at least one figure that stands out. */
  outliers: number[];
}

export function compareFleet(
  recipe: FleetRecipe,
  hosts: readonly Record<string, FigureValue>[],
): FleetComparison {
  const columns = FIGURE_SPECS[recipe];
  const marks = columns.map((spec) =>
    spec.floor === null
      ? hosts.map(() => false)
      : standsOut(
          hosts.map((figures) => figureOrNone(figures, spec.key).value),
          spec.floor,
        ),
  );
  const rows = hosts.map((figures, host) =>
    columns.map((spec, column) => ({
      ...figureOrNone(figures, spec.key),
      standsOut: marks[column]?.[host] ?? false,
    })),
  );
  const outliers = rows.flatMap((cells, host) => (cells.some((c) => c.standsOut) ? [host] : []));
  return { columns, rows, outliers };
}
