/** cgroup and VM limits (claim C5): a memory hog and a CPU loop per runtime (limits/run-limits.ts). */
import { runLimits } from '../../limits/run-limits.js';
import { eachRuntime, type Executor } from '../executor.js';

export const limitsExecutor: Executor = {
  name: 'limits',
  accepts: (plan) => Boolean(plan.scenario.limits),
  run: (plans, ctx) =>
    eachRuntime(plans, ctx, async ({ scenario }, runtime) => {
      if (!scenario.limits) return;
      ctx.log(`Limits ${scenario.name}: ${runtime.name} (memory hog, then CPU loop, ${scenario.iterations}× each)`);
      const { seq } = await runLimits({
        runId: ctx.runId,
        scenario: { ...scenario, limits: scenario.limits },
        runtime,
        cgroupMode: ctx.host.cgroupMode,
        seq: ctx.seq,
        live: ctx.live,
        signal: ctx.signal,
        sink: (record) => ctx.sinks.limit(record),
      });
      ctx.seq = seq;
    }),
};
