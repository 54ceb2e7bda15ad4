/**
 * The on-disk result format (results/<run-id>/). Versioned: bump RESULTS_FORMAT_VERSION on any
 * change a reader must know about, and document it in results/README.md.
 *
 * Files: run.json (RunMeta), env.json (EnvInfo), samples.jsonl (one Sample per line, appended as
 * measured), samples.csv (the same samples, flattened), summary.json (Summary), report.html.
 */
export const RESULTS_FORMAT_VERSION = 4;

import type { WorkloadMetric, Better } from '../workloads/definition.js';
export type { WorkloadMetric, Better } from '../workloads/definition.js';

import type { InstanceKind, BackendName, Accelerator, CgroupMode, Phase, LifecycleMetric } from '../vocabulary.js';
export type { InstanceKind, BackendName, Accelerator, Phase, CgroupMode } from '../vocabulary.js';
export type SampleOutcome = 'ok' | 'failed' | 'timeout';

/** Which scenario and runtime something belongs to, and what the runtime is. */
export interface RuntimeIdentity {
  scenario: string;
  runtime: string;
  kind: InstanceKind;
  backend: BackendName;
  /** VMs only: accelerator actually used and machine type; null for containers. */
  accel: Accelerator | null;
  machine: string | null;
}

/** A record (sample or density step) also says which run it belongs to and where in it. */
export interface RecordIdentity extends RuntimeIdentity {
  runId: string;
  /** Global order of this record in the run (0, 1, 2 … across scenarios and runtimes). */
  seq: number;
}

/**
 * One launch of one instance: startup (launch call until the ready marker arrived on the host)
 * and teardown (stop request until every host process of the instance is gone and its resources
 * are released). A failed or timed-out launch is a sample too, with its reason.
 */
export interface StartupSample extends RecordIdentity {
  type: 'startup';
  workload: string;
  /** 0-based among the measured iterations; warmups count separately. */
  iteration: number;
  warmup: boolean;
  /** Wall clock when the launch call was made (ISO 8601). */
  startedAt: string;
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
  /**
   * VMs: host init→ready minus guest init→ready (guest clock, 10 ms resolution), ms: the
   * cross-check of the host-timed phases. Absent in results written before phases were host-timed.
   */
  guestClockSkewMs?: number | null;
  /** True when the instance had already exited by itself when the stop request was made. */
  exitedBeforeStop: boolean;
  /** How it was stopped: graceful (asked, then it exited by itself) or kill. Absent in older results: kill. */
  stop?: 'graceful' | 'kill';
  /** A graceful stop: it exited by itself after the request (false: it had to be killed); null otherwise. */
  stoppedGracefully?: boolean | null;
  /** Workload "probe" only: isolation seen from inside and checked from the host; else null. */
  isolation: IsolationProbe | null;
  /**
   * Performance workloads (format 2): the metrics read from the workload's output, each with its
   * unit and direction. null for lifecycle workloads and when the results could not be read (the
   * sample is then failed and `error` holds the output's tail). Absent in format 1 files.
   */
  workloadMetrics?: WorkloadMetric[] | null;
  /**
   * A workload with a disk: how much of the instance's backing file sat in the host's page cache
   * once the workload was done (its pages were dropped before the launch). Near 0 when direct
   * I/O reached the host's disk; most of the file when the runtime's path buffers it on the host
   * (gVisor's gofer). null when it could not be read (no fincore); absent without a disk.
   */
  hostDiskCache?: HostDiskCache | null;
  /**
   * Adaptive sampling only, on the last measured sample of its runtime (and workload): why no
   * more were taken. 'ci': every metric's 95% CI of the median came within the target; 'max':
   * the scenario's maxIterations was reached first. Absent otherwise.
   */
  sampling?: SamplingStop;
}

export interface HostDiskCache {
  /** The backing file's bytes in the host's page cache, MiB. */
  cachedMiB: number;
  /** The backing file's size, MiB. */
  fileMiB: number;
}

