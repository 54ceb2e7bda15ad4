/**
 * One sample: launch an instance, wait for its ready marker (or failure, or timeout), stop it and
 * time the teardown. Never throws: whatever happens becomes the sample's outcome and reason.
 */
import type { StartupSample } from '../results/format.js';
import type { Scenario } from '../scenario/types.js';
import type { Instance, Runtime } from '../runtimes/runtime.js';
import { hostname } from 'node:os';
import { isolationFromProbe } from './isolation-probe.js';
import { timedWindows } from '../measure/harness-overhead.js';

export interface LaunchContext {
  runId: string;
  seq: number;
  scenario: Scenario;
  runtime: Runtime;
  iteration: number;
  warmup: boolean;
  /** Instances up right now: the interrupt handler stops whatever is in it. */
  live: Set<Instance>;
}

export async function measureLaunch(ctx: LaunchContext): Promise<StartupSample> {
  const { runtime, scenario } = ctx;
  const base = {
    type: 'startup' as const, runId: ctx.runId, seq: ctx.seq, scenario: scenario.name, runtime: runtime.name,
    kind: runtime.kind, backend: runtime.backend, workload: scenario.workload, iteration: ctx.iteration,
    warmup: ctx.warmup, startedAt: new Date().toISOString(), accel: runtime.accel, machine: runtime.machine,
  };
  const hostHostname = hostname();
  let instance: Instance;
  try {
    instance = runtime.start({ id: `${ctx.runId.slice(-4)}-${ctx.seq}`, workload: scenario.workload, readyTimeoutMs: scenario.timeoutMs });
  } catch (error) {
    return { ...base, outcome: 'failed', error: `could not launch: ${(error as Error).message}`, startupMs: null,
      teardownMs: null, phases: [], instanceKernel: null, guestUptimeAtReadyS: null, exitedBeforeStop: false, isolation: null };
  }
  ctx.live.add(instance);
  timedWindows.open();
  const ready = await instance.waitReady();
  timedWindows.close();
  const stopped = await instance.stop();
  ctx.live.delete(instance);
  const sample: StartupSample = {
    ...base,
    outcome: ready.state === 'ready' ? 'ok' : ready.state,
    error: ready.state === 'ready' ? null : ready.reason,
    startupMs: ready.state === 'ready' ? ready.startupMs : null,
    teardownMs: stopped.teardownMs,
    phases: ready.state === 'ready' ? ready.phases : [],
    instanceKernel: ready.state === 'ready' ? ready.instanceKernel : null,
    guestUptimeAtReadyS: ready.state === 'ready' ? ready.guestUptimeAtReadyS : null,
    guestClockSkewMs: ready.state === 'ready' ? ready.guestClockSkewMs : null,
    exitedBeforeStop: stopped.exitedBeforeStop,
    isolation: ready.state === 'ready' && ready.probe ? isolationFromProbe(ready.probe, ready.instanceKernel, runtime, hostHostname) : null,
  };
  // A teardown that could not release everything is a failure even if startup was fine.
  if (stopped.problem) {
    sample.outcome = 'failed';
    sample.error = [sample.error, `teardown: ${stopped.problem}`].filter(Boolean).join('; ');
  }
  return sample;
}
