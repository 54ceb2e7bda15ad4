/**
 * A scenario after validation, with every default resolved (harness/scenario/defaults.ts).
 * The YAML form is documented in scenarios/README.md.
 */
import type { Accelerator } from '../results/format.js';
import type { CustomWorkloadSpec } from '../workloads/custom.js';
import type { LifecycleMetric } from '../vocabulary.js';

export type WorkloadName = 'hello' | 'idle' | 'probe';
export type MetricName = LifecycleMetric | 'memory' | 'density';
export type SampleOrder = 'interleaved' | 'sequential';
/** graceful: the instance is asked to stop and exits by itself (then anything left is killed); kill: killed at once. */
export type StopMode = 'graceful' | 'kill';

export interface QemuRuntimeSpec {
  name: string;
  type: 'qemu';
  machine: 'q35' | 'microvm';
  /** 'auto' = KVM when the probe boot passed, else TCG. */
  accel: 'auto' | Accelerator;
  memoryMiB: number;
  vcpus: number;
  /** Start every instance from a saved state of a booted guest (runtimes/qemu/snapshot.ts) instead of booting it. */
  snapshot: boolean;
}

export interface ContainerRuntimeSpec {
  name: string;
  type: 'namespaces' | 'runc' | 'crun' | 'runsc';
  /**
   * A user namespace: root inside is uid 100000 outside (runc and crun); the raw namespaces
   * runtime and runsc report it unsupported when run.
   */
  userNamespace: boolean;
  /** A cgroup memory limit (no swap beyond it), MiB; absent: unlimited. */
  memoryMiB?: number;
  /** A cgroup CPU quota in cores (0.5 = half of one core per 100 ms period); absent: unlimited. */
  cpus?: number;
}

/** The bare host: the same workload script from the same image tree, chrooted, no namespaces. */
export interface HostRuntimeSpec {
  name: string;
  type: 'host';
}

/** A performance workload as the scenario names it: built in (by name) or defined there. */
export type PerformanceWorkloadSpec = { origin: 'builtin'; name: string } | ({ origin: 'custom' } & CustomWorkloadSpec);

export type RuntimeSpec = QemuRuntimeSpec | ContainerRuntimeSpec | HostRuntimeSpec;

export interface Scenario {
  name: string;
  description: string;
  /** The file it came from (absolute), for messages. */
  file: string;
  /** The lifecycle workload; null in a performance scenario (which has `workloads`). */
  workload: WorkloadName | null;
  /** A performance scenario's workloads, run one after another; empty otherwise. */
  workloads: PerformanceWorkloadSpec[];
  metrics: MetricName[];
  iterations: number;
  warmup: number;
  order: SampleOrder;
  /** Per-sample limit from launch to ready, ms. */
  timeoutMs: number;
  runtimes: RuntimeSpec[];
  /** Present for a density scenario (workload idle): launch instances until a stop rule fires. */
  density: DensityOptions | null;
  /** How each instance is stopped (the teardown measured); absent: kill. */
  stop?: StopMode;
  /** Present for a limits scenario (claim C5): a memory hog and a CPU loop under each runtime's limits. */
  limits?: LimitsOptions | null;
  /** Present for a provisioning scenario (claims C7, C8): root file systems cloned from one base by each method. */
  provisioning?: ProvisioningOptions | null;
  /**
   * Adaptive sampling (untilCi): each runtime runs at least `iterations` and at most
   * maxIterations measured samples, until the 95% CI of its median is within untilCi of it.
   * null (or absent): exactly `iterations`.
   */
  adaptive?: AdaptiveSampling | null;
}

export interface LimitsOptions {
  /** How much the memory hog tries to allocate, bytes (more than the runtime's memory limit). */
  hogBytes: number;
  /** How long the CPU loop runs, ms. */
  cpuTimeMs: number;
}

export type ProvisioningMethodName = 'copy' | 'overlay' | 'btrfs' | 'qcow2';

export interface ProvisioningOptions {
  /** Instances made by each copy-on-write method. */
  instances: number;
  /** Instances made by `cp -a` (each is a whole base on disk). */
  fullCopies: number;
  /** How large the base is (the guest image's root plus generated files), bytes. */
  baseBytes: number;
  methods: ProvisioningMethodName[];
  /** Blocks written twice (and read unchanged) in each clone for the first-write test (C8). */
  writeBlocks: number;
  /** Rounds of the first-write test, each on a fresh clone of every target, targets interleaved. */
  writeRounds: number;
}

export interface AdaptiveSampling {
  /** Stop once max(median − low, high − median) ≤ untilCi · median (a fraction: 0.03 = 3 %). */
  untilCi: number;
  maxIterations: number;
}

export interface DensityOptions {
  /** Most instances to launch per runtime, unless maxPerRuntime names it. */
  max: number;
  /** Per-runtime maximum, by runtime name (e.g. fewer VMs than containers). */
  maxPerRuntime: Record<string, number>;
  /** Keep at least this much MemAvailable: max(reserveBytes, reservePercent of MemTotal). */
  reserveBytes: number;
  reservePercent: number;
  /** Stop when one instance's startup exceeds this, ms. */
  startupLimitMs: number;
  /** Stop after this many consecutive failed launches. */
  failureStreak: number;
  /** Turn KSM on after the last launch, wait for it to settle, and measure again. */
  ksm: boolean;
  /** How long to wait for KSM to settle, ms. */
  ksmTimeoutMs: number;
  /** Drop the page cache before each MemAvailable reading (root only). */
  dropCaches: boolean;
}

/** Built-in runtime presets a scenario can name with a plain string. */
export const RUNTIME_PRESETS: Record<string, RuntimeSpec> = {
  'qemu-q35': { name: 'qemu-q35', type: 'qemu', machine: 'q35', accel: 'auto', memoryMiB: 128, vcpus: 1, snapshot: false },
  'qemu-microvm': { name: 'qemu-microvm', type: 'qemu', machine: 'microvm', accel: 'auto', memoryMiB: 128, vcpus: 1, snapshot: false },
  'qemu-q35-snapshot': { name: 'qemu-q35-snapshot', type: 'qemu', machine: 'q35', accel: 'auto', memoryMiB: 128, vcpus: 1, snapshot: true },
  namespaces: { name: 'namespaces', type: 'namespaces', userNamespace: false },
  runc: { name: 'runc', type: 'runc', userNamespace: false },
  crun: { name: 'crun', type: 'crun', userNamespace: false },
  runsc: { name: 'runsc', type: 'runsc', userNamespace: false },
  host: { name: 'host', type: 'host' },
};
