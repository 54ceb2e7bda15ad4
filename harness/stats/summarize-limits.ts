/**
 * A limits scenario's samples, per runtime (claim C5): did the memory hog die at the limit and
 * nothing else on the host, and what share of a core did the CPU loop get against what it was
 * given. Medians over the ok samples; the work rate is compared with an unlimited container of
 * the same scenario when there is one (the loop's iterations per second of its own clock).
 */
import type { LimitSample, LimitSetting, RuntimeIdentity } from '../results/format.js';
import { percentile } from './percentile.js';

const median = (values: readonly number[]): number => percentile(values, 50);

/** The exit status of a process killed by SIGKILL, as a shell reports it (128 + 9). */
export const KILLED_STATUS = 137;

export interface LimitsMemorySummary {
  samples: number;
  ok: number;
  hogBytes: number | null;
  /** ok samples whose hog was killed (status 137). */
  killed: number;
  /** The cgroup's own OOM kills, summed over the ok samples (null: not readable, or a VM). */
  oomKills: number | null;
  /** Largest peak: the cgroup's (container), QEMU's VmHWM (VM). */
  peakBytes: number | null;
  /** OOM kills on the host not accounted to the instance's cgroup, summed. */
  outsideKills: number | null;
  /** VM samples whose console showed the guest kernel's OOM report. */
  guestOomReports: number;
  /** One guest OOM line, as printed. */
  guestOomExample: string | null;
  /** ok samples whose instance was still running after its hog died (the VM, the container's init). */
  survived: number;
  /** The largest the hog reported holding when it was not killed. */
  allocatedBytes: number | null;
}

export interface LimitsCpuSummary {
  samples: number;
  ok: number;
  /** Median CPU time ÷ wall time over the loop: cores used. */
  share: number | null;
  shareMin: number | null;
  shareMax: number | null;
  source: LimitSample['cpuSource'];
  /** Median loop iterations per second of the instance's own clock. */
  rate: number | null;
  /** rate ÷ the median rate of an unlimited container of the scenario (null: none ran). */
  rateVsUnlimited: number | null;
  unlimitedReference: string | null;
  throttledPeriods: number | null;
}

export interface LimitsSummary extends RuntimeIdentity {
  limit: LimitSetting;
  cgroupMode: LimitSample['cgroupMode'];
  memory: LimitsMemorySummary | null;
  cpu: LimitsCpuSummary | null;
}

const sum = (values: (number | null)[]): number | null => {
  const known = values.filter((v): v is number => v !== null);
  return known.length ? known.reduce((a, b) => a + b, 0) : null;
};
const maxOf = (values: (number | null)[]): number | null => {
  const known = values.filter((v): v is number => v !== null);
  return known.length ? Math.max(...known) : null;
};
const medianOf = (values: (number | null)[]): number | null => {
  const known = values.filter((v): v is number => v !== null);
  return known.length ? median(known) : null;
};

function memorySummary(all: LimitSample[]): LimitsMemorySummary | null {
  if (all.length === 0) return null;
  const ok = all.filter((s) => s.outcome === 'ok');
  const isVm = all[0]!.kind === 'vm';
  const guest = ok.filter((s) => s.guestOomMessage !== null);
  return {
    samples: all.length,
    ok: ok.length,
    hogBytes: all[0]!.hogBytes,
    killed: ok.filter((s) => s.hogStatus === KILLED_STATUS).length,
    oomKills: isVm ? null : sum(ok.map((s) => s.oomKills)),
    peakBytes: maxOf(ok.map((s) => s.peakBytes)),
    outsideKills: sum(ok.map((s) => (s.hostOomKills === null ? null : s.hostOomKills - (isVm ? 0 : (s.oomKills ?? 0))))),
    guestOomReports: guest.length,
    guestOomExample: guest[0]?.guestOomMessage ?? null,
    survived: ok.filter((s) => s.instanceAlive === true).length,
    allocatedBytes: maxOf(ok.map((s) => s.hogAllocatedBytes)),
  };
}

const rateOf = (s: LimitSample): number | null =>
  s.iterations === null || s.loopSeconds === null || s.loopSeconds <= 0 ? null : s.iterations / s.loopSeconds;

function cpuSummary(all: LimitSample[], reference: { runtime: string; rate: number } | null): LimitsCpuSummary | null {
  if (all.length === 0) return null;
  const ok = all.filter((s) => s.outcome === 'ok');
  const shares = ok.map((s) => (s.cpuMs === null || s.wallMs === null || s.wallMs <= 0 ? null : s.cpuMs / s.wallMs));
  const rate = medianOf(ok.map(rateOf));
  const self = reference !== null && reference.runtime === all[0]!.runtime;
  return {
    samples: all.length,
    ok: ok.length,
    share: medianOf(shares),
    shareMin: shares.some((v) => v !== null) ? Math.min(...shares.filter((v): v is number => v !== null)) : null,
    shareMax: maxOf(shares),
    source: ok[0]?.cpuSource ?? null,
    rate,
    rateVsUnlimited: reference === null || self || rate === null ? null : rate / reference.rate,
    unlimitedReference: reference === null || self ? null : reference.runtime,
    throttledPeriods: sum(ok.map((s) => s.throttledPeriods)),
  };
}

export function summarizeLimits(samples: readonly LimitSample[]): LimitsSummary[] {
  const groups = new Map<string, LimitSample[]>();
  for (const s of samples) {
    const key = `${s.scenario}\u0000${s.runtime}`;
    (groups.get(key) ?? groups.set(key, []).get(key)!).push(s);
  }
  // Per scenario: the unlimited container whose loop ran fastest is the work-rate reference.
  const references = new Map<string, { runtime: string; rate: number }>();
  for (const list of groups.values()) {
    const first = list[0]!;
    if (first.kind !== 'container' || first.limit.cpus !== null) continue;
    const rate = medianOf(list.filter((s) => s.test === 'cpu' && s.outcome === 'ok').map(rateOf));
    const known = references.get(first.scenario);
    if (rate !== null && (known === undefined || rate > known.rate)) references.set(first.scenario, { runtime: first.runtime, rate });
  }
  return [...groups.values()].map((list) => {
    const first = list[0]!;
    return {
      scenario: first.scenario,
      runtime: first.runtime,
      kind: first.kind,
      backend: first.backend,
      accel: first.accel,
      machine: first.machine,
      limit: first.limit,
      cgroupMode: first.cgroupMode,
      memory: memorySummary(list.filter((s) => s.test === 'memory')),
      // A VM's loop runs on emulated CPUs: no container rate to compare it with.
      cpu: cpuSummary(
        list.filter((s) => s.test === 'cpu'),
        first.kind === 'vm' ? null : (references.get(first.scenario) ?? null),
      ),
    };
  });
}

const MIB = 1024 * 1024;
export const mib = (b: number | null): string => (b === null ? '—' : `${(b / MIB).toFixed(1)} MiB`);

/** "memory 64.0 MiB, cpus 0.5", "guest RAM 80.0 MiB, 1 vCPU", "no limits". */
export function describeLimit(s: Pick<LimitsSummary, 'kind' | 'limit'>): string {
  const { memoryBytes, cpus } = s.limit;
  if (s.kind === 'vm') return `guest RAM ${mib(memoryBytes)}, ${cpus ?? '?'} vCPU`;
  if (s.limit.enforcedBy === 'none') return 'no limits';
  return [memoryBytes === null ? null : `memory ${mib(memoryBytes)}`, cpus === null ? null : `cpus ${cpus}`].filter(Boolean).join(', ');
}
