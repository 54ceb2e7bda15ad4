/**
 * The runner loop: for each scenario, launch the planned instances one after another, hand each
 * finished sample to the sink at once (so a crash keeps what was measured), and stop early,
 * cleanly, when the abort signal fires. Knows nothing of processes: runtimes do that. With
 * adaptive sampling each runtime stops once its interval is narrow enough (adaptive-stop.ts).
 */
import type { StartupSample } from '../results/format.js';
import type { Scenario } from '../scenario/types.js';
import type { Instance, Runtime } from '../runtimes/runtime.js';
import { schedule } from './schedule.js';
import { measureLaunch } from './measure-launch.js';
import { adaptiveStop } from './adaptive-stop.js';
import type { PerformanceWorkload } from '../workloads/definition.js';

export interface ScenarioPlan {
  scenario: Scenario;
  /** The usable runtimes of the scenario, in the scenario's order. */
  runtimes: Runtime[];
  /** A performance scenario's workloads whose tools are here, each measured in turn; else empty. */
  workloads?: PerformanceWorkload[];
}

export type RunEvent =
  /** workloads: this plan's (a performance scenario with several images has one plan per image). */
  | { type: 'scenario-start'; scenario: Scenario; launches: number; runtimes: string[]; workloads?: string[] }
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

interface Launch {
  runtime: Runtime;
  iteration: number;
  warmup: boolean;
  workload: PerformanceWorkload | null;
}

/**
 * The launches of one workload's block, in order. Fixed: the planned schedule. Adaptive: warmups,
 * then rounds over the runtimes still sampling (rotated as schedule.ts does, so the order stays
 * interleaved), each runtime leaving once adaptiveStop says so; `measured` is fed by the caller.
 */
function* launches(
  scenario: Scenario,
  runtimes: Runtime[],
  workload: PerformanceWorkload | null,
  stopped: Set<Runtime>,
): Generator<Launch> {
  const adaptive = scenario.adaptive ?? null;
  if (adaptive === null) {
    for (const l of schedule(runtimes, scenario.iterations, scenario.warmup, scenario.order)) yield { ...l, workload };
    return;
  }
  for (const l of schedule(runtimes, 0, scenario.warmup, scenario.order)) yield { ...l, workload };
  const k = runtimes.length;
  if (scenario.order === 'sequential') {
    for (const runtime of runtimes)
      for (let i = 0; i < adaptive.maxIterations && !stopped.has(runtime); i++) yield { runtime, iteration: i, warmup: false, workload };
    return;
  }
  for (let r = 0; r < adaptive.maxIterations && stopped.size < k; r++) {
    for (let j = 0; j < k; j++) {
      const runtime = runtimes[(r + j) % k]!;
      if (!stopped.has(runtime)) yield { runtime, iteration: r, warmup: false, workload };
    }
  }
}

export async function runScenarios(options: RunLoopOptions): Promise<RunLoopResult> {
  const samples: StartupSample[] = [];
  const live = options.live ?? new Set<Instance>();
  let seq = 0;
  for (const { scenario, runtimes, workloads } of options.plans) {
    // A performance scenario runs each workload's whole schedule in turn: one workload's samples
    // are interleaved across runtimes, so host drift hits them alike.
    const perWorkload = workloads && workloads.length > 0 ? workloads : [null];
    const perBlock = runtimes.length * (scenario.warmup + (scenario.adaptive?.maxIterations ?? scenario.iterations));
    // Adaptive: the most there can be; the progress shows done/at most.
    const total = perWorkload.length * perBlock;
    options.onEvent?.({
      type: 'scenario-start',
      scenario,
      launches: total,
      runtimes: runtimes.map((r) => r.name),
      ...(workloads?.length ? { workloads: workloads.map((w) => w.name) } : {}),
    });
    let done = 0;
    for (const workload of perWorkload) {
      const stopped = new Set<Runtime>();
      const measured = new Map<Runtime, StartupSample[]>(runtimes.map((r) => [r, []]));
      for (const launch of launches(scenario, runtimes, workload, stopped)) {
        if (options.signal?.aborted) return { samples, interrupted: true };
        const sample = await measureLaunch({
          runId: options.runId,
          seq: seq++,
          scenario,
          runtime: launch.runtime,
          iteration: launch.iteration,
          warmup: launch.warmup,
          live,
          workload: launch.workload,
        });
        if (scenario.adaptive && !sample.warmup) {
          const own = measured.get(launch.runtime)!;
          own.push(sample);
          // Decided before the sink: the sample log says on this sample why it was the last.
          const stop = adaptiveStop(own, scenario.iterations, scenario.adaptive);
          if (stop !== null) {
            sample.sampling = stop;
            stopped.add(launch.runtime);
          }
        }
        samples.push(sample);
        options.sink(sample);
        options.onEvent?.({ type: 'sample', sample, done: ++done, total });
      }
    }
  }
  return { samples, interrupted: options.signal?.aborted ?? false };
}