export interface SamplingStop {
  stopped: 'ci' | 'max';
  /** Measured samples of this runtime (and workload), this one included. */
  iterations: number;
  /** The target, as a fraction of the median (0.03 = 3 %). */
  untilCi: number;
  /** The widest relative half-interval over the metrics checked, when it could be computed. */
  ciRelative: number | null;
  detail: string;
}

/**
 * What one instance could see of the host (claims C4 and C6). Raw values as the instance
 * reported them, plus what the host checked itself.
 */
export interface IsolationProbe {
  /** The workload's own pid inside: small in a new pid namespace, large on the host's. */
  pidInside: number | null;
  /** Processes visible in its /proc. */
  processesVisible: number | null;
  /** Processes on the host at the same time, for comparison. */
  hostProcesses: number;
  /** Network interfaces in /proc/net/dev (1 = loopback only). */
  interfaces: number | null;
  mounts: number | null;
  /** Effective capabilities, hex as in /proc/self/status. */
  capEff: string | null;
  /** Seccomp mode: 0 off, 1 strict, 2 filter. */
  seccomp: number | null;
  /** /proc/self/uid_map first line "inside:outside:count", "none" when unreadable. */
  uidMap: string | null;
  /** Hostname after the instance set it to vmbench-probe ("refused" when not allowed). */
  hostnameInside: string | null;
  /** The host's hostname did not change when the instance set its own. */
  hostHostnameUnchanged: boolean;
  /** The instance's kernel differs from the host's (own kernel) — from uname. */
  ownKernel: boolean | null;
  /** Hardware virtualization in use: KVM for VMs; null for containers (none). */
  hardwareVirtualization: boolean | null;
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

export interface RuntimeSummary extends RuntimeIdentity {
  startup: MetricSummary;
  /** Over the ok samples whose instance was still running when stopped (a stop that raced the instance's own exit measures something else). */
  teardown: MetricSummary;
  /** How the scenario stopped its instances (absent in older results: kill). */
  stop?: 'graceful' | 'kill';
  /** Ok samples left out of `teardown` because the instance had already exited by itself. */
  teardownExitedBeforeStop?: number;
  /** Teardown over every ok sample, those included; only when some were left out. */
  teardownAll?: MetricSummary | null;
  /** One MetricSummary per phase name. */
  phases: Record<string, MetricSummary>;
}

/** How many times slower the VM is than the container on one metric (ratio of medians). */
export interface Comparison {
  scenario: string;
  metric: LifecycleMetric;
  vm: string;
  container: string;
  ratio: number;
  /** 95% interval of the ratio of medians (paired-free bootstrap, fixed seed). */
  ci95: [number, number] | null;
}

/** Which check raised a warning (stable names: reports and scripts may select by them). */
export type WarningKind =
  | 'failures' | 'too-few-samples' | 'outliers' | 'noisy' | 'first-run'
  | 'negative-phase' | 'clock-skew'
  | 'density-unfinished' | 'density-stop' | 'no-ready' | 'few-ready' | 'memavailable-flat' | 'nonlinear'
  | 'harness-rss' | 'harness-cpu' | 'memory-unsettled' | 'ksm-unsettled'
  | 'log-incomplete' | 'run-error'
  /** Read from a format-3 summary: only the scenario and runtime its sentence began with are known. */
  | 'legacy';

export interface Warning {
  /** null: about the run as a whole (a sample log that could not be written). */
  scenario: string | null;
  /** null: about the scenario as a whole, or the run. */
  runtime: string | null;
  /** A performance scenario's workload; absent otherwise. */
  workload?: string;
  /** The figure it qualifies: startup, teardown, phases, memory, or a workload metric's name; null: all of the runtime's. */
  metric: string | null;
  kind: WarningKind;
  /** The sentence shown, which names its scenario/runtime itself. */
  message: string;
}

export interface Summary {
  formatVersion: number;
  runId: string;
  complete: boolean;
  runtimes: RuntimeSummary[];
  comparisons: Comparison[];
  /**
   * Noise, outlier and trust warnings, printed next to the numbers. Format 4: each names what it
   * is about in fields (reports select by them); format 3 and older had bare sentences, which
   * read-results.ts upgrades (legacy-summary.ts).
   */
  warnings: Warning[];
  /** One entry per (density scenario, runtime); absent or empty when no density scenario ran. */
  density?: DensitySummary[];
  /** Container vs VM on instances per GiB (how many times more containers fit). */
  densityComparisons?: { scenario: string; vm: string; container: string; ratio: number }[];
  /** Format 2: per (performance scenario, workload, runtime), each metric's statistics. */
  performance?: WorkloadSummary[];
  /** Format 2: each runtime against the host baseline, and VMs against containers, per metric. */
  performanceRatios?: PerformanceRatio[];
}

/** One metric of one workload under one runtime (values over the ok samples). */
export interface WorkloadMetricSummary extends MetricSummary {
  name: string;
  unit: string;
  better: Better;
}

export interface WorkloadSummary extends RuntimeIdentity {
  workload: string;
  metrics: WorkloadMetricSummary[];
  /** A workload with a disk: the median of the ok samples' hostDiskCache, when they have one. */
  hostDiskCache?: HostDiskCache | null;
}

/**
 * How fast `runtime` ran a workload relative to `baseline`, on one metric, as a speed: 1 = the
 * same, below 1 = slower, whichever way the metric improves (median ratio runtime/baseline for
 * "higher is better", baseline/runtime for "lower is better"), with a bootstrap 95% interval.
 */
export interface PerformanceRatio {
  scenario: string;
  workload: string;
  metric: string;
  unit: string;
  better: Better;
  /** 'host': runtime vs the host runtime; 'vm-container': a VM vs a container. */
  against: 'host' | 'vm-container';
  runtime: string;
  baseline: string;
  relative: number;
  ci95: [number, number] | null;
}

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
  /** Every registered backend's programs (qemu, unshare, runc, crun, runsc …): path and version, null when missing. */
  tools: Record<string, { path: string; version: string } | null>;
  /** Backends' probe verdicts other than KVM's (e.g. runsc: the gVisor platform used and why). */
  probes: Record<string, { value: string; reason: string; cached: boolean }>;
  /** Format 2 and older recorded these three tools on their own (now in `tools`). */
  qemu?: { path: string; version: string } | null;
  runc?: { path: string; version: string } | null;
  crun?: { path: string; version: string } | null;
  busybox: { path: string; sha256: string } | null;
  guestKernel: { path: string; sha256: string; source: string } | null;
  guestImage: { key: string; dir: string } | null;
  kvm: KvmProbe;
  cgroupMode: CgroupMode;
  /** Host TSC rate handed to microvm guests under TCG as tsc_early_khz (null: unknown, not passed). */
  hostTscKhz: number | null;
  /** The harness's own cost, measured at start so readers can judge its distortion. */
  harness: HarnessOverhead;
  /** What makes two runs of the same code differ, read before the first launch (absent in older results). */
  fingerprint?: HostFingerprint;
}

