/**
 * A limits run for one runtime (claim C5): the memory test (a hog allocates past the limit; the
 * container's cgroup or the VM's guest kernel must stop it, the host must not notice), then the
 * CPU test (a shell loop for a fixed time; the CPU time it got over the wall time is its share
 * of a core), each `iterations` times. Readings are taken while the instance is still up: the
 * workloads stay up after their done marker until stopped.
 */
import type { CgroupMode, LimitSample, LimitSetting } from '../results/format.js';
import type { LimitsOptions, Scenario } from '../scenario/types.js';
import type { Instance, Runtime } from '../runtimes/runtime.js';
import { OutputCollector } from '../workloads/output-collector.js';
import { outputTail } from '../workloads/output-tail.js';
import { parseMarkerFields } from '../workloads/marker-fields.js';
import { CPU_MARKER, HOG_MARKER, LIMIT_WORKLOADS } from '../workloads/limit-scripts.js';
import { readCgroup } from '../host/cgroup-limits.js';
import { hostOomKills, peakRssBytes, readCpu } from './instance-counters.js';

export interface LimitsRunOptions {
  runId: string;
  scenario: Scenario & { limits: LimitsOptions };
  runtime: Runtime;
  cgroupMode: CgroupMode;
  seq: number;
  sink: (record: LimitSample) => void;
  signal?: AbortSignal;
  live: Set<Instance>;
}

/** The guest kernel's OOM report: "Out of memory: Killed process 93 (sh) total-vm:…". */
const GUEST_OOM = /Out of memory: Kill|Memory cgroup out of memory|oom-kill/;

export function limitSetting(runtime: Runtime): LimitSetting {
  const spec = runtime.spec;
  if ('vcpus' in spec) return { memoryBytes: spec.memoryMiB * 1024 * 1024, cpus: spec.vcpus, enforcedBy: 'guest kernel' };
  if (spec.type === 'host') return { memoryBytes: null, cpus: null, enforcedBy: 'none' };
  const memoryBytes = spec.memoryMiB === undefined ? null : spec.memoryMiB * 1024 * 1024;
  const cpus = spec.cpus ?? null;
  return { memoryBytes, cpus, enforcedBy: memoryBytes === null && cpus === null ? 'none' : 'cgroup' };
}

/** The last `KEY=value` fields of a marker line in the output (after the ready marker). */
function markerFields(lines: readonly string[], marker: string, key: string): Record<string, string> | null {
  for (let i = lines.length - 1; i >= 0; i--) {
    const line = lines[i]!;
    const at = line.indexOf(`${marker} `);
    if (at !== -1 && line.includes(`${key}=`, at)) return parseMarkerFields(line.slice(at));
  }
  return null;
}

const num = (v: string | undefined): number | null => (v === undefined || v === '' || !Number.isFinite(Number(v)) ? null : Number(v));

export async function runLimits(options: LimitsRunOptions): Promise<{ seq: number }> {
  const { scenario } = options;
  let seq = options.seq;
  for (const test of ['memory', 'cpu'] as const) {
    for (let iteration = 0; iteration < scenario.iterations; iteration++) {
      if (options.signal?.aborted) return { seq };
      const sample = await limitSample(options, test, iteration, seq++);
      options.sink(sample);
    }
  }
  return { seq };
}

