/**
 * The executor interface: one implementation per backend (qemu, namespaces, runc/crun, fake),
 * like hyperfine's executors. The runner only sees this.
 */
import type { Accelerator, BackendName, InstanceKind, Phase } from '../vocabulary.js';
import type { RuntimeSpec } from '../scenario/types.js';
import type { DeviceNeed } from '../workloads/definition.js';
import type { HostDiskCache } from '../results/format.js';

export interface StartRequest {
  /** Unique per instance within a run; safe for file names and container ids. */
  id: string;
  /** The script /workloads/<workload>.sh of the image: a lifecycle or performance workload. */
  workload: string;
  /** Launch-to-ready limit, ms. */
  readyTimeoutMs: number;
  /** Devices the workload needs (a disk, a network): the runtime attaches them its own way. */
  devices?: readonly DeviceNeed[];
  /** Performance workloads: receives the console output and the exit (results come after ready). */
  watch?: InstanceWatcher;
  /** How stop() ends the instance; absent: kill. A VM asked for graceful gets a control port. */
  stop?: 'graceful' | 'kill';
}

/** Told every chunk of output, timestamped on arrival, and the exit of the instance's root process. */
export interface InstanceWatcher {
  onOutput(chunk: Buffer, atNs: bigint, stream: 'stdout' | 'stderr'): void;
  onExit(description: string): void;
}

export type ReadyResult =
  | {
      state: 'ready';
      /** Launch call until the ready marker arrived, host monotonic ms. */
      startupMs: number;
      phases: Phase[];
      instanceKernel: string | null;
      guestUptimeAtReadyS: number | null;
      /** VMs: host minus guest clock over init → ready, ms (a cross-check of the host-timed phases). */
      guestClockSkewMs: number | null;
      /** Every key=value of the ready marker (the idle workload adds guest meminfo). */
      markerFields: Record<string, string>;
      /** The probe workload's view of its isolation (VMBENCH_PROBE fields); null otherwise. */
      probe: Record<string, string> | null;
    }
  | { state: 'failed'; reason: string }
  | { state: 'timeout'; reason: string };

export interface StopResult {
  /** Stop request until processes are gone and resources released, ms. */
  teardownMs: number;
  exitedBeforeStop: boolean;
  /** A graceful stop: whether the instance exited by itself after the request (null: killed, as asked or because it had already exited). */
  stoppedGracefully: boolean | null;
  /** Set when teardown itself hit a problem (it still forced everything down). */
  problem: string | null;
}

export interface Instance {
  readonly id: string;
  /** Resolves once: ready, failed (exited or errored before ready) or timed out. Never rejects. */
  waitReady(): Promise<ReadyResult>;
  /** Host processes that belong to the instance now (VMM, runtime, container processes). */
  hostPids(): number[];
  /** The processes of the workload itself, without the VMM or runtime that started it. */
  workloadPids(): number[];
  /** The instance's own cgroup name, when its runtime made one (runc/crun). */
  readonly cgroupName: string | null;
  /** Idempotent; always leaves nothing behind, even after a failure. Never rejects. */
  stop(): Promise<StopResult>;
  /** A workload with a disk: its backing file in the host's page cache now (see plumbing/page-cache.ts). */
  hostDiskCache?(): HostDiskCache | null;
}

export interface Runtime {
  readonly spec: RuntimeSpec;
  readonly name: string;
  readonly kind: InstanceKind;
  readonly backend: BackendName;
  /** VMs: the accelerator this runtime will actually use, decided before the run. */
  readonly accel: Accelerator | null;
  /**
   * VMs: the QEMU machine type. Containers: how they were started when the backend's name does
   * not say it all (runsc's platform, crun through a mount namespace); else null.
   */
  readonly machine: string | null;
  /** The RAM the instance was configured with (VMs); null when it takes from the host as it goes. */
  readonly configuredMemoryBytes: number | null;
  /**
   * Where the workload's own memory use is seen: 'own-kernel' (a VM's or gVisor's kernel reports
   * it in the idle marker's meminfo) or 'workload-processes' (the PSS of its host processes).
   */
  readonly memoryInside: 'own-kernel' | 'workload-processes';
  start(request: StartRequest): Instance;
}

/** Whether a runtime can run on this host, and if not, why and what to do about it. */
export type Availability = { usable: true; detail: string } | { usable: false; reason: string };