/**
 * Host settings that change timings or memory figures between otherwise identical runs, read
 * from /proc and /sys before the first launch. null: not available on this host (no cpufreq in
 * most VMs, no KSM without CONFIG_KSM).
 */
export interface HostFingerprint {
  cpuModel: string;
  /** /proc/cpuinfo "microcode" of the first CPU. */
  microcode: string | null;
  /** cpufreq scaling_governor of every CPU (one value when all agree, else "a, b"). */
  cpuGovernor: string | null;
  /** Turbo/boost: cpufreq/boost ("1" on), or intel_pstate/no_turbo inverted; null: no such control. */
  cpuBoost: string | null;
  /** Transparent huge pages: the selected mode of enabled and defrag ("always", "madvise" …). */
  thp: string | null;
  thpDefrag: string | null;
  swapTotalBytes: number | null;
  swapUsedBytes: number | null;
  swappiness: number | null;
  /** /sys/kernel/mm/ksm/run: "0" off, "1" merging, "2" unmerging. */
  ksmRun: string | null;
  /** Who manages container cgroups: vmbench starts runc/crun without --systemd-cgroup, so "cgroupfs", plus PID 1's name. */
  cgroupDriver: string;
  /** Page cache before the run: Cached, Buffers and Dirty of /proc/meminfo, bytes. */
  pageCache: { cachedBytes: number; buffersBytes: number; dirtyBytes: number } | null;
  memAvailableBytes: number | null;
}

