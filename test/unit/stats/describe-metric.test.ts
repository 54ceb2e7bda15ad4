import { describe, expect, it } from 'vitest';
import { describeMetric } from '../../../harness/stats/describe-metric.js';

describe('describeMetric', () => {
  it('matches numpy on a hand-checked sample', () => {
    // numpy: median 11.2, p95 28.13, p99 33.626, sd(ddof=1) 9.019872240674767, mean 14.5857…
    const m = describeMetric([12.1, 10.4, 11.7, 10.9, 35.0, 11.2, 10.8], 2, 1);
    expect(m.n).toBe(7);
    expect(m.failures).toBe(2);
    expect(m.timeouts).toBe(1);
    expect(m.min).toBe(10.4);
    expect(m.max).toBe(35);
    expect(m.mean).toBeCloseTo(14.585714285714285, 10);
    expect(m.median).toBeCloseTo(11.2, 10);
    expect(m.p95).toBeCloseTo(28.13, 10);
    expect(m.p99).toBeCloseTo(33.626, 10);
    expect(m.sd).toBeCloseTo(9.019872240674767, 10);
    expect(m.meanCi95?.[0]).toBeCloseTo(6.243723793554276, 8);
    expect(m.outliers).toBe(1);
    const [lo, hi] = m.medianCi95 as [number, number];
    expect(lo).toBeLessThanOrEqual(11.2);
    expect(hi).toBeGreaterThanOrEqual(11.2);
  });

  it('is all null for n = 0 and has no CIs for tiny n', () => {
    expect(describeMetric([], 3, 0)).toEqual({
      n: 0,
      failures: 3,
      timeouts: 0,
      min: null,
      max: null,
      mean: null,
      median: null,
      p95: null,
      p99: null,
      sd: null,
      medianCi95: null,
      meanCi95: null,
      outliers: 0,
    });
    const one = describeMetric([5], 0, 0);
    expect(one).toMatchObject({ n: 1, min: 5, median: 5, sd: null, meanCi95: null, medianCi95: null });
    const two = describeMetric([5, 7], 0, 0);
    expect(two.meanCi95).not.toBeNull();
    expect(two.medianCi95).toBeNull();
  });
});
