import { describe, expect, it } from 'vitest';
import { bootstrapMedianCi } from '../../../harness/stats/bootstrap.js';
import { mulberry32 } from '../../../harness/stats/prng.js';
import { ratioOfMedians } from '../../../harness/stats/ratio.js';

const vm = [302, 298, 310, 305, 299, 301, 340, 303, 297, 306];
const ct = [21, 20, 22, 19, 23, 20, 21, 25, 20, 22];

describe('mulberry32', () => {
  it('is deterministic per seed and in [0, 1)', () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    const xs = Array.from({ length: 1000 }, () => a());
    expect(xs).toEqual(Array.from({ length: 1000 }, () => b()));
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(mulberry32(43)()).not.toBe(xs[0]);
  });
});

describe('bootstrapMedianCi', () => {
  it('contains the median and lies within the data', () => {
    const ci = bootstrapMedianCi(vm);
    expect(ci).not.toBeNull();
    const [lo, hi] = ci as [number, number];
    expect(lo).toBeLessThanOrEqual(302.5);
    expect(hi).toBeGreaterThanOrEqual(302.5);
    expect(lo).toBeGreaterThanOrEqual(297);
    expect(hi).toBeLessThanOrEqual(340);
  });

  it('is reproducible, independent of input order, and seed-dependent', () => {
    const ci = bootstrapMedianCi(vm);
    expect(bootstrapMedianCi(vm)).toEqual(ci);
    expect(bootstrapMedianCi([...vm].reverse())).toEqual(ci);
    const skewed = [1, 2, 3, 5, 8, 13, 21, 34, 55, 89];
    expect(bootstrapMedianCi(skewed, { seed: 1 })).not.toEqual(bootstrapMedianCi(skewed, { seed: 2 }));
  });

  it('is null below 3 values', () => {
    expect(bootstrapMedianCi([1, 2])).toBeNull();
    expect(bootstrapMedianCi([4, 4, 4])).toEqual([4, 4]);
  });
});

describe('ratioOfMedians', () => {
  it('gives median(slow)/median(fast) with a CI containing it', () => {
    const { ratio, ci95 } = ratioOfMedians(vm, ct);
    expect(ratio).toBeCloseTo(302.5 / 21, 12);
    const [lo, hi] = ci95 as [number, number];
    expect(lo).toBeLessThanOrEqual(ratio);
    expect(hi).toBeGreaterThanOrEqual(ratio);
    expect(ratioOfMedians(vm, ct)).toEqual({ ratio, ci95 });
  });

  it('has no CI when a group has fewer than 3 values, and rejects empty groups', () => {
    expect(ratioOfMedians([10, 12], ct).ci95).toBeNull();
    expect(ratioOfMedians(vm, [20, 21]).ci95).toBeNull();
    expect(() => ratioOfMedians([], ct)).toThrow(RangeError);
  });
});
