/**
 * "No significant change" is only useful with how large a change would have been seen: the
 * smallest relative shift the test could have called significant with these samples' noise.
 * Each sample is divided by its own median (leaving its spread), one is scaled by 1 + d, and d is
 * bisected until the test's p-value drops below the threshold; the larger of the upward and
 * downward answers is returned. null: no shift, however large, could reach the threshold
 * (too few samples for this test at this α).
 */
import { mannWhitneyU } from './mann-whitney.js';
import { medianSorted, sortAscending } from './percentile.js';

type PValue = (x: readonly number[], y: readonly number[]) => number;

const mwP: PValue = (x, y) => mannWhitneyU(x, y).p;

function relative(values: readonly number[]): number[] {
  const sorted = sortAscending(values);
  const med = medianSorted(sorted);
  return sorted.map((v) => v / med);
}

function smallestShift(x: readonly number[], y: readonly number[], threshold: number, up: boolean, test: PValue): number | null {
  const all = [...x, ...y];
  // At this factor every y lies beyond every x: the most extreme ranks the test can see.
  const spread = Math.max(...all) / Math.min(...all);
  const significant = (d: number): boolean =>
    test(
      x,
      y.map((v) => (up ? v * (1 + d) : v / (1 + d))),
    ) < threshold;
  let hi = spread * 2;
  if (!significant(hi)) return null;
  let lo = 0;
  for (let i = 0; i < 60 && hi - lo > 1e-6; i++) {
    const mid = (lo + hi) / 2;
    if (significant(mid)) hi = mid;
    else lo = mid;
  }
  return hi;
}

/**
 * @param threshold the p-value a lone change must reach (α over the number of comparisons: the
 *   first step of Holm's correction)
 * @returns the relative change (0.05 = 5 %), or null when none can be detected
 */
export function detectableChange(base: readonly number[], other: readonly number[], threshold: number, test: PValue = mwP): number | null {
  if (base.length === 0 || other.length === 0) return null;
  const x = relative(base);
  const y = relative(other);
  if (![...x, ...y].every((v) => Number.isFinite(v) && v > 0)) return null;
  const up = smallestShift(x, y, threshold, true, test);
  const down = smallestShift(x, y, threshold, false, test);
  if (up === null || down === null) return null;
  // Downward, a factor 1/(1 + d) is a change of d/(1 + d): report both as changes of the median.
  return Math.max(up, down / (1 + down));
}
