/**
 * Ordinary least squares y = intercept + slope·x. The slope is the marginal cost of one more
 * instance; sums are taken around the means so byte-sized values (~1e10) keep their precision.
 */
import type { LinearFit } from '../results/format.js';
import { mean } from './descriptive.js';

/**
 * @returns null when n < 2 or every x is equal (no line is defined). slopeStdErr is null when
 *   n < 3 (two points leave no residual degrees of freedom); r2 is null when every y is equal.
 * @throws RangeError when xs and ys differ in length
 */
export function linearFit(xs: readonly number[], ys: readonly number[]): LinearFit | null {
  const n = xs.length;
  if (ys.length !== n) throw new RangeError(`linear fit of ${n} x values against ${ys.length} y values`);
  if (n < 2) return null;
  const mx = mean(xs);
  const my = mean(ys);
  let sxx = 0;
  let sxy = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = (xs[i] as number) - mx;
    const dy = (ys[i] as number) - my;
    sxx += dx * dx;
    sxy += dx * dy;
    syy += dy * dy;
  }
  if (sxx === 0) return null;
  const slope = sxy / sxx;
  const intercept = my - slope * mx;
  let sse = 0;
  for (let i = 0; i < n; i++) sse += ((ys[i] as number) - intercept - slope * (xs[i] as number)) ** 2;
  return {
    slope,
    intercept,
    slopeStdErr: n < 3 ? null : Math.sqrt(sse / (n - 2)) / Math.sqrt(sxx),
    r2: syy === 0 ? null : 1 - sse / syy,
    n,
  };
}