async function limitSample(options: LimitsRunOptions, test: 'memory' | 'cpu', iteration: number, seq: number): Promise<LimitSample> {
  const { runtime, scenario, cgroupMode } = options;
  const sample: LimitSample = {
    type: 'limit-sample',
    runId: options.runId,
    seq,
    scenario: scenario.name,
    runtime: runtime.name,
    kind: runtime.kind,
    backend: runtime.backend,
    accel: runtime.accel,
    machine: runtime.machine,
    test,
    iteration,
    outcome: 'ok',
    error: null,
    limit: limitSetting(runtime),
    cgroupMode,
    startupMs: null,
    hogBytes: test === 'memory' ? scenario.limits.hogBytes : null,
    hogStatus: null,
    hogAllocatedBytes: null,
    oomKills: null,
    limitHits: null,
    peakBytes: null,
    guestOomMessage: null,
    hostOomKills: null,
    instanceAlive: null,
    wallMs: null,
    cpuMs: null,
    cpuSource: null,
    iterations: null,
    loopSeconds: null,
    throttledPeriods: null,
  };
  const oomBefore = hostOomKills();
  const collector = new OutputCollector();
  let instance: Instance;
  try {
    instance = runtime.start({
      id: `${options.runId.slice(-4)}-l${seq}`,
      workload: LIMIT_WORKLOADS[test],
      readyTimeoutMs: scenario.timeoutMs,
      watch: collector,
    });
  } catch (error) {
    return { ...sample, outcome: 'failed', error: `could not launch: ${(error as Error).message}` };
  }
  options.live.add(instance);
  // One object throughout: the teardown below completes it whichever way the test ended.
  const fail = (outcome: LimitSample['outcome'], error: string): LimitSample => Object.assign(sample, { outcome, error });
  try {
    const ready = await instance.waitReady();
    if (ready.state !== 'ready') return fail(ready.state, ready.reason);
    sample.startupMs = ready.startupMs;
    const before = readCpu(instance, cgroupMode);
    // A TCG guest runs the shell loop far slower than the host: the limit leaves it room.
    const done = await collector.wait(scenario.limits.cpuTimeMs * 3 + 60_000);
    const after = readCpu(instance, cgroupMode);
    const pids = instance.hostPids();
    sample.instanceAlive = pids.length > 0;
    if (done.state !== 'done') {
      return fail(done.state === 'timeout' ? 'timeout' : 'failed', `${done.reason}; output: ${outputTail(done.output)}`);
    }
    const lines = done.output.lines;
    const cgroup = instance.cgroupName === null ? null : readCgroup(cgroupMode, instance.cgroupName);
    if (test === 'memory') {
      const hog = markerFields(lines, HOG_MARKER, 'status');
      sample.hogStatus = num(hog?.status);
      sample.hogAllocatedBytes = num(markerFields(lines, HOG_MARKER, 'allocated')?.allocated);
      sample.oomKills = cgroup?.oomKills ?? null;
      sample.limitHits = cgroup?.limitHits ?? null;
      sample.peakBytes = runtime.kind === 'vm' ? (pids[0] === undefined ? null : peakRssBytes(pids[0])) : (cgroup?.peakBytes ?? null);
      sample.guestOomMessage =
        runtime.kind === 'vm'
          ? (lines
              .find((l) => GUEST_OOM.test(l))
              ?.trim()
              .slice(0, 300) ?? null)
          : null;
      if (sample.hogStatus === null) return fail('failed', `no ${HOG_MARKER} status line; output: ${outputTail(done.output)}`);
    } else {
      const cpu = markerFields(lines, CPU_MARKER, 'iterations');
      sample.iterations = num(cpu?.iterations);
      const cs = num(cpu?.centiseconds);
      sample.loopSeconds = cs === null ? null : cs / 100;
      sample.wallMs = Number(after.atNs - before.atNs) / 1e6;
      sample.cpuMs = before.cpuMs === null || after.cpuMs === null ? null : after.cpuMs - before.cpuMs;
      sample.cpuSource = after.source;
      sample.throttledPeriods = cgroup?.throttledPeriods ?? null;
      if (sample.iterations === null) return fail('failed', `no ${CPU_MARKER} line; output: ${outputTail(done.output)}`);
    }
    return sample;
  } finally {
    const stopped = await instance.stop();
    options.live.delete(instance);
    const oomAfter = hostOomKills();
    sample.hostOomKills = oomBefore === null || oomAfter === null ? null : oomAfter - oomBefore;
    if (stopped.problem) {
      sample.outcome = 'failed';
      sample.error = [sample.error, `teardown: ${stopped.problem}`].filter(Boolean).join('; ');
    }
  }
}
