/**
 * Outliers by modified z-score (Iglewicz & Hoaglin): |0.6745·(x − median) / MAD| > 3.5.
 * Median and MAD are robust, so one 10× slow launch cannot hide itself by inflating the sd.
 */
import { medianAbsoluteDeviation, type SortedSamples } from 'tinybench';
import { medianSorted } from './percentile.js';

/** 0.6745 = Φ⁻¹(0.75): makes MAD estimate the sd of normal data. */
const MAD_TO_SD = 0.6745;
/** 1.253314 = √(π/2): mean absolute deviation to sd of normal data (fallback when MAD = 0). */
const MEAN_AD_TO_SD = 1.253314;
export const OUTLIER_THRESHOLD = 3.5;

/** Modified z-scores of ascending-sorted, non-empty values, in the same order. */
export function modifiedZScores(sorted: readonly number[]): number[] {
  if (sorted.length === 0) return [];
  const med = medianSorted(sorted);
  // tinybench's MAD is unscaled (median of |x − median|) and expects its branded sorted type.
  const mad = medianAbsoluteDeviation(sorted as unknown as SortedSamples);
  if (mad > 0) return sorted.map((x) => (MAD_TO_SD * (x - med)) / mad);
  // MAD is 0 when over half the values are identical (coarse timers): the plain formula would
  // call every other value an infinite outlier. Fall back to the mean absolute deviation
  // (IBM SPSS convention); if that is 0 too, all values are equal and none is an outlier.
  let meanAd = 0;
  for (const x of sorted) meanAd += Math.abs(x - med) / sorted.length;
  if (meanAd === 0) return sorted.map(() => 0);
  return sorted.map((x) => (x - med) / (MEAN_AD_TO_SD * meanAd));
}

/** Number of ascending-sorted values whose |modified z-score| exceeds 3.5. */
export function countOutliers(sorted: readonly number[]): number {
  return modifiedZScores(sorted).filter((z) => Math.abs(z) > OUTLIER_THRESHOLD).length;
}
