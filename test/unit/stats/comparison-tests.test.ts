/**
 * The comparison statistics against reference values. Constants computed with scipy 1.17.1:
 * scipy.stats.mannwhitneyu(..., alternative='two-sided', method='exact'|'asymptotic'),
 * scipy.stats.ttest_ind(..., equal_var=False) and its confidence_interval(0.95),
 * scipy.stats.norm.sf / isf; Holm by numpy (p sorted, ·(m − i), running maximum, cap 1),
 * the definition statsmodels' multipletests(method='holm') implements.
 */
import { describe, expect, it } from 'vitest';
import { mannWhitneyU } from '../../../harness/stats/mann-whitney.js';
import { welchT } from '../../../harness/stats/welch-t.js';
import { holmAdjust } from '../../../harness/stats/holm.js';
import { normalIsf, normalSf } from '../../../harness/stats/normal.js';
import { detectableChange } from '../../../harness/stats/detectable-change.js';

const base = [2013.4, 1987.2, 2051.9, 1999.0, 2102.3, 1978.5, 2020.1, 2008.8, 1995.6, 2044.0];
const slower = [2080.2, 2110.5, 2069.9, 2121.3, 2098.7, 2150.0, 2075.4, 2133.3, 2089.1, 2101.7];

describe('Mann-Whitney U', () => {
  it('is exact without ties (10 + 10), as scipy method="exact"', () => {
    const r = mannWhitneyU(slower, base);
    expect(r).toMatchObject({ u: 94, method: 'exact' });
    expect(r.p).toBeCloseTo(0.00032475264673407085, 12);
  });

  it("gives scipy's exact p for fully separated and for small overlapping samples", () => {
    expect(mannWhitneyU([1, 2, 3, 4, 5], [6, 7, 8, 9, 10, 11]).p).toBeCloseTo(0.004329004329004329, 12);
    const r = mannWhitneyU([3.1, 1.4, 4.1, 5.9, 2.6], [5.3, 5.8, 9.7, 9.3, 2.3, 8.4]);
    expect(r.u).toBe(6);
    // scipy.stats.permutation_test over all 462 splits of the U statistic gives the same p.
    expect(r.p).toBeCloseTo(0.12554112554112554, 12);
  });

  it('uses the normal approximation with tie and continuity corrections when values tie', () => {
    const r = mannWhitneyU([1.2, 3.4, 3.4, 5.0, 2.2, 2.2, 7.1], [3.4, 5.5, 6.0, 2.2, 8.8, 9.1]);
    expect(r).toMatchObject({ u: 10, method: 'asymptotic' });
    expect(r.p).toBeCloseTo(0.12932721455310425, 6);
  });

  it('gives p = 1 when every value is equal, and refuses an empty sample', () => {
    expect(mannWhitneyU([5, 5, 5], [5, 5, 5]).p).toBe(1);
    expect(() => mannWhitneyU([], [1])).toThrow(RangeError);
  });

  it("matches scipy's asymptotic p on the same 10 + 10 when it has to approximate", () => {
    // 21 values a side exceed the exact limit: one tie-free case checked against scipy.
    const x = Array.from({ length: 21 }, (_, i) => 100 + i * 1.5);
    const y = Array.from({ length: 21 }, (_, i) => 108.25 + i * 1.5);
    const r = mannWhitneyU(y, x);
    expect(r.method).toBe('asymptotic');
    expect(r.p).toBeCloseTo(0.011883872063715774, 6);
  });
});

describe("Welch's t on logs", () => {
  it("gives scipy's t, df, p and interval", () => {
    const r = welchT([2010, 2035, 1990].map(Math.log), [2100, 2080, 2140, 2095].map(Math.log))!;
    expect(r.t).toBeCloseTo(5.0469296648850515, 9);
    expect(r.df).toBeCloseTo(4.6610777921048205, 9);
    expect(r.p).toBeCloseTo(0.004793629410195917, 9);
    expect(r.ci95[0]).toBeCloseTo(0.02144692750662164, 9);
    expect(r.ci95[1]).toBeCloseTo(0.06804192978398244, 9);
  });

  it('is undefined with fewer than 2 values a side or no spread', () => {
    expect(welchT([1], [1, 2])).toBeNull();
    expect(welchT([1, 1], [1, 1])).toBeNull();
  });
});

describe('normal tail', () => {
  it('matches scipy.stats.norm.sf and isf', () => {
    expect(normalSf(2.5)).toBeCloseTo(0.006209665325776132, 8);
    expect(normalIsf(0.0005)).toBeCloseTo(3.2905267314918945, 5);
  });
});

describe('Holm correction', () => {
  it('adjusts in step-down order, monotone, capped at 1', () => {
    const adjusted = holmAdjust([0.01, 0.04, 0.03, 0.005, 0.5]);
    [0.04, 0.09, 0.09, 0.025, 0.5].forEach((v, i) => expect(adjusted[i]).toBeCloseTo(v, 12));
    expect(holmAdjust([0.6, 0.7])).toEqual([1, 1]);
    expect(holmAdjust([])).toEqual([]);
  });

  it('keeps a single test as it is', () => {
    expect(holmAdjust([0.003])).toEqual([0.003]);
  });
});

describe('smallest detectable change', () => {
  it('is the shift at which the test just becomes significant', () => {
    const threshold = 0.01 / 20;
    const d = detectableChange(base, base, threshold)!;
    expect(d).toBeGreaterThan(0.005);
    expect(d).toBeLessThan(0.2);
    // Just above it the shifted copy is significant, just below it is not.
    expect(
      mannWhitneyU(
        base.map((v) => v * (1 + d * 1.01)),
        base,
      ).p,
    ).toBeLessThan(threshold);
    expect(
      mannWhitneyU(
        base.map((v) => v * (1 + d * 0.95)),
        base,
      ).p,
    ).toBeGreaterThanOrEqual(threshold);
  });

  it('is null when no shift could reach the threshold (3 + 3 samples: p ≥ 0.1)', () => {
    expect(detectableChange([1, 2, 3], [1, 2, 3], 0.01)).toBeNull();
  });
});
