/**
 * When adaptive sampling stops a runtime (PTS's "run until the relative standard deviation is
 * low", on the quantity the comparison uses): after each of its measured samples, once it has the
 * minimum, every metric's 95% bootstrap CI of the median must be within the target fraction of
 * the median, on both sides. A metric with a zero or negative median, or too few ok samples for
 * an interval, does not meet it. At the maximum it stops whatever the interval.
 */
import type { SamplingStop, StartupSample } from '../results/format.js';
import type { AdaptiveSampling } from '../scenario/types.js';
import { bootstrapMedianCi } from '../stats/bootstrap.js';
import { medianSorted, sortAscending } from '../stats/percentile.js';

/** The values the interval is checked on: startup, or each metric of a performance workload. */
export function stopMetrics(samples: readonly StartupSample[]): Map<string, number[]> {
  const out = new Map<string, number[]>();
  const add = (name: string, v: number | null | undefined): void => {
    if (v === null || v === undefined || !Number.isFinite(v)) return;
    const list = out.get(name) ?? [];
    list.push(v);
    out.set(name, list);
  };
  for (const s of samples) {
    if (s.outcome !== 'ok' || s.warmup) continue;
    if (s.workloadMetrics) for (const m of s.workloadMetrics) add(m.name, m.value);
    else add('startup', s.startupMs);
  }
  return out;
}

/** The widest max(median − low, high − median) / median over the metrics; null when one has no interval. */
export function widestRelativeCi(metrics: Map<string, number[]>): number | null {
  if (metrics.size === 0) return null;
  let widest = 0;
  for (const values of metrics.values()) {
    const ci = bootstrapMedianCi(values);
    const median = medianSorted(sortAscending(values));
    if (ci === null || !(median > 0)) return null;
    widest = Math.max(widest, (median - ci[0]) / median, (ci[1] - median) / median);
  }
  return widest;
}

function pct(fraction: number): string {
  return `${(fraction * 100).toFixed(1)}%`;
}

/**
 * @param measured this runtime's measured samples so far (this workload's), the latest included
 * @param minIterations the scenario's iterations
 * @returns why to stop now, or null to go on
 */
export function adaptiveStop(measured: readonly StartupSample[], minIterations: number, adaptive: AdaptiveSampling): SamplingStop | null {
  const n = measured.length;
  if (n < minIterations) return null;
  const widest = widestRelativeCi(stopMetrics(measured));
  const base = { iterations: n, untilCi: adaptive.untilCi, ciRelative: widest };
  if (widest !== null && widest <= adaptive.untilCi) {
    return {
      ...base,
      stopped: 'ci',
      detail: `the 95% CI of the median is within ${pct(widest)} of it (target ${pct(adaptive.untilCi)}) after ${n} samples`,
    };
  }
  if (n >= adaptive.maxIterations) {
    const now = widest === null ? 'no interval yet (too few successful samples)' : `still ${pct(widest)}`;
    return {
      ...base,
      stopped: 'max',
      detail: `reached maxIterations ${adaptive.maxIterations} with the 95% CI of the median ${now} (target ${pct(adaptive.untilCi)})`,
    };
  }
  return null;
}
