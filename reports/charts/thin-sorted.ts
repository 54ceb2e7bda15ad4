/**
 * Fewer points to draw, same picture. Keeping values at evenly spaced ranks of the sorted sample
 * preserves the shape of the distribution (every k-th order statistic) and always keeps the
 * minimum and maximum, unlike a random subsample. Only what is drawn is thinned: statistics are
 * computed from all values.
 */

export interface Thinned {
  /** Ranks (0-based indexes into the sorted input) that were kept, ascending. */
  ranks: number[];
  thinned: boolean;
}

export function thinRanks(n: number, maxPoints: number): Thinned {
  if (n <= maxPoints || maxPoints < 2) return { ranks: Array.from({ length: n }, (_, i) => i), thinned: false };
  const ranks: number[] = [];
  for (let k = 0; k < maxPoints; k++) ranks.push(Math.round((k * (n - 1)) / (maxPoints - 1)));
  return { ranks, thinned: true };
}

export function thinSorted(sorted: readonly number[], maxPoints: number): { values: number[]; thinned: boolean } {
  const { ranks, thinned } = thinRanks(sorted.length, maxPoints);
  return { values: ranks.map((r) => sorted[r] as number), thinned };
}
