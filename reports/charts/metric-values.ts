/** The values a chart draws: the same selection summary.json was computed from. */
import type { StartupSample } from '../../harness/results/format.js';
import type { RunData } from '../report-input.js';
import { runKey } from '../../harness/run-key.js';
import type { LifecycleMetric } from '../../harness/vocabulary.js';

export type Metric = LifecycleMetric;

export function metricOf(sample: StartupSample, metric: Metric): number | null {
  return metric === 'startup' ? sample.startupMs : sample.teardownMs;
}

/**
 * Ok, measured (non-warmup) values of every (scenario, runtime), ascending, keyed by runKey: the
 * same selection summary.json was computed from. One pass over the samples, not one per group.
 */
export function groupedMetricValues(run: RunData, metric: Metric): Map<string, number[]> {
  const groups = new Map<string, number[]>();
  for (const s of run.samples) {
    if (s.warmup || s.outcome !== 'ok') continue;
    const v = metricOf(s, metric);
    if (v === null || !Number.isFinite(v)) continue;
    const key = runKey(s.scenario, s.runtime);
    let values = groups.get(key);
    if (values === undefined) groups.set(key, (values = []));
    values.push(v);
  }
  for (const values of groups.values()) values.sort((a, b) => a - b);
  return groups;
}
