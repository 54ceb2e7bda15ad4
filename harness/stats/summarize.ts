/** All samples of a run → summary.json. Pure: the same samples always give the same Summary. */
import {
  RESULTS_FORMAT_VERSION,
  type Comparison,
  type MetricSummary,
  type RuntimeSummary,
  type StartupSample,
  type Summary,
} from '../results/format.js';
import type { BootstrapOptions } from './bootstrap.js';
import { describeMetric } from './describe-metric.js';
import { runtimeIdentity } from '../results/runtime-identity.js';
import { ratioOfMedians } from './ratio.js';
import { runtimeWarnings, type FirstSample } from './warnings.js';
import { phaseWarnings } from './phase-warnings.js';
import { performanceWarnings, summarizePerformance } from './summarize-performance.js';
import { runKey } from '../run-key.js';

interface Group {
  scenario: string;
  runtime: string;
  samples: StartupSample[];
}

/** Measured samples grouped by (scenario, runtime) in order of first appearance. */
function groupSamples(samples: readonly StartupSample[]): Group[] {
  const groups = new Map<string, Group>();
  for (const s of samples) {
    if (s.warmup) continue;
    const key = runKey(s.scenario, s.runtime);
    let g = groups.get(key);
    if (g === undefined) {
      g = { scenario: s.scenario, runtime: s.runtime, samples: [] };
      groups.set(key, g);
    }
    g.samples.push(s);
  }
  return [...groups.values()];
}

function okValues(samples: readonly StartupSample[], pick: (s: StartupSample) => number | null): number[] {
  const out: number[] = [];
  for (const s of samples) {
    const v = s.outcome === 'ok' ? pick(s) : null;
    if (v !== null && Number.isFinite(v)) out.push(v);
  }
  return out;
}

function phaseNames(samples: readonly StartupSample[]): string[] {
  const names = new Set<string>();
  for (const s of samples) for (const p of s.phases) names.add(p.name);
  return [...names];
}

interface Described {
  summary: RuntimeSummary;
  startupValues: number[];
  teardownValues: number[];
  first: FirstSample | null;
  /** Probe workload only: facts, not timings (no comparisons, no noise warnings). */
  factsOnly: boolean;
}

function describeGroup(g: Group, options?: BootstrapOptions): Described {
  const failures = g.samples.filter((s) => s.outcome === 'failed').length;
  const timeouts = g.samples.filter((s) => s.outcome === 'timeout').length;
  const describe = (values: number[]): MetricSummary => describeMetric(values, failures, timeouts, options);
  const startupValues = okValues(g.samples, (s) => s.startupMs);
  // A stop that came after the instance had exited by itself times only the reaping: kept apart.
  const teardownValues = okValues(
    g.samples.filter((s) => !s.exitedBeforeStop),
    (s) => s.teardownMs,
  );
  const exitedBefore = g.samples.filter((s) => s.outcome === 'ok' && s.exitedBeforeStop).length;
  const phases: Record<string, MetricSummary> = {};
  for (const name of phaseNames(g.samples)) {
    phases[name] = describe(okValues(g.samples, (s) => s.phases.find((p) => p.name === name)?.ms ?? null));
  }
  // Describe the instance as it actually ran: prefer a sample that got as far as ready.
  const ref = g.samples.find((s) => s.outcome === 'ok') ?? g.samples[0]!;
  const firstMeasured = g.samples.reduce((a, b) => (b.seq < a.seq ? b : a));
  return {
    summary: {
      ...runtimeIdentity(ref),
      startup: describe(startupValues),
      teardown: describe(teardownValues),
      ...(ref.stop ? { stop: ref.stop } : {}),
      ...(exitedBefore > 0
        ? { teardownExitedBeforeStop: exitedBefore, teardownAll: describe(okValues(g.samples, (s) => s.teardownMs)) }
        : {}),
      phases,
    },
    startupValues,
    teardownValues,
    first: firstMeasured.outcome === 'ok' ? firstMeasured : null,
    factsOnly: g.samples.every((s) => s.workload === 'probe'),
  };
}

function compare(described: readonly Described[], options?: BootstrapOptions): Comparison[] {
  const out: Comparison[] = [];
  const scenarios = [...new Set(described.map((d) => d.summary.scenario))];
  for (const scenario of scenarios) {
    const inScenario = described.filter((d) => d.summary.scenario === scenario);
    const vms = inScenario.filter((d) => d.summary.kind === 'vm');
    const containers = inScenario.filter((d) => d.summary.kind === 'container');
    for (const vm of vms) {
      for (const ct of containers) {
        // The probe workload collects isolation facts; its timings are not a benchmark.
        if (vm.factsOnly || ct.factsOnly) continue;
        const metrics = [
          ['startup', vm.startupValues, ct.startupValues],
          ['teardown', vm.teardownValues, ct.teardownValues],
        ] as const;
        for (const [metric, slow, fast] of metrics) {
          if (slow.length === 0 || fast.length === 0) continue;
          const { ratio, ci95 } = ratioOfMedians(slow, fast, options);
          // A zero container median (timer granularity) gives no meaningful ratio; JSON cannot hold ∞.
          if (!Number.isFinite(ratio)) continue;
          out.push({ scenario, metric, vm: vm.summary.runtime, container: ct.summary.runtime, ratio, ci95 });
        }
      }
    }
  }
  return out;
}

/**
 * @param samples every sample of the run, warmups included (they are ignored)
 * @param complete false for an interrupted run: the summary covers what was measured
 */
export function summarize(runId: string, samples: readonly StartupSample[], complete: boolean, options?: BootstrapOptions): Summary {
  const described = groupSamples(samples).map((g) => describeGroup(g, options));
  const summary: Summary = {
    formatVersion: RESULTS_FORMAT_VERSION,
    runId,
    complete,
    runtimes: described.map((d) => d.summary),
    comparisons: compare(described, options),
    warnings: [...described.flatMap((d) => runtimeWarnings(d.summary, d.first, d.factsOnly)), ...phaseWarnings(samples)],
  };
  // Only runs with performance workloads carry the keys: lifecycle summaries stay as they were.
  if (samples.some((s) => s.workloadMetrics)) {
    const performance = summarizePerformance(samples, options);
    Object.assign(summary, performance);
    summary.warnings.push(...performanceWarnings(performance.performance));
  }
  return summary;
}