export interface HarnessOverhead {
  /** Cost of one monotonic clock read (tinybench calibration), ns. */
  timerOverheadNs: number;
  /** Cost of scanning one console chunk for the ready marker (tinybench), ns. */
  markerScanNs: number;
  /**
   * The floor of any startup this harness can time, ms: median launch call → first output byte
   * of a static `busybox echo` (tinybench, 30 runs). Every startup sample includes this much
   * process-spawn cost of the harness itself (hyperfine times the same echo at ~0.7 ms here).
   * null when it could not be measured.
   */
  launchFloorMs: number | null;
  /**
   * The same floor through lean-launch.c (posix_spawn + read + CLOCK_MONOTONIC, median of 15): what
   * no harness can go below on this host. null when not built; absent in older results.
   */
  leanFloorMs?: number | null;
  /**
   * Who spawned and timestamped the instances: 'native' = vmbench-launcher (C, posix_spawn,
   * CLOCK_MONOTONIC read as each read returns: no Node latency inside a timed window), 'node' =
   * child_process.spawn with the timestamp taken in the data handler, with why. Absent in results
   * written before the launcher existed (they used 'node').
   */
  launcher?: { kind: 'native' | 'node'; reason: string | null };
  /** Event-loop delay p99 inside the timed windows (launch → ready; 5 ms ticks), ms: how late a timestamp could be. null: no window long enough to sample. */
  eventLoopDelayP99Ms: number | null;
  /** Peak RSS of the harness process during the run, bytes. */
  peakRssBytes: number | null;
  /**
   * The harness's CPU time over the whole run (process start → results written), against that
   * wall time: what it took from the cores the instances ran on. null while running; absent in
   * results written before it was recorded.
   */
  cpu?: HarnessCpu | null;
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
  skipped: { scenario: string; runtime: string; reason: string; /** Set when a workload was skipped (its tool is missing), for every runtime. */ workload?: string }[];
}

// ---------------------------------------------------------------------------------------------
// Memory and density (density.jsonl, one line per step and one per runtime's end; summarized in
// Summary.density). All sizes in bytes.

/** How much one idle instance costs, each way vmbench measures it. null: not measurable here. */
export interface InstanceMemory {
  /** Summed PSS (/proc/<pid>/smaps_rollup) of every host process of the instance. */
  pssBytes: number | null;
  /** Summed RSS of the same processes (shared pages counted in full: an upper bound). */
  rssBytes: number | null;
  /** The instance's cgroup memory usage (runc/crun: its own cgroup; v1 usage_in_bytes, v2 memory.current). */
  cgroupBytes: number | null;
  /** What the workload itself uses: VM guest MemTotal − MemAvailable (its own view); container: PSS of its own processes (the runtime's excluded). */
  insideBytes: number | null;
  /** The VM's configured RAM; null for containers. */
  configuredBytes: number | null;
}

