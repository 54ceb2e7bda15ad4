/** Startup, teardown and performance workloads: the runner loop (runner/run-scenarios.ts) over every plan that is none of the others. */
import { runScenarios } from '../../runner/run-scenarios.js';
import type { Executor } from '../executor.js';

export const startupExecutor: Executor = {
  name: 'startup',
  accepts: (plan) => plan.scenario.density === null && !plan.scenario.limits && !plan.scenario.provisioning,
  async run(plans, ctx) {
    const result = await runScenarios({
      runId: ctx.runId,
      plans,
      live: ctx.live,
      signal: ctx.signal,
      onEvent: ctx.seams.progress(),
      sink: (sample) => ctx.sinks.startup(sample),
    });
    ctx.seq += result.samples.length;
  },
};
