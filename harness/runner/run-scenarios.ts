/**
 * The runner loop: for each scenario, launch the planned instances one after another, hand each
 * finished sample to the sink at once (so a crash keeps what was measured), and stop early,
 * cleanly, when the abort signal fires. Knows nothing of processes: runtimes do that.
 */
import type { StartupSample } from '../results/format.js';
import type { Scenario } from '../scenario/types.js';
import type { Instance, Runtime } from '../runtimes/runtime.js';
import { schedule } from './schedule.js';
import { measureLaunch } from './measure-launch.js';
import type { PerformanceWorkload } from '../workloads/definition.js';

export interface ScenarioPlan {
  scenario: Scenario;
  /** The usable runtimes of the scenario, in the scenario's order. */
  runtimes: Runtime[];
  /** A performance scenario's workloads whose tools are here, each measured in turn; else empty. */
  workloads?: PerformanceWorkload[];
}

export type RunEvent =
  | { type: 'scenario-start'; scenario: Scenario; launches: number; runtimes: string[] }
  | { type: 'sample'; sample: StartupSample; done: number; total: number };

export interface RunLoopOptions {
  runId: string;
  plans: ScenarioPlan[];
  /** Persist a sample; called before the next launch starts. */
  sink: (sample: StartupSample) => void;
  onEvent?: (event: RunEvent) => void;
  signal?: AbortSignal;
  live?: Set<Instance>;
}

export interface RunLoopResult {
  samples: StartupSample[];
  interrupted: boolean;
}

export async function runScenarios(options: RunLoopOptions): Promise<RunLoopResult> {
  const samples: StartupSample[] = [];
  const live = options.live ?? new Set<Instance>();
  let seq = 0;
  for (const { scenario, runtimes, workloads } of options.plans) {
    // A performance scenario runs each workload's whole schedule in turn: one workload's samples
    // are interleaved across runtimes, so host drift hits them alike.
    const perWorkload = workloads && workloads.length > 0 ? workloads : [null];
    const plan = perWorkload.flatMap((workload) => schedule(runtimes, scenario.iterations, scenario.warmup, scenario.order).map((l) => ({ ...l, workload })));
    options.onEvent?.({ type: 'scenario-start', scenario, launches: plan.length, runtimes: runtimes.map((r) => r.name) });
    let done = 0;
    for (const launch of plan) {
      if (options.signal?.aborted) return { samples, interrupted: true };
      const sample = await measureLaunch({
        runId: options.runId, seq: seq++, scenario, runtime: launch.runtime,
        iteration: launch.iteration, warmup: launch.warmup, live, workload: launch.workload,
      });
      samples.push(sample);
      options.sink(sample);
      options.onEvent?.({ type: 'sample', sample, done: ++done, total: plan.length });
    }
  }
  return { samples, interrupted: options.signal?.aborted ?? false };
}