export interface DensityStep extends RecordIdentity {
  type: 'density-step';
  /** Instances running after this step (the one just launched included when it became ready). */
  running: number;
  outcome: SampleOutcome;
  error: string | null;
  /** Startup of the instance launched at this step: startup vs N. */
  startupMs: number | null;
  /** Host MemAvailable after this step (page cache dropped first when cacheDropped). */
  memAvailableBytes: number;
  cacheDropped: boolean;
  /** PSS summed over all running instances; read every few steps only (it costs O(N)), else null. */
  pssTotalBytes: number | null;
  /** The memory of the instance launched at this step. */
  instance: InstanceMemory | null;
  loadAvg1: number;
  harnessRssBytes: number;
  /** CPU time the harness's Node process used since the density run started, ms (the native launcher's is in DensityEnd.launcherCpuMs). */
  harnessCpuMs: number;
  /** Since the first launch of this runtime's density run, ms. */
  elapsedMs: number;
}

export interface KsmResult {
  /** pages_sharing stopped changing across full scans before the timeout. */
  settled: boolean;
  waitedMs: number;
  pagesSharing: number;
  memAvailableBeforeBytes: number;
  memAvailableAfterBytes: number;
  pssTotalBeforeBytes: number | null;
  pssTotalAfterBytes: number | null;
}

export interface DensityEnd extends RecordIdentity {
  type: 'density-end';
  /** Host MemAvailable before the first launch (page cache dropped). */
  baselineMemAvailableBytes: number;
  memTotalBytes: number;
  /** The reserve the run would not cross, bytes of MemAvailable. */
  reserveBytes: number;
  instances: number;
  /** Which rule ended it: "max", "reserve", "startup-limit", "failures", "interrupted". */
  stopReason: 'max' | 'reserve' | 'startup-limit' | 'failures' | 'interrupted';
  stopDetail: string;
  /** Stopping every instance of this density run, ms. */
  teardownMs: number;
  teardownProblems: string | null;
  ksm: KsmResult | null;
  /**
   * Before the first launch the run waited for MemAvailable to stop moving (it was still settling
   * from what ran before). Absent in results written before this wait existed.
   */
  settle?: { settled: boolean; ms: number; lastDriftBytes: number };
  /**
   * CPU time of the native launcher (vmbench-launcher: spawning, reading the instances' output)
   * over the launch loop, ms, at the kernel's 10 ms accounting resolution: part of the harness's
   * own cost beside its Node process's. Null when Node launched the instances or the launcher was
   * replaced during the loop; absent in results written before it was recorded.
   */
  launcherCpuMs?: number | null;
}

export type DensityRecord = DensityStep | DensityEnd;

/** A straight-line fit y = intercept + slope·x, with the slope's standard error. */
export interface LinearFit {
  slope: number;
  intercept: number;
  slopeStdErr: number | null;
  r2: number | null;
  n: number;
}

/** The harness's own CPU time over a stretch of wall time: its Node process's and its native launcher's. */
export interface HarnessCpu {
  /** User + system CPU of the Node process (process.cpuUsage), ms. */
  nodeMs: number;
  /** User + system CPU of vmbench-launcher (/proc/<pid>/stat, 10 ms ticks), ms; null: Node launched, or the launcher was replaced. */
  launcherMs: number | null;
  /** The wall time these were spent in (a density runtime's launch loop; the whole run), ms. */
  wallMs: number;
}

