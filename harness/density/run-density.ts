/**
 * A density run for one runtime: launch idle instances one at a time, each waiting for its ready
 * marker, measure after every step, stop at the first stop rule, optionally let KSM merge pages
 * and measure again, then tear everything down and time it. Bookkeeping per instance is O(1):
 * the instance objects and a running total; the O(N) looks are taken only at ~14 steps.
 */
import type { CgroupMode, DensityEnd, DensityRecord, DensityStep, KsmResult } from '../results/format.js';
import type { Scenario, DensityOptions } from '../scenario/types.js';
import type { Instance, Runtime } from '../runtimes/runtime.js';
import { measureInstanceMemory } from '../memory/instance-memory.js';
import { dropPageCache, readMeminfo, waitMemAvailableSettled, type SettleResult } from '../memory/host-memory.js';
import { memoryOf } from '../memory/smaps.js';
import { enableKsm, ksmAvailable, waitKsmSettled } from '../memory/ksm.js';
import { reserveBytes, shouldStop } from './stop-rules.js';
import { loadavg } from 'node:os';
import { timedWindows } from '../measure/harness-overhead.js';
import { launcherCpuMark, launcherCpuSince } from '../process/launch.js';

export interface DensityRunOptions {
  runId: string;
  scenario: Scenario & { density: DensityOptions };
  runtime: Runtime;
  cgroupMode: CgroupMode;
  /** Next global sequence number; returns the one after the last record. */
  seq: number;
  sink: (record: DensityRecord) => void;
  onStep?: (step: DensityStep, max: number) => void;
  signal?: AbortSignal;
  live: Set<Instance>;
  /** The host's memory readings; the real ones unless a test gives a synthetic host. */
  hostMemory?: DensityHostMemory;
}

/** What a density run reads of the host's memory (host-memory.ts), as one replaceable part. */
export interface DensityHostMemory {
  settle: (options: { timeoutMs: number; dropCaches: boolean }) => Promise<SettleResult>;
  meminfo: () => { memTotalBytes: number; memAvailableBytes: number };
  dropPageCache: () => boolean;
}

export const REAL_HOST_MEMORY: DensityHostMemory = { settle: waitMemAvailableSettled, meminfo: readMeminfo, dropPageCache };

/**
 * The steps that take a close look: the first 10, then 4 more spread over the run (the last
 * among them). Only there is the page cache dropped before MemAvailable is read, and the summed PSS of
 * all instances read: both cost O(instances up) — a drop walks every mounted file system, and
 * each namespaces container mounts its own /proc (10 ms a drop at a few hundred containers) — so
 * doing them at every step made the loop O(N²) and most of the harness's CPU at N = 1000.
 * Other steps record cacheDropped: false and no PSS total; the figures use the close looks.
 * Four spread looks (14 points in all) give the same fits as eight: on a 1000-namespaces run the
 * PSS slope from all 18 looks was 0.1769 MiB and from the 14 of these 0.1771, MemAvailable 0.666
 * vs 0.661 MiB; the eight cost 0.8 s of the harness's 1.75 s of CPU there.
 */
const closeLookEvery = (max: number): number => Math.max(1, Math.ceil(max / 4));
const isCloseLook = (n: number, max: number): boolean => n <= 10 || n % closeLookEvery(max) === 0 || n === max;
/**
 * The new instance's own memory (four methods, ~0.5 ms) is read at every step when the runtime's
 * maximum is at most 100, else at every k-th step (k = ⌈max / 100⌉) and every close look, so at
 * most ~125 readings per runtime:
 * enough for the per-instance medians, and at a thousand 4 ms container starts it no longer adds
 * a tenth to the harness's CPU. Steps without a reading record `instance: null`.
 */
const measuresInstance = (n: number, max: number): boolean => n % Math.max(1, Math.ceil(max / 100)) === 0 || isCloseLook(n, max);
const STOP_CONCURRENCY = 16;
/** At most this long waiting for the host's memory to settle before the first launch. */
const SETTLE_TIMEOUT_MS = 30_000;

function sampleHostMemory(memory: DensityHostMemory, drop: boolean): { memAvailableBytes: number; cacheDropped: boolean } {
  const cacheDropped = drop && memory.dropPageCache();
  return { memAvailableBytes: memory.meminfo().memAvailableBytes, cacheDropped };
}

/**
 * Summed PSS over the processes each instance had when it became ready. An idle instance's tree
 * is fixed from then on (its init waits), so walking /proc/<pid>/task/<tid>/children again for every
 * instance at every close look would only repeat that answer at O(processes) cost; a process
 * that has exited meanwhile reads as nothing.
 */
function pssTotal(pidsOf: Map<Instance, number[]>): number {
  let total = 0;
  for (const pids of pidsOf.values()) total += memoryOf(pids).pssBytes;
  return total;
}

async function stopAll(instances: Instance[]): Promise<string[]> {
  const problems: string[] = [];
  for (let i = 0; i < instances.length; i += STOP_CONCURRENCY) {
    const results = await Promise.all(instances.slice(i, i + STOP_CONCURRENCY).map((x) => x.stop()));
    for (const r of results) if (r.problem) problems.push(r.problem);
  }
  return problems;
}

