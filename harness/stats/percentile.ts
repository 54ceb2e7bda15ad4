/**
 * Percentiles with linear interpolation between closest ranks: the same definition as numpy's
 * default (`method='linear'`), so numbers can be checked against numpy/pandas by readers.
 */

/** Ascending copy; `Array.prototype.sort` alone would compare numbers as strings. */
export function sortAscending(values: readonly number[]): number[] {
  return [...values].sort((a, b) => a - b);
}

/**
 * The `p`-th percentile (0–100) of an ascending-sorted, non-empty array.
 * @throws RangeError on an empty array or p outside [0, 100]
 */
export function percentileSorted(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) throw new RangeError('percentile of an empty sample');
  if (!(p >= 0 && p <= 100)) throw new RangeError(`percentile must be within [0, 100], got ${p}`);
  const rank = (p / 100) * (sorted.length - 1);
  const lo = Math.floor(rank);
  const hi = Math.min(lo + 1, sorted.length - 1);
  const a = sorted[lo] as number;
  const b = sorted[hi] as number;
  return a + (rank - lo) * (b - a);
}

/** The `p`-th percentile (0–100) of unsorted values. */
export function percentile(values: readonly number[], p: number): number {
  return percentileSorted(sortAscending(values), p);
}

/** Median of an ascending-sorted, non-empty array. */
export function medianSorted(sorted: readonly number[]): number {
  return percentileSorted(sorted, 50);
}
