/**
 * Which host of a fleet stands out on one figure. The hosts behind one load balancer run the same
 * code on the same kind of machine, so their figures are alike; one that is far above the others
 * is the one to look at first (seed 003: one backend of three looping in its logging).
 */
import { median } from '../util/stats';

/** A host stands out when its figure is more than this many times the median of the others. */
export const OUTLIER_RATIO = 2;

/**
 * For each host, whether its figure stands out: above `floor` (an absolute level below which the
 * figure is harmless whatever the others show) and more than OUTLIER_RATIO × the median of the
 * other hosts. The floor matters because a ratio alone reads noise: three idle hosts at 0.3 %,
 * 0.2 % and 1.1 % CPU differ by 4×, and none of them is a problem. A host without the figure
 * (null: not captured yet, or no match) never stands out and is not part of the others' median.
 */
export function standsOut(values: readonly (number | null)[], floor: number): boolean[] {
  return values.map((value, index) => {
    if (value === null || !Number.isFinite(value) || value < floor) return false;
    const others = values.filter(
      (other, at): other is number => at !== index && other !== null && Number.isFinite(other),
    );
    const middle = median(others);
    return middle !== null && value > OUTLIER_RATIO * middle;
  });
}