export async function runDensity(options: DensityRunOptions): Promise<{ seq: number; end: DensityEnd }> {
  const { runtime, scenario } = options;
  const d = scenario.density;
  const max = d.maxPerRuntime[runtime.name] ?? d.max;
  const ident = {
    runId: options.runId,
    scenario: scenario.name,
    runtime: runtime.name,
    kind: runtime.kind,
    backend: runtime.backend,
    accel: runtime.accel,
    machine: runtime.machine,
  };
  let seq = options.seq;
  const memory = options.hostMemory ?? REAL_HOST_MEMORY;
  const sampleHost = (drop: boolean): ReturnType<typeof sampleHostMemory> => sampleHostMemory(memory, drop);
  const settle = await memory.settle({ timeoutMs: SETTLE_TIMEOUT_MS, dropCaches: d.dropCaches });
  const { memTotalBytes } = memory.meminfo();
  const reserve = reserveBytes(memTotalBytes, d.reserveBytes, d.reservePercent);
  const baseline = sampleHost(d.dropCaches).memAvailableBytes;
  const instances: Instance[] = [];
  const pidsOf = new Map<Instance, number[]>();
  const cpuStart = process.cpuUsage();
  const launcherStart = launcherCpuMark();
  const t0 = performance.now();
  // Before anything is measured, guess cautiously: a VM's configured RAM plus QEMU's own.
  let nextCost = runtime.configuredMemoryBytes !== null ? runtime.configuredMemoryBytes + 96 * 1024 * 1024 : 16 * 1024 * 1024;
  let memAvailable = baseline;
  let lastStartup: number | null = null;
  let streak = 0;
  let verdict = shouldStop({
    running: 0,
    max,
    memAvailableBytes: memAvailable,
    reserveBytes: reserve,
    nextCostBytes: nextCost,
    lastStartupMs: null,
    startupLimitMs: d.startupLimitMs,
    failureStreak: 0,
    maxFailureStreak: d.failureStreak,
  });

  while (!verdict.stop && !options.signal?.aborted) {
    const instance = runtime.start({ id: `${options.runId.slice(-4)}-d${seq}`, workload: 'idle', readyTimeoutMs: scenario.timeoutMs });
    options.live.add(instance);
    timedWindows.open();
    const ready = await instance.waitReady();
    timedWindows.close();
    let instanceMemory = null;
    if (ready.state === 'ready') {
      instances.push(instance);
      pidsOf.set(instance, instance.hostPids());
      streak = 0;
      lastStartup = ready.startupMs;
      if (measuresInstance(instances.length, max)) {
        instanceMemory = measureInstanceMemory(runtime, instance, ready.markerFields, options.cgroupMode);
      }
    } else {
      streak++;
      await instance.stop();
      options.live.delete(instance);
    }
    const closeLook = isCloseLook(instances.length, max);
    const host = sampleHost(d.dropCaches && closeLook);
    const drop = memAvailable - host.memAvailableBytes;
    if (ready.state === 'ready' && drop > 0) nextCost = Math.max(drop, instanceMemory?.pssBytes ?? 0);
    memAvailable = host.memAvailableBytes;
    const n = instances.length;
    // Read before the step's CPU time, so that the summed PSS is charged to the step that took it
    // (the last step's would otherwise be left out of the run's harness CPU altogether).
    const pssTotalBytes = ready.state === 'ready' && closeLook ? pssTotal(pidsOf) : null;
    const cpu = process.cpuUsage(cpuStart);
    const step: DensityStep = {
      type: 'density-step',
      ...ident,
      seq: seq++,
      running: n,
      outcome: ready.state === 'ready' ? 'ok' : ready.state,
      error: ready.state === 'ready' ? null : ready.reason,
      startupMs: ready.state === 'ready' ? ready.startupMs : null,
      memAvailableBytes: host.memAvailableBytes,
      cacheDropped: host.cacheDropped,
      pssTotalBytes,
      instance: instanceMemory,
      loadAvg1: loadavg()[0] ?? 0,
      harnessRssBytes: process.memoryUsage.rss(),
      harnessCpuMs: (cpu.user + cpu.system) / 1000,
      elapsedMs: performance.now() - t0,
    };
    options.sink(step);
    options.onStep?.(step, max);
    verdict = shouldStop({
      running: n,
      max,
      memAvailableBytes: memAvailable,
      reserveBytes: reserve,
      nextCostBytes: nextCost,
      lastStartupMs: lastStartup,
      startupLimitMs: d.startupLimitMs,
      failureStreak: streak,
      maxFailureStreak: d.failureStreak,
    });
  }

  // The launcher's share of the harness's cost: read once, after the loop (a read costs what a step's /proc read does).
  const launcherCpuMs = launcherCpuSince(launcherStart);
  let ksm: KsmResult | null = null;
  if (d.ksm && instances.length > 0 && !options.signal?.aborted && ksmAvailable()) {
    const before = { mem: sampleHost(d.dropCaches).memAvailableBytes, pss: pssTotal(pidsOf) };
    const restore = enableKsm();
    try {
      const settled = await waitKsmSettled(d.ksmTimeoutMs);
      ksm = {
        ...settled,
        memAvailableBeforeBytes: before.mem,
        memAvailableAfterBytes: sampleHost(d.dropCaches).memAvailableBytes,
        pssTotalBeforeBytes: before.pss,
        pssTotalAfterBytes: pssTotal(pidsOf),
      };
    } finally {
      restore();
    }
  }

  const stopStart = performance.now();
  const problems = await stopAll(instances);
  for (const instance of instances) options.live.delete(instance);
  const end: DensityEnd = {
    type: 'density-end',
    ...ident,
    seq: seq++,
    baselineMemAvailableBytes: baseline,
    memTotalBytes,
    reserveBytes: reserve,
    instances: instances.length,
    stopReason: verdict.stop ? verdict.reason : 'interrupted',
    stopDetail: verdict.stop ? verdict.detail : 'the run was interrupted',
    teardownMs: performance.now() - stopStart,
    teardownProblems: problems.length ? `${problems.length} instance(s): ${problems.slice(0, 3).join('; ')}` : null,
    ksm,
    settle,
    launcherCpuMs,
  };
  options.sink(end);
  return { seq, end };
}
