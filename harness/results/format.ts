/**
 * The on-disk result format (results/<run-id>/). Versioned: bump RESULTS_FORMAT_VERSION on any
 * change a reader must know about, and document it in results/README.md.
 *
 * Files: run.json (RunMeta), env.json (EnvInfo), samples.jsonl (one Sample per line, appended as
 * measured), samples.csv (the same samples, flattened), summary.json (Summary), report.html.
 */
export const RESULTS_FORMAT_VERSION = 1;

export type InstanceKind = 'vm' | 'container';
export type BackendName = 'qemu' | 'namespaces' | 'runc' | 'crun' | 'fake';
export type Accelerator = 'kvm' | 'tcg';
export type SampleOutcome = 'ok' | 'failed' | 'timeout';

/** One named part of a startup, in milliseconds of host monotonic time (or guest clock for VMs). */
export interface Phase {
  name: string;
  ms: number;
}

/**
 * One launch of one instance: startup (launch call until the ready marker arrived on the host)
 * and teardown (stop request until every host process of the instance is gone and its resources
 * are released). A failed or timed-out launch is a sample too, with its reason.
 */
export interface StartupSample {
  type: 'startup';
  runId: string;
  /** Global order of this sample in the run (0, 1, 2 … across scenarios and runtimes). */
  seq: number;
  scenario: string;
  runtime: string;
  kind: InstanceKind;
  backend: BackendName;
  workload: string;
  /** 0-based among the measured iterations; warmups count separately. */
  iteration: number;
  warmup: boolean;
  /** Wall clock when the launch call was made (ISO 8601). */
  startedAt: string;
  /** VMs only: accelerator actually used and machine type; null for containers. */
  accel: Accelerator | null;
  machine: string | null;
  outcome: SampleOutcome;
  /** Why the sample is not ok (timeout, exit code, stderr tail …). */
  error: string | null;
  startupMs: number | null;
  teardownMs: number | null;
  /** VM: vmm_firmware_kernel_load, kernel_to_init, init_to_ready. Container: runtime_setup, init_to_ready. */
  phases: Phase[];
  /** `uname -r` inside the instance (C3: shared vs own kernel). */
  instanceKernel: string | null;
  /** Guest uptime reported in the ready marker (VMs: seconds since the guest kernel started). */
  guestUptimeAtReadyS: number | null;
  /** True when the instance had already exited by itself when the stop request was made. */
  exitedBeforeStop: boolean;
}

export type Sample = StartupSample;

/** Descriptive statistics of one metric for one (scenario, runtime). Times in ms. */
export interface MetricSummary {
  n: number;
  failures: number;
  timeouts: number;
  min: number | null;
  max: number | null;
  mean: number | null;
  median: number | null;
  p95: number | null;
  p99: number | null;
  sd: number | null;
  /** 95% confidence interval of the median (percentile bootstrap, fixed seed). */
  medianCi95: [number, number] | null;
  /** 95% confidence interval of the mean (Student's t). */
  meanCi95: [number, number] | null;
  /** Samples further than 3.5 modified z-scores (MAD) from the median. */
  outliers: number;
}

export interface RuntimeSummary {
  scenario: string;
  runtime: string;
  kind: InstanceKind;
  backend: BackendName;
  accel: Accelerator | null;
  machine: string | null;
  startup: MetricSummary;
  teardown: MetricSummary;
  /** One MetricSummary per phase name. */
  phases: Record<string, MetricSummary>;
}

/** How many times slower the VM is than the container on one metric (ratio of medians). */
export interface Comparison {
  scenario: string;
  metric: 'startup' | 'teardown';
  vm: string;
  container: string;
  ratio: number;
  /** 95% interval of the ratio of medians (paired-free bootstrap, fixed seed). */
  ci95: [number, number] | null;
}

export interface Summary {
  formatVersion: number;
  runId: string;
  complete: boolean;
  runtimes: RuntimeSummary[];
  comparisons: Comparison[];
  /** Noise and outlier warnings, printed next to the numbers. */
  warnings: string[];
}

export type CgroupMode = 'v1' | 'v2' | 'hybrid' | 'none';

export interface KvmProbe {
  /** /dev/kvm exists and can be opened read-write. */
  devicePresent: boolean;
  /** A probe guest reached its init under -accel kvm within the timeout. */
  bootOk: boolean;
  /** Time the probe boot took to ready, when it booted. */
  bootMs: number | null;
  /** Plain-language reason when KVM is not used, with the remedy. */
  reason: string | null;
  /** Host kernel modules that provide /dev/kvm (kvm_intel, kvm_amd, kvm_pvm …). */
  modules: string[];
  probedAt: string | null;
  cached: boolean;
}

export interface EnvInfo {
  formatVersion: number;
  vmbenchVersion: string;
  gitRevision: string | null;
  hostKernel: string;
  cpuModel: string;
  cores: number;
  memTotalBytes: number;
  loadAvgAtStart: [number, number, number];
  nodeVersion: string;
  /** What the host itself runs on: "kvm", "none" … (C9: containers run inside a VM too). */
  hostVirtualization: string;
  qemu: { path: string; version: string } | null;
  runc: { path: string; version: string } | null;
  crun: { path: string; version: string } | null;
  busybox: { path: string; sha256: string } | null;
  guestKernel: { path: string; sha256: string; source: string } | null;
  guestImage: { key: string; dir: string } | null;
  kvm: KvmProbe;
  cgroupMode: CgroupMode;
  /** The harness's own cost, measured at start so readers can judge its distortion. */
  harness: HarnessOverhead;
}

export interface HarnessOverhead {
  /** Cost of one monotonic clock read (tinybench calibration), ns. */
  timerOverheadNs: number;
  /** Cost of scanning one console chunk for the ready marker (tinybench), ns. */
  markerScanNs: number;
  /** Event-loop delay p99 while measuring (perf_hooks), ms: bounds how late a timestamp can be. */
  eventLoopDelayP99Ms: number | null;
  /** Peak RSS of the harness process during the run, bytes. */
  peakRssBytes: number | null;
}

export interface RunMeta {
  formatVersion: number;
  runId: string;
  startedAt: string;
  finishedAt: string | null;
  /** 'running' while measuring; 'complete'; 'interrupted' (signal) or 'failed' (harness error). */
  status: 'running' | 'complete' | 'interrupted' | 'failed';
  argv: string[];
  scenarios: unknown[];
  /** Total samples recorded (warmups included). */
  samples: number;
  /** Measured (non-warmup) samples whose outcome is not ok. */
  failures: number;
  /** Runtimes a scenario named that this host cannot run, with the reason. */
  skipped: { scenario: string; runtime: string; reason: string }[];
}
