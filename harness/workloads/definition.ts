/**
 * What a performance workload is: a script in the image, the host binaries and files it needs
 * there, how long it may run, and how its output becomes named metrics. Built-in ones live in
 * builtin.ts, a scenario's own are made by custom.ts; the runner treats both alike.
 */

/** Which way a metric improves: the report colours and ratios follow it. */
export type Better = 'higher' | 'lower';

export interface MetricDef {
  /** Identifier: a-z, 0-9, "_" (a CSV column and a JSON key). */
  name: string;
  /** Shown after the value: "events/s", "MiB/s", "ns", "s". */
  unit: string;
  better: Better;
}

export interface WorkloadMetric extends MetricDef {
  value: number;
}

/**
 * Devices a workload needs (disk, network). The image gets the guest kernel's virtio modules for
 * them (guest/device-extras.ts); each runtime attaches them its own way before the instance
 * starts (plumbing/instance-devices.ts): a virtio disk or NIC for a VM, a bind mount or a veth
 * pair for a container, the file itself or loopback for the host.
 */
export type DeviceNeed =
  /** file: an image the caller made and owns (a provisioning clone) instead of a new backing file; format: its format (default raw). */
  { type: 'disk'; sizeMiB: number; file?: string; format?: 'raw' | 'qcow2' } | { type: 'network' };

/** The workload's output between its ready and done markers, split into its steps. */
export interface WorkloadOutput {
  /** Every line, in order (markers excluded). */
  lines: string[];
  /** Lines by step name (VMBENCH_STEP name=…); lines before the first step go under "". */
  steps: Map<string, { fields: Record<string, string>; lines: string[] }>;
  /** Exit status of the workload's command, from the done marker. */
  status: number | null;
  /** Host monotonic ms from the ready marker to the done marker. */
  elapsedMs: number;
}

/** Metrics read from the output, or why they could not be. */
export type ParseResult = { ok: true; metrics: WorkloadMetric[] } | { ok: false; reason: string };

export interface PerformanceWorkload {
  name: string;
  description: string;
  /** 'builtin' (cpu, memory, syscall) or 'custom' (defined in a scenario file). */
  origin: 'builtin' | 'custom';
  /** /workloads/<name>.sh in the image. */
  script: string;
  /** Other files the script needs in /workloads/ (a sysbench Lua script), by file name. */
  scriptFiles: Record<string, string>;
  /** Host binaries whose library closure goes into the image (absolute host paths). */
  binaries: string[];
  /** Plain host files copied to the same path in the image. */
  files: string[];
  /** Our own static programs (built by scripts/build-launcher.sh), put at a fixed path in the image; missing: why, when not built. */
  bundled: { hostPath: string; imagePath: string; missing: string }[];
  devices: DeviceNeed[];
  /** From the ready marker until the done marker, at most this long. */
  timeLimitMs: number;
  /** What the workload reports, for tables and charts even when every sample failed. */
  metrics: MetricDef[];
  parse(output: WorkloadOutput): ParseResult;
}
