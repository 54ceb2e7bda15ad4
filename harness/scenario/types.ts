/**
 * A scenario after validation, with every default resolved (harness/scenario/defaults.ts).
 * The YAML form is documented in scenarios/README.md.
 */
import type { Accelerator } from '../results/format.js';

export type WorkloadName = 'hello' | 'idle';
export type MetricName = 'startup' | 'teardown';
export type SampleOrder = 'interleaved' | 'sequential';

export interface QemuRuntimeSpec {
  name: string;
  type: 'qemu';
  machine: 'q35' | 'microvm';
  /** 'auto' = KVM when the probe boot passed, else TCG. */
  accel: 'auto' | Accelerator;
  memoryMiB: number;
  vcpus: number;
}

export interface ContainerRuntimeSpec {
  name: string;
  type: 'namespaces' | 'runc' | 'crun';
  /** namespaces only: also unshare the user namespace (uid 0 inside mapped to nobody outside). */
  userNamespace: boolean;
}

export type RuntimeSpec = QemuRuntimeSpec | ContainerRuntimeSpec;

export interface Scenario {
  name: string;
  description: string;
  /** The file it came from (absolute), for messages. */
  file: string;
  workload: WorkloadName;
  metrics: MetricName[];
  iterations: number;
  warmup: number;
  order: SampleOrder;
  /** Per-sample limit from launch to ready, ms. */
  timeoutMs: number;
  runtimes: RuntimeSpec[];
}

/** Built-in runtime presets a scenario can name with a plain string. */
export const RUNTIME_PRESETS: Record<string, RuntimeSpec> = {
  'qemu-q35': { name: 'qemu-q35', type: 'qemu', machine: 'q35', accel: 'auto', memoryMiB: 128, vcpus: 1 },
  'qemu-microvm': { name: 'qemu-microvm', type: 'qemu', machine: 'microvm', accel: 'auto', memoryMiB: 128, vcpus: 1 },
  namespaces: { name: 'namespaces', type: 'namespaces', userNamespace: false },
  runc: { name: 'runc', type: 'runc', userNamespace: false },
  crun: { name: 'crun', type: 'crun', userNamespace: false },
};
