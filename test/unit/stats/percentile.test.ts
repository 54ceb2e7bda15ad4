import { describe, expect, it } from 'vitest';
import { medianSorted, percentile, percentileSorted, sortAscending } from '../../../harness/stats/percentile.js';

describe('percentile (numpy linear)', () => {
  const oneToTen = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];

  it('matches numpy.percentile on 1..10', () => {
    // numpy: [1.0, 3.25, 5.5, 9.55, 9.91, 10.0]
    expect(percentileSorted(oneToTen, 0)).toBe(1);
    expect(percentileSorted(oneToTen, 25)).toBeCloseTo(3.25, 12);
    expect(percentileSorted(oneToTen, 50)).toBeCloseTo(5.5, 12);
    expect(percentileSorted(oneToTen, 95)).toBeCloseTo(9.55, 12);
    expect(percentileSorted(oneToTen, 99)).toBeCloseTo(9.91, 12);
    expect(percentileSorted(oneToTen, 100)).toBe(10);
  });

  it('sorts numerically, not lexically', () => {
    expect(sortAscending([10, 9, 100, 1])).toEqual([1, 9, 10, 100]);
    expect(percentile([10, 2, 1], 50)).toBe(2);
  });

  it('handles one value and odd/even medians', () => {
    expect(percentileSorted([7], 95)).toBe(7);
    expect(medianSorted([1, 2, 3])).toBe(2);
    expect(medianSorted([1, 2, 3, 4])).toBe(2.5);
  });

  it('rejects empty input and p out of range', () => {
    expect(() => percentileSorted([], 50)).toThrow(RangeError);
    expect(() => percentileSorted([1], 101)).toThrow(RangeError);
    expect(() => percentileSorted([1], Number.NaN)).toThrow(RangeError);
  });
});
