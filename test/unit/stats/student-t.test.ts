import { describe, expect, it } from 'vitest';
import { meanConfidenceInterval, studentTCdf, studentTQuantile } from '../../../harness/stats/student-t.js';

describe("Student's t", () => {
  // scipy.stats.t.ppf(0.975, df)
  const table: [number, number][] = [
    [1, 12.706204736174694],
    [2, 4.302652729749462],
    [3, 3.1824463052837078],
    [5, 2.5705818356363146],
    [10, 2.228138851986274],
    [30, 2.0422724563012378],
    [100, 1.9839715185235518],
    [1000, 1.9623390808264083],
  ];
  it.each(table)('t(0.975, %i) matches scipy', (df, expected) => {
    expect(studentTQuantile(0.975, df)).toBeCloseTo(expected, 8);
  });

  it('is symmetric and consistent with its CDF', () => {
    expect(studentTQuantile(0.025, 7)).toBeCloseTo(-studentTQuantile(0.975, 7), 10);
    expect(studentTCdf(0, 4)).toBeCloseTo(0.5, 12);
    expect(studentTCdf(studentTQuantile(0.9, 4), 4)).toBeCloseTo(0.9, 10);
  });

  it('mean CI matches scipy and is null below n = 2', () => {
    const y = [12.1, 10.4, 11.7, 10.9, 35.0, 11.2, 10.8];
    const ci = meanConfidenceInterval(y);
    expect(ci?.[0]).toBeCloseTo(6.243723793554276, 8);
    expect(ci?.[1]).toBeCloseTo(22.927704777874297, 8);
    expect(meanConfidenceInterval([5])).toBeNull();
    expect(meanConfidenceInterval([])).toBeNull();
  });
});
