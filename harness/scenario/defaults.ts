/**
 * Every default of the scenario format, in one place: what a scenario gets for a key it omits,
 * and what a preset name stands for. scenarios/README.md documents the same values.
 */
import type {
  AdaptiveSampling,
  ContainerRuntimeSpec,
  DensityOptions,
  LimitsOptions,
  MetricName,
  ProvisioningOptions,
  QemuRuntimeSpec,
  RuntimeSpec,
  Scenario,
} from './types.js';
import { RUNTIME_PRESETS } from './types.js';
import type { DensityInput, RuntimeInput, ScenarioInput } from './validate.js';
import type { LimitsInput } from './validate-limits.js';
import type { ProvisioningInput } from './validate-provisioning.js';

export const SCENARIO_DEFAULTS = {
  description: '',
  metrics: ['startup', 'teardown'],
  iterations: 10,
  warmup: 1,
  order: 'interleaved',
  timeoutMs: 60_000,
  density: null,
} as const satisfies Partial<Scenario>;

/** The metrics of a scenario with a density block that does not list them. */
export const DENSITY_SCENARIO_METRICS = ['memory', 'density'] as const satisfies readonly MetricName[];

export const DENSITY_DEFAULTS = {
  max: 100,
  reserveBytes: 2 * 1024 ** 3,
  reservePercent: 10,
  startupLimitMs: 30_000,
  failureStreak: 3,
  ksm: false,
  ksmTimeoutMs: 60_000,
  dropCaches: true,
} as const satisfies Omit<DensityOptions, 'maxPerRuntime'>;

export const QEMU_DEFAULTS = {
  machine: 'q35',
  accel: 'auto',
  memoryMiB: 128,
  vcpus: 1,
} as const satisfies Partial<QemuRuntimeSpec>;

export const CONTAINER_DEFAULTS = {
  userNamespace: false,
} as const satisfies Partial<ContainerRuntimeSpec>;

export const LIMITS_DEFAULTS = {
  hogBytes: 256 * 1024 * 1024,
  cpuTimeMs: 4000,
} as const satisfies LimitsOptions;

export const PROVISIONING_DEFAULTS = {
  instances: 50,
  fullCopies: 10,
  baseBytes: 200 * 1024 * 1024,
  methods: ['copy', 'overlay', 'btrfs', 'qcow2'],
  writeBlocks: 32,
  writeRounds: 8,
} as const satisfies ProvisioningOptions;

function provisioningWithDefaults(input: ProvisioningInput): ProvisioningOptions {
  const d = PROVISIONING_DEFAULTS;
  const instances = input.instances ?? d.instances;
  return {
    instances,
    fullCopies: input.fullCopies ?? Math.min(d.fullCopies, instances),
    baseBytes: input.baseBytes ?? d.baseBytes,
    methods: input.methods ?? [...d.methods],
    writeBlocks: input.writeBlocks ?? d.writeBlocks,
    writeRounds: input.writeRounds ?? Math.min(d.writeRounds, instances),
  };
}

/** A validated scenario with every omitted key filled in. `file` is the absolute path. */
export function withDefaults(input: ScenarioInput, file: string): Scenario {
  const d = SCENARIO_DEFAULTS;
  return {
    name: input.name,
    description: input.description ?? d.description,
    file,
    workload: input.workload ?? null,
    workloads: input.workloads ?? [],
    metrics: input.metrics ?? [...(input.density === undefined ? d.metrics : DENSITY_SCENARIO_METRICS)],
    iterations: input.iterations ?? d.iterations,
    adaptive: adaptiveWithDefaults(input.untilCi, input.maxIterations, input.iterations ?? d.iterations),
    warmup: input.warmup ?? d.warmup,
    order: input.order ?? d.order,
    timeoutMs: input.timeoutMs ?? d.timeoutMs,
    runtimes: input.runtimes.map(runtimeWithDefaults),
    density: input.density === undefined ? d.density : densityWithDefaults(input.density),
    limits: input.limits === undefined ? null : limitsWithDefaults(input.limits),
    provisioning: input.provisioning === undefined ? null : provisioningWithDefaults(input.provisioning),
    stop: input.stop ?? 'kill',
  };
}

function limitsWithDefaults(input: LimitsInput): LimitsOptions {
  return { hogBytes: input.hogBytes ?? LIMITS_DEFAULTS.hogBytes, cpuTimeMs: input.cpuTimeMs ?? LIMITS_DEFAULTS.cpuTimeMs };
}

/** Under untilCi, at most this many times the minimum unless maxIterations says otherwise. */
export const DEFAULT_MAX_ITERATIONS_FACTOR = 5;
export const MAX_ITERATIONS_LIMIT = 10_000;

export function adaptiveWithDefaults(
  untilCi: number | undefined,
  maxIterations: number | undefined,
  iterations: number,
): AdaptiveSampling | null {
  if (untilCi === undefined) return null;
  return { untilCi, maxIterations: maxIterations ?? Math.min(MAX_ITERATIONS_LIMIT, iterations * DEFAULT_MAX_ITERATIONS_FACTOR) };
}

function densityWithDefaults(input: DensityInput): DensityOptions {
  const d = DENSITY_DEFAULTS;
  // No prototype: a runtime may legally be called "constructor", and a lookup must not find Object's.
  const maxPerRuntime = Object.assign(Object.create(null) as Record<string, number>, input.maxPerRuntime);
  return {
    max: input.max ?? d.max,
    maxPerRuntime,
    reserveBytes: input.reserveBytes ?? d.reserveBytes,
    reservePercent: input.reservePercent ?? d.reservePercent,
    startupLimitMs: input.startupLimitMs ?? d.startupLimitMs,
    failureStreak: input.failureStreak ?? d.failureStreak,
    ksm: input.ksm ?? d.ksm,
    ksmTimeoutMs: input.ksmTimeoutMs ?? d.ksmTimeoutMs,
    dropCaches: input.dropCaches ?? d.dropCaches,
  };
}

function runtimeWithDefaults(input: RuntimeInput): RuntimeSpec {
  // A copy, so no caller can alter the shared preset table through a scenario.
  if ('preset' in input) return { ...RUNTIME_PRESETS[input.preset]! };
  if (input.type === 'qemu') {
    return {
      name: input.name,
      type: input.type,
      machine: input.machine ?? QEMU_DEFAULTS.machine,
      accel: input.accel ?? QEMU_DEFAULTS.accel,
      memoryMiB: input.memoryMiB ?? QEMU_DEFAULTS.memoryMiB,
      vcpus: input.vcpus ?? QEMU_DEFAULTS.vcpus,
      snapshot: input.snapshot ?? false,
    };
  }
  if (input.type === 'host') return { name: input.name, type: 'host' };
  return {
    name: input.name,
    type: input.type,
    userNamespace: input.userNamespace ?? CONTAINER_DEFAULTS.userNamespace,
    // Absent, not null: a container without limits looks exactly as before in run.json.
    ...(input.memoryMiB === undefined ? {} : { memoryMiB: input.memoryMiB }),
    ...(input.cpus === undefined ? {} : { cpus: input.cpus }),
  };
}
