/**
 * One kind of measurement of a run (startup, limits, provisioning, density): which plans it
 * takes, and how it runs them. Executors run in a fixed order, one after the other, all feeding
 * the same sinks and sequence numbers; each stops launching once the run's signal fires.
 */
import type { HostContext } from '../host/host-context.js';
import type { Runtime, Instance } from '../runtimes/runtime.js';
import type { RunResources } from '../runtimes/backend.js';
import type { ScenarioPlan } from '../runner/run-scenarios.js';
import type { RunnableScenario } from './host-check.js';
import type { RecordSinks } from './record-sinks.js';
import type { RunSeams } from './seams.js';

/** A scenario × its usable runtimes, made for one of its images. */
export interface RunPlan extends ScenarioPlan {
  /** What the host check found for the scenario (its images, its usable specs). */
  runnable: RunnableScenario;
}

export interface ExecContext {
  runId: string;
  host: HostContext;
  resources: RunResources;
  live: Set<Instance>;
  signal: AbortSignal;
  sinks: RecordSinks;
  /** The next global sequence number; each executor advances it past its records. */
  seq: number;
  seams: RunSeams;
  log: (line: string) => void;
}

export interface Executor {
  readonly name: string;
  accepts(plan: RunPlan): boolean;
  run(plans: RunPlan[], ctx: ExecContext): Promise<void>;
}

/** Every runtime of every plan, in order, until the run is interrupted. */
export async function eachRuntime(
  plans: RunPlan[],
  ctx: ExecContext,
  body: (plan: RunPlan, runtime: Runtime) => Promise<void>,
): Promise<void> {
  for (const plan of plans) {
    for (const runtime of plan.runtimes) {
      if (ctx.signal.aborted) return;
      await body(plan, runtime);
    }
  }
}
