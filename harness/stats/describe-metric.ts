/** One metric of one (scenario, runtime) condensed into a MetricSummary. */
import type { MetricSummary } from '../results/format.js';
import { bootstrapMedianCi, type BootstrapOptions } from './bootstrap.js';
import { mean, sampleSd } from './descriptive.js';
import { countOutliers } from './outliers.js';
import { percentileSorted, sortAscending } from './percentile.js';
import { meanConfidenceInterval } from './student-t.js';

/**
 * @param values the metric of the ok samples only (ms)
 * @param failures launches with outcome 'failed' (not in `values`)
 * @param timeouts launches with outcome 'timeout' (not in `values`)
 */
export function describeMetric(values: readonly number[], failures: number, timeouts: number, options?: BootstrapOptions): MetricSummary {
  const n = values.length;
  if (n === 0) {
    return {
      n,
      failures,
      timeouts,
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
    };
  }
  const sorted = sortAscending(values);
  return {
    n,
    failures,
    timeouts,
    min: sorted[0] as number,
    max: sorted[n - 1] as number,
    mean: mean(sorted),
    median: percentileSorted(sorted, 50),
    p95: percentileSorted(sorted, 95),
    p99: percentileSorted(sorted, 99),
    sd: sampleSd(sorted),
    medianCi95: bootstrapMedianCi(sorted, options),
    meanCi95: meanConfidenceInterval(sorted, 0.95),
    outliers: countOutliers(sorted),
  };
}
