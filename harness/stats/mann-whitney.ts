/**
 * The two-sided Mann-Whitney U test (Wilcoxon rank-sum): do two independent samples come from the
 * same distribution? It uses ranks only, so a long right tail of host noise cannot dominate it,
 * and it assumes nothing about the distribution's shape. Without ties and with small samples the
 * p-value is exact: the rank-sum permutation distribution counted over every split of the pooled
 * samples (an exact permutation test). Otherwise the normal approximation with the tie correction
 * and a continuity correction. Both as scipy.stats.mannwhitneyu (method 'exact' / 'asymptotic').
 */
import { twoSidedNormalP } from './normal.js';

export interface MannWhitneyResult {
  /** U of the first sample: pairs (x, y) with x > y, ties counting one half. */
  u: number;
  p: number;
  method: 'exact' | 'asymptotic';
}

/** Largest group size for the exact distribution: counts stay exact integers in a double. */
export const EXACT_MAX_N = 20;

/** Midranks (1-based) of the pooled values, and Σ(t³ − t) over tie groups. */
function rank(pooled: readonly number[]): { ranks: number[]; tieTerm: number } {
  const order = pooled.map((v, i) => [v, i] as const).sort((a, b) => a[0] - b[0]);
  const ranks = new Array<number>(pooled.length);
  let tieTerm = 0;
  for (let i = 0; i < order.length;) {
    let j = i;
    while (j + 1 < order.length && order[j + 1]![0] === order[i]![0]) j++;
    const mid = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) ranks[order[k]![1]] = mid;
    const t = j - i + 1;
    tieTerm += t ** 3 - t;
    i = j + 1;
  }
  return { ranks, tieTerm };
}

/**
 * How many of the C(m+n, m) splits give each U = 0 … m·n: the coefficients of the Gaussian
 * binomial [m+n choose m] in q, by the recurrence f(m, n) = f(m−1, n)·q^n + f(m, n−1).
 */
function uCounts(m: number, n: number): number[] {
  // rows[j] = distribution for (i, j) as i grows; start with i = 0: one split, U = 0.
  let prev: number[][] = Array.from({ length: n + 1 }, () => [1]);
  for (let i = 1; i <= m; i++) {
    const cur: number[][] = [[1]];
    for (let j = 1; j <= n; j++) {
      const a = prev[j]!; // f(i−1, j), shifted by j
      const b = cur[j - 1]!; // f(i, j−1)
      const out = new Array<number>(i * j + 1).fill(0);
      for (let k = 0; k < a.length; k++) out[k + j]! += a[k]!;
      for (let k = 0; k < b.length; k++) out[k]! += b[k]!;
      cur.push(out);
    }
    prev = cur;
  }
  return prev[n]!;
}

const countsCache = new Map<string, number[]>();

function exactP(u: number, m: number, n: number): number {
  const key = `${Math.min(m, n)},${Math.max(m, n)}`;
  let counts = countsCache.get(key);
  if (counts === undefined) {
    counts = uCounts(Math.min(m, n), Math.max(m, n)); // symmetric in m and n
    countsCache.set(key, counts);
  }
  const total = counts.reduce((s, c) => s + c, 0);
  // The distribution is symmetric about m·n/2: the two-sided p doubles the farther tail.
  const far = Math.max(u, m * n - u);
  let tail = 0;
  for (let k = Math.ceil(far); k < counts.length; k++) tail += counts[k]!;
  return Math.min(1, (2 * tail) / total);
}

/**
 * @throws RangeError when either sample is empty
 */
export function mannWhitneyU(x: readonly number[], y: readonly number[]): MannWhitneyResult {
  const m = x.length;
  const n = y.length;
  if (m === 0 || n === 0) throw new RangeError('Mann-Whitney U of an empty sample');
  const { ranks, tieTerm } = rank([...x, ...y]);
  let r1 = 0;
  for (let i = 0; i < m; i++) r1 += ranks[i]!;
  const u = r1 - (m * (m + 1)) / 2;
  if (tieTerm === 0 && Math.max(m, n) <= EXACT_MAX_N) return { u, p: exactP(u, m, n), method: 'exact' };
  const mu = (m * n) / 2;
  const N = m + n;
  const variance = ((m * n) / 12) * (N + 1 - tieTerm / (N * (N - 1)));
  if (variance <= 0) return { u, p: 1, method: 'asymptotic' }; // every value equal
  const z = (Math.abs(u - mu) - 0.5) / Math.sqrt(variance);
  return { u, p: z <= 0 ? 1 : twoSidedNormalP(z), method: 'asymptotic' };
}
