/**
 * Every default of the scenario format, in one place: what a scenario gets for a key it omits,
 * and what a preset name stands for. scenarios/README.md documents the same values.
 */
import type { ContainerRuntimeSpec, QemuRuntimeSpec, RuntimeSpec, Scenario } from './types.js';
import { RUNTIME_PRESETS } from './types.js';
import type { RuntimeInput, ScenarioInput } from './validate.js';

export const SCENARIO_DEFAULTS = {
  description: '',
  metrics: ['startup', 'teardown'],
  iterations: 10,
  warmup: 1,
  order: 'interleaved',
  timeoutMs: 60_000,
} as const satisfies Partial<Scenario>;

export const QEMU_DEFAULTS = {
  machine: 'q35',
  accel: 'auto',
  memoryMiB: 128,
  vcpus: 1,
} as const satisfies Partial<QemuRuntimeSpec>;

export const CONTAINER_DEFAULTS = {
  userNamespace: false,
} as const satisfies Partial<ContainerRuntimeSpec>;

/** A validated scenario with every omitted key filled in. `file` is the absolute path. */
export function withDefaults(input: ScenarioInput, file: string): Scenario {
  const d = SCENARIO_DEFAULTS;
  return {
    name: input.name,
    description: input.description ?? d.description,
    file,
    workload: input.workload,
    metrics: input.metrics ?? [...d.metrics],
    iterations: input.iterations ?? d.iterations,
    warmup: input.warmup ?? d.warmup,
    order: input.order ?? d.order,
    timeoutMs: input.timeoutMs ?? d.timeoutMs,
    runtimes: input.runtimes.map(runtimeWithDefaults),
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
    };
  }
  return { name: input.name, type: input.type, userNamespace: input.userNamespace ?? CONTAINER_DEFAULTS.userNamespace };
}
