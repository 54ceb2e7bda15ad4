/** Density: idle instances until a stop rule, per runtime (density/run-density.ts). */
import { runDensity } from '../../density/run-density.js';
import { eachRuntime, type Executor } from '../executor.js';

export const densityExecutor: Executor = {
  name: 'density',
  accepts: (plan) => plan.scenario.density !== null,
  run: (plans, ctx) =>
    eachRuntime(plans, ctx, async ({ scenario }, runtime) => {
      if (scenario.density === null) return;
      const { seq, end } = await runDensity({
        runId: ctx.runId,
        scenario: { ...scenario, density: scenario.density },
        runtime,
        cgroupMode: ctx.host.cgroupMode,
        seq: ctx.seq,
        live: ctx.live,
        signal: ctx.signal,
        onStep: ctx.seams.densityProgress(scenario.name, runtime.name),
        hostMemory: ctx.seams.hostMemory,
        sink: (record) => ctx.sinks.densityRecord(record),
      });
      ctx.seq = seq;
      ctx.log(
        `  ${runtime.name}: ${end.instances} instances; stopped: ${end.stopDetail}; teardown ${(end.teardownMs / 1000).toFixed(2)} s`,
      );
    }),
};