export interface DensitySummary extends RuntimeIdentity {
  instances: number;
  stopReason: DensityEnd['stopReason'];
  stopDetail: string;
  /** Median over the steps of each per-instance method, bytes. */
  perInstance: { pssBytes: number | null; rssBytes: number | null; cgroupBytes: number | null; insideBytes: number | null; configuredBytes: number | null; systemBytes: number | null };
  /** overhead = host cost (PSS) − the workload's own use (inside). */
  overheadBytes: number | null;
  /** Host memory used (baseline MemAvailable − MemAvailable) vs instances running. */
  marginalSystem: LinearFit | null;
  /** Summed PSS vs instances running. */
  marginalPss: LinearFit | null;
  /**
   * Format 4: the slope instancesPerGiB and projectedMax rest on: the MemAvailable fit when it
   * rose with N (the honest host-wide figure), else the summed-PSS fit; null when neither rose.
   */
  costSlope: 'memAvailable' | 'pss' | null;
  /** 1 GiB / the chosen marginal cost (costSlope). */
  instancesPerGiB: number | null;
  /** How many would fit in this host's memory above the reserve at the marginal cost. */
  projectedMax: number | null;
  /** Startup time vs instances running (ms per extra running instance). */
  startupVsN: LinearFit | null;
  teardownMs: number;
  harnessPeakRssBytes: number | null;
  /**
   * The harness's own CPU time over the launch loop (first launch → last step): its Node
   * process's and the native launcher's (null when not recorded). Absent in older results.
   */
  harnessCpu?: HarnessCpu | null;
  ksm: KsmResult | null;
  /** The wait for MemAvailable to settle before the first launch (absent in older results). */
  settle?: DensityEnd['settle'] | null;
}

// ---------------------------------------------------------------------------------------------
// Limits (limits.jsonl, claim C5): one record per sample of a limits scenario's two tests.

/** What the runtime was given, and what enforces it: a container's cgroup, a VM's own kernel. */
export interface LimitSetting {
  /** A container's cgroup memory limit or a VM's RAM, bytes; null: none. */
  memoryBytes: number | null;
  /** A container's CPU quota in cores or a VM's vCPUs; null: none. */
  cpus: number | null;
  enforcedBy: 'cgroup' | 'guest kernel' | 'none';
}

export interface LimitSample extends RecordIdentity {
  type: 'limit-sample';
  /** memory: a hog allocates past the limit; cpu: a CPU-bound loop runs for a fixed time. */
  test: 'memory' | 'cpu';
  iteration: number;
  outcome: SampleOutcome;
  error: string | null;
  limit: LimitSetting;
  cgroupMode: CgroupMode;
  startupMs: number | null;
  /** memory: what the hog tried to allocate, bytes. */
  hogBytes: number | null;
  /** memory: the hog's exit status inside the instance (137: SIGKILL, the OOM killer's signal). */
  hogStatus: number | null;
  /** memory: what the hog held when it survived (it reports only then), bytes. */
  hogAllocatedBytes: number | null;
  /** memory: the cgroup's own OOM kill count (v1 memory.oom_control, v2 memory.events). */
  oomKills: number | null;
  /** memory: times usage hit the limit (v1 memory.failcnt, v2 memory.events max). */
  limitHits: number | null;
  /** memory: the cgroup's peak usage (container) or QEMU's peak RSS, VmHWM (VM), bytes. */
  peakBytes: number | null;
  /** memory, VM: the guest kernel's OOM line as its console printed it. */
  guestOomMessage: string | null;
  /** OOM kills anywhere on the host over the sample (/proc/vmstat oom_kill): above oomKills means something outside the instance died. */
  hostOomKills: number | null;
  /** The instance (a VM's QEMU, a container's init) was still running after the test. */
  instanceAlive: boolean | null;
  /** cpu: host time over which CPU time was measured (ready marker → done marker), ms. */
  wallMs: number | null;
  /** cpu: CPU time the instance got over wallMs (its cgroup, else its host processes), ms. */
  cpuMs: number | null;
  cpuSource: 'cgroup' | 'processes' | null;
  /** cpu: loop iterations done (the work) and over how long by the instance's clock, s. */
  iterations: number | null;
  loopSeconds: number | null;
  /** cpu: CFS periods in which the quota ran out. */
  throttledPeriods: number | null;
}

export type { ProvisionRecord, ProvisionBase, ProvisionSample, ProvisionMethodResult, CowWriteResult, ProvisionMethod, CowTarget, ProvisionStart } from './provisioning-format.js';
