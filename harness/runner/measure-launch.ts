/**
 * One sample: launch an instance, wait for its ready marker (or failure, or timeout), stop it and
 * time the teardown. Never throws: whatever happens becomes the sample's outcome and reason.
 * A performance workload then runs to its done marker (or its time limit) before the stop, and
 * its output becomes the sample's workloadMetrics; unreadable output fails the sample.
 */
import type { StartupSample } from '../results/format.js';
import type { Scenario } from '../scenario/types.js';
import type { Instance, Runtime } from '../runtimes/runtime.js';
import { hostname } from 'node:os';
import { isolationFromProbe } from './isolation-probe.js';
import { timedWindows } from '../measure/harness-overhead.js';
import type { PerformanceWorkload } from '../workloads/definition.js';
import { OutputCollector } from '../workloads/output-collector.js';
import { outputTail } from '../workloads/output-tail.js';

export interface LaunchContext {
  runId: string;
  seq: number;
  scenario: Scenario;
  runtime: Runtime;
  iteration: number;
  warmup: boolean;
  /** Instances up right now: the interrupt handler stops whatever is in it. */
  live: Set<Instance>;
  /** The performance workload to run (a performance scenario); null: the scenario's lifecycle workload. */
  workload?: PerformanceWorkload | null;
}

export async function measureLaunch(ctx: LaunchContext): Promise<StartupSample> {
  const { runtime, scenario } = ctx;
  const performance = ctx.workload ?? null;
  const workload = performance?.name ?? scenario.workload;
  if (workload === null) throw new Error(`scenario ${scenario.name}: no workload to run`);
  const collector = performance ? new OutputCollector() : undefined;
  const base = {
    type: 'startup' as const,
    runId: ctx.runId,
    seq: ctx.seq,
    scenario: scenario.name,
    runtime: runtime.name,
    kind: runtime.kind,
    backend: runtime.backend,
    workload,
    iteration: ctx.iteration,
    warmup: ctx.warmup,
    startedAt: new Date().toISOString(),
    accel: runtime.accel,
    machine: runtime.machine,
  };
  const hostHostname = hostname();
  let instance: Instance;
  try {
    instance = runtime.start({
      id: `${ctx.runId.slice(-4)}-${ctx.seq}`,
      workload,
      readyTimeoutMs: scenario.timeoutMs,
      watch: collector,
      devices: performance?.devices,
      stop: scenario.stop ?? 'kill',
    });
  } catch (error) {
    return {
      ...base,
      outcome: 'failed',
      error: `could not launch: ${(error as Error).message}`,
      startupMs: null,
      teardownMs: null,
      phases: [],
      instanceKernel: null,
      guestUptimeAtReadyS: null,
      exitedBeforeStop: false,
      isolation: null,
      workloadMetrics: null,
    };
  }
  ctx.live.add(instance);
  timedWindows.open();
  const ready = await instance.waitReady();
  timedWindows.close();
  let workloadMetrics: StartupSample['workloadMetrics'] = null;
  let workloadError: string | null = null;
  let workloadTimedOut = false;
  if (performance && collector && ready.state === 'ready') {
    const done = await collector.wait(performance.timeLimitMs);
    if (done.state === 'done') {
      const parsed = performance.parse(done.output);
      if (parsed.ok) workloadMetrics = parsed.metrics;
      else workloadError = `workload ${performance.name}: ${parsed.reason}`;
    } else {
      workloadTimedOut = done.state === 'timeout';
      workloadError = `workload ${performance.name}: ${done.reason}; output: ${outputTail(done.output)}`;
    }
  }
  // Read before the stop: release removes the backing file.
  const hostDiskCache = performance?.devices.some((d) => d.type === 'disk') ? (instance.hostDiskCache?.() ?? null) : undefined;
  // A workload that finished is expected to exit by itself: the stop below only reaps.
  const stopped = await instance.stop();
  ctx.live.delete(instance);
  const sample: StartupSample = {
    ...base,
    outcome: ready.state === 'ready' ? 'ok' : ready.state,
    error: ready.state === 'ready' ? null : ready.reason,
    startupMs: ready.state === 'ready' ? ready.startupMs : null,
    // metrics without teardown: the instance is still stopped and reaped, its time not recorded.
    teardownMs: scenario.metrics.includes('teardown') ? stopped.teardownMs : null,
    phases: ready.state === 'ready' ? ready.phases : [],
    instanceKernel: ready.state === 'ready' ? ready.instanceKernel : null,
    guestUptimeAtReadyS: ready.state === 'ready' ? ready.guestUptimeAtReadyS : null,
    guestClockSkewMs: ready.state === 'ready' ? ready.guestClockSkewMs : null,
    exitedBeforeStop: stopped.exitedBeforeStop,
    stop: scenario.stop ?? 'kill',
    stoppedGracefully: stopped.stoppedGracefully,
    isolation: ready.state === 'ready' && ready.probe ? isolationFromProbe(ready.probe, ready.instanceKernel, runtime, hostHostname) : null,
    workloadMetrics,
    ...(hostDiskCache === undefined ? {} : { hostDiskCache }),
  };
  if (workloadError) {
    sample.outcome = workloadTimedOut ? 'timeout' : 'failed';
    sample.error = workloadError;
  }
  // A teardown that could not release everything is a failure even if startup was fine.
  if (stopped.problem) {
    sample.outcome = 'failed';
    sample.error = [sample.error, `teardown: ${stopped.problem}`].filter(Boolean).join('; ');
  }
  return sample;
}
