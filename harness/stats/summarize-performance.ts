/**
 * Performance workloads in the summary: per (scenario, workload, runtime) the median and its 95%
 * bootstrap interval of every metric, then each runtime against the host baseline and each VM
 * against each container, as relative speeds (1 = the same, below 1 = slower) with intervals.
 * Pure: the same samples always give the same figures (fixed bootstrap seed).
 */
import type { PerformanceRatio, StartupSample, WorkloadMetricSummary, WorkloadSummary, Warning } from '../results/format.js';
import { warning } from './warning.js';
import type { BootstrapOptions } from './bootstrap.js';
import { describeMetric } from './describe-metric.js';
import { ratioOfMedians } from './ratio.js';
import { runtimeIdentity } from '../results/runtime-identity.js';
import { workloadKey, workloadRunKey } from '../run-key.js';
import { medianSorted, sortAscending } from './percentile.js';

const median = (values: readonly number[]): number => medianSorted(sortAscending(values));

interface Group {
  summary: WorkloadSummary;
  values: Map<string, number[]>;
}

/**
 * sd/mean above this is "noisy" for a workload metric. Tighter than for startups (20%): the
 * figures are compared at the 5% level (a container against the host), and fixed work on an idle
 * host repeats within a few percent.
 */
export const WORKLOAD_NOISE_CV = 0.1;

export function summarizePerformance(
  samples: readonly StartupSample[],
  options?: BootstrapOptions,
): { performance: WorkloadSummary[]; performanceRatios: PerformanceRatio[] } {
  const groups = groupByWorkload(samples, options);
  return { performance: groups.map((g) => g.summary), performanceRatios: ratios(groups, options) };
}

/** Failed samples and noisy metrics of each workload, in the words of the startup warnings. */
export function performanceWarnings(performance: readonly WorkloadSummary[]): Warning[] {
  const out: Warning[] = [];
  for (const w of performance) {
    const where = `${w.scenario}/${w.runtime} ${w.workload}`;
    const scope = { scenario: w.scenario, runtime: w.runtime, workload: w.workload };
    const first = w.metrics[0];
    if (first && first.failures + first.timeouts > 0) {
      const all = first.n + first.failures + first.timeouts;
      out.push(
        warning(
          scope,
          null,
          'failures',
          `${where}: ${first.failures + first.timeouts} of ${all} samples failed or timed out; they are excluded from the statistics. See the error field of those samples in samples.jsonl.`,
        ),
      );
    }
    for (const m of w.metrics) {
      if (m.n < 3 || m.sd === null || m.mean === null || !(m.mean > 0) || m.sd / m.mean <= WORKLOAD_NOISE_CV) continue;
      out.push(
        warning(
          scope,
          m.name,
          'noisy',
          `${where} ${m.name}: the samples vary widely (standard deviation is ${Math.round((100 * m.sd) / m.mean)}% of the mean); the host may have been busy (other work on its CPUs). Compare against the host runtime of the same run, or rerun on a quieter machine.`,
        ),
      );
    }
  }
  return out;
}

function groupByWorkload(samples: readonly StartupSample[], options?: BootstrapOptions): Group[] {
  const bySample = new Map<string, StartupSample[]>();
  for (const s of samples) {
    if (s.warmup) continue;
    const key = workloadRunKey(s.scenario, s.workload, s.runtime);
    const list = bySample.get(key) ?? [];
    list.push(s);
    bySample.set(key, list);
  }
  const groups: Group[] = [];
  for (const list of bySample.values()) {
    // Only workloads that report metrics: a group whose every sample failed still shows up when
    // another runtime of the same workload did report them (its metric list comes from there).
    const withMetrics = list.find((s) => s.workloadMetrics);
    const defs = withMetrics?.workloadMetrics ?? findDefs(samples, list[0]!);
    if (!defs) continue;
    const failures = list.filter((s) => s.outcome === 'failed').length;
    const timeouts = list.filter((s) => s.outcome === 'timeout').length;
    const values = new Map<string, number[]>();
    for (const def of defs) {
      values.set(
        def.name,
        list.flatMap((s) => {
          const v = s.outcome === 'ok' ? s.workloadMetrics?.find((m) => m.name === def.name)?.value : undefined;
          return v !== undefined && Number.isFinite(v) ? [v] : [];
        }),
      );
    }
    const metrics: WorkloadMetricSummary[] = defs.map((def) => ({
      name: def.name,
      unit: def.unit,
      better: def.better,
      ...describeMetric(values.get(def.name)!, failures, timeouts, options),
    }));
    const ref = list.find((s) => s.outcome === 'ok') ?? list[0]!;
    groups.push({ summary: { ...runtimeIdentity(ref), workload: ref.workload, metrics, ...hostDiskCache(list) }, values });
  }
  return groups;
}

/** A disk workload's samples: the median of their backing files' host page-cache residency (ok samples). */
function hostDiskCache(list: readonly StartupSample[]): Pick<WorkloadSummary, 'hostDiskCache'> {
  if (!list.some((s) => s.hostDiskCache !== undefined)) return {};
  const read = list.flatMap((s) => (s.outcome === 'ok' && s.hostDiskCache ? [s.hostDiskCache] : []));
  if (read.length === 0) return { hostDiskCache: null };
  return { hostDiskCache: { cachedMiB: median(read.map((c) => c.cachedMiB)), fileMiB: median(read.map((c) => c.fileMiB)) } };
}

/** The metric list of a workload from any runtime's samples (for a runtime where all failed). */
function findDefs(samples: readonly StartupSample[], like: StartupSample): StartupSample['workloadMetrics'] {
  return samples.find((s) => s.scenario === like.scenario && s.workload === like.workload && s.workloadMetrics)?.workloadMetrics ?? null;
}

function ratios(groups: readonly Group[], options?: BootstrapOptions): PerformanceRatio[] {
  const out: PerformanceRatio[] = [];
  const keys = [...new Set(groups.map((g) => workloadKey(g.summary.scenario, g.summary.workload)))];
  for (const key of keys) {
    const same = groups.filter((g) => workloadKey(g.summary.scenario, g.summary.workload) === key);
    const hosts = same.filter((g) => g.summary.kind === 'host');
    const vms = same.filter((g) => g.summary.kind === 'vm');
    const containers = same.filter((g) => g.summary.kind === 'container');
    for (const base of hosts) {
      for (const g of same) if (g.summary.kind !== 'host') out.push(...compare(g, base, 'host', options));
    }
    for (const vm of vms) for (const ct of containers) out.push(...compare(vm, ct, 'vm-container', options));
  }
  return out;
}

function compare(runtime: Group, baseline: Group, against: PerformanceRatio['against'], options?: BootstrapOptions): PerformanceRatio[] {
  const out: PerformanceRatio[] = [];
  for (const m of runtime.summary.metrics) {
    const mine = runtime.values.get(m.name) ?? [];
    const theirs = baseline.values.get(m.name) ?? [];
    if (mine.length === 0 || theirs.length === 0) continue;
    // As a speed: for "lower is better" (seconds, ns) the baseline's value goes on top.
    const { ratio, ci95 } = m.better === 'higher' ? ratioOfMedians(mine, theirs, options) : ratioOfMedians(theirs, mine, options);
    if (!Number.isFinite(ratio)) continue;
    out.push({
      scenario: runtime.summary.scenario,
      workload: runtime.summary.workload,
      metric: m.name,
      unit: m.unit,
      better: m.better,
      against,
      runtime: runtime.summary.runtime,
      baseline: baseline.summary.runtime,
      relative: ratio,
      ci95,
    });
  }
  return out;
}
