/** The values a chart draws: the same selection summary.json was computed from. */
import type { StartupSample } from '../../harness/results/format.js';
import type { RunData } from '../report-input.js';

export type Metric = 'startup' | 'teardown';

export function metricOf(sample: StartupSample, metric: Metric): number | null {
  return metric === 'startup' ? sample.startupMs : sample.teardownMs;
}

/**
 * Ok, measured (non-warmup) values of every (scenario, runtime), ascending, keyed by groupKey: the
 * same selection summary.json was computed from. One pass over the samples, not one per group.
 */
export function groupedMetricValues(run: RunData, metric: Metric): Map<string, number[]> {
  const groups = new Map<string, number[]>();
  for (const s of run.samples) {
    if (s.warmup || s.outcome !== 'ok') continue;
    const v = metricOf(s, metric);
    if (v === null || !Number.isFinite(v)) continue;
    const key = groupKey(s.scenario, s.runtime);
    let values = groups.get(key);
    if (values === undefined) groups.set(key, (values = []));
    values.push(v);
  }
  for (const values of groups.values()) values.sort((a, b) => a - b);
  return groups;
}

/** JSON of the pair: no separator character in a name can make two pairs collide. */
export function groupKey(scenario: string, runtime: string): string {
  return JSON.stringify([scenario, runtime]);
}
