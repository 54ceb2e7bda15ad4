import { medianAbsoluteDeviation, type SortedSamples } from 'tinybench';
import { describe, expect, it } from 'vitest';
import { countOutliers, modifiedZScores } from '../../../harness/stats/outliers.js';
import { sortAscending } from '../../../harness/stats/percentile.js';

describe('outliers (modified z-score)', () => {
  it('relies on an unscaled tinybench MAD', () => {
    // median 3, |x − 3| = [2,1,0,1,97] → median 1 (no 1.4826 factor)
    expect(medianAbsoluteDeviation([1, 2, 3, 4, 100] as unknown as SortedSamples)).toBe(1);
  });

  it('flags the one slow launch (numpy: z = 32.1 for 35.0)', () => {
    const sorted = sortAscending([12.1, 10.4, 11.7, 10.9, 35.0, 11.2, 10.8]);
    const z = modifiedZScores(sorted);
    expect(z[z.length - 1]).toBeCloseTo(32.1062, 4);
    expect(countOutliers(sorted)).toBe(1);
  });

  it('finds none in tight data and none when all values are equal', () => {
    expect(countOutliers([10, 11, 12, 13, 14])).toBe(0);
    expect(countOutliers([5, 5, 5, 5])).toBe(0);
    expect(countOutliers([])).toBe(0);
  });

  it('does not call every non-median value an outlier when MAD is 0', () => {
    // MAD = 0 (over half the values identical): the plain formula would give four infinite
    // z-scores; the mean-absolute-deviation fallback gives 1.8 for the 11s.
    expect(countOutliers([10, 10, 10, 10, 10, 11, 11, 11, 11])).toBe(0);
    expect(countOutliers([10, 10, 10, 10, 10, 10, 10, 10, 10, 500])).toBe(1);
  });
});
