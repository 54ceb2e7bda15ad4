/**
 * density.jsonl → Summary.density: what one idle instance costs (medians per method), the
 * marginal cost from a line through "host memory used vs instances running", and how many
 * containers fit per VM. Pure: the same records always give the same figures.
 */
import { runtimeIdentity } from '../results/runtime-identity.js';
import type {
  DensityEnd,
  DensityRecord,
  DensityStep,
  DensitySummary,
  HarnessCpu,
  InstanceMemory,
  Summary,
  Warning,
} from '../results/format.js';
import { densityWarnings } from './density-warnings.js';
import { linearFit } from './linear-fit.js';
import { percentile } from './percentile.js';
import { runKey } from '../run-key.js';

export interface DensityComparison {
  scenario: string;
  vm: string;
  container: string;
  /** Container instances per GiB ÷ VM instances per GiB: how many times more containers fit. */
  ratio: number;
}

export interface DensityResult {
  density: DensitySummary[];
  densityComparisons: DensityComparison[];
  warnings: Warning[];
}

const GIB = 2 ** 30;

interface Group {
  scenario: string;
  runtime: string;
  steps: DensityStep[];
  /** null when the run died before writing it (e.g. the harness itself was OOM-killed). */
  end: DensityEnd | null;
}

/** Records grouped by (scenario, runtime) in order of first appearance; steps in file order. */
function groupRecords(records: readonly DensityRecord[]): Group[] {
  const groups = new Map<string, Group>();
  for (const r of records) {
    const key = runKey(r.scenario, r.runtime);
    let g = groups.get(key);
    if (g === undefined) {
      g = { scenario: r.scenario, runtime: r.runtime, steps: [], end: null };
      groups.set(key, g);
    }
    if (r.type === 'density-step') g.steps.push(r);
    else g.end = r;
  }
  return [...groups.values()];
}

function median(values: readonly (number | null | undefined)[]): number | null {
  const present = values.filter((v): v is number => v !== null && v !== undefined && Number.isFinite(v));
  return present.length === 0 ? null : percentile(present, 50);
}

function perMethod(ok: readonly DensityStep[], pick: (m: InstanceMemory) => number | null): number | null {
  return median(ok.map((s) => (s.instance === null ? null : pick(s.instance))));
}

/**
 * The steps whose MemAvailable is comparable: where the run dropped the page cache before reading
 * it (every step when it dropped at all of them; a sampled subset in large runs), or all of them
 * when it never dropped it.
 */
export function memorySteps<T extends Pick<DensityStep, 'cacheDropped'>>(steps: readonly T[]): T[] {
  return steps.some((s) => s.cacheDropped) ? steps.filter((s) => s.cacheDropped) : [...steps];
}

/**
 * How far MemAvailable fell per instance added, for every instance added at an ok step: each
 * comparable step's fall from the comparable step before it (whatever its outcome: a failed
 * launch's leftovers were measured there already) or from the baseline for the first, divided by
 * the instances added in between, counted once for each of them. Every step weighs the same when
 * every step dropped the page cache; in a large run that dropped it at a sample of steps, a step
 * 250 instances after the last look weighs 250 single-instance steps, whose fall of under 1 MiB
 * for a container is below the host's noise (the plain median of 14 such intervals, 10 of them
 * single-instance, read 0.00 MiB on a 1000-namespaces run whose MemAvailable fit was 0.72 MiB).
 */
function systemDrops(steps: readonly DensityStep[], baseline: number | null): number[] {
  const drops: number[] = [];
  let before: { mem: number; running: number } | null = baseline === null ? null : { mem: baseline, running: 0 };
  for (const s of memorySteps(steps)) {
    if (s.outcome === 'ok' && before !== null && s.running > before.running) {
      const added = s.running - before.running;
      const perInstance = (before.mem - s.memAvailableBytes) / added;
      for (let i = 0; i < added; i++) drops.push(perInstance);
    }
    before = { mem: s.memAvailableBytes, running: s.running };
  }
  return drops;
}

/** Over the launch loop: the last step's Node CPU and elapsed time, and the launcher's from the end record. */
function harnessCpu(steps: readonly DensityStep[], end: DensityEnd | null): HarnessCpu | null {
  const last = steps[steps.length - 1];
  if (last === undefined) return null;
  return { nodeMs: last.harnessCpuMs, launcherMs: end?.launcherCpuMs ?? null, wallMs: last.elapsedMs };
}

function describeGroup(g: Group, memTotalBytes: number): { summary: DensitySummary; warnings: Warning[] } {
  const ok = g.steps.filter((s) => s.outcome === 'ok');
  const ref = g.end ?? (g.steps[0] as DensityStep);
  const baseline = g.end?.baselineMemAvailableBytes ?? null;
  // Without a baseline the curve is "host memory in use": the same slope, another intercept.
  const used = (s: DensityStep): number => (baseline ?? memTotalBytes) - s.memAvailableBytes;
  const comparable = memorySteps(ok);
  const marginalSystem = linearFit(
    comparable.map((s) => s.running),
    comparable.map(used),
  );
  const withPss = ok.filter((s) => s.pssTotalBytes !== null);
  const marginalPss = linearFit(
    withPss.map((s) => s.running),
    withPss.map((s) => s.pssTotalBytes as number),
  );
  const timed = ok.filter((s) => s.startupMs !== null);
  const startupVsN = linearFit(
    timed.map((s) => s.running),
    timed.map((s) => s.startupMs as number),
  );
  // MemAvailable is the honest host-wide figure; when noise hides it, PSS is the next best.
  const systemSlope = marginalSystem !== null && marginalSystem.slope > 0 ? marginalSystem.slope : null;
  const pssSlope = marginalPss !== null && marginalPss.slope > 0 ? marginalPss.slope : null;
  const slope = systemSlope ?? pssSlope;
  const pssBytes = perMethod(ok, (m) => m.pssBytes);
  const insideBytes = perMethod(ok, (m) => m.insideBytes);
  const summary: DensitySummary = {
    ...runtimeIdentity(ref),
    instances: g.end?.instances ?? g.steps.reduce((n, s) => Math.max(n, s.running), 0),
    stopReason: g.end?.stopReason ?? 'interrupted',
    stopDetail: g.end?.stopDetail ?? 'the run ended before this runtime finished (no end record); teardown was not measured',
    perInstance: {
      pssBytes,
      rssBytes: perMethod(ok, (m) => m.rssBytes),
      cgroupBytes: perMethod(ok, (m) => m.cgroupBytes),
      insideBytes,
      configuredBytes: perMethod(ok, (m) => m.configuredBytes),
      systemBytes: median(systemDrops(g.steps, baseline)),
    },
    overheadBytes: pssBytes === null || insideBytes === null ? null : pssBytes - insideBytes,
    marginalSystem,
    marginalPss,
    costSlope: systemSlope !== null ? 'memAvailable' : pssSlope !== null ? 'pss' : null,
    instancesPerGiB: slope === null ? null : GIB / slope,
    projectedMax:
      slope === null || g.end === null ? null : Math.max(0, Math.floor((g.end.baselineMemAvailableBytes - g.end.reserveBytes) / slope)),
    startupVsN,
    teardownMs: g.end?.teardownMs ?? 0,
    harnessPeakRssBytes: g.steps.reduce<number | null>((peak, s) => Math.max(peak ?? 0, s.harnessRssBytes), null),
    harnessCpu: harnessCpu(g.steps, g.end),
    ksm: g.end?.ksm ?? null,
    settle: g.end?.settle ?? null,
  };
  const facts = { okSteps: ok.length, endRecorded: g.end !== null };
  return { summary, warnings: densityWarnings(summary, facts) };
}

function compareDensity(summaries: readonly DensitySummary[]): DensityComparison[] {
  const out: DensityComparison[] = [];
  for (const scenario of new Set(summaries.map((s) => s.scenario))) {
    const fitted = summaries.filter((s) => s.scenario === scenario && s.instancesPerGiB !== null);
    for (const vm of fitted.filter((s) => s.kind === 'vm')) {
      for (const ct of fitted.filter((s) => s.kind === 'container')) {
        const ratio = (ct.instancesPerGiB as number) / (vm.instancesPerGiB as number);
        if (Number.isFinite(ratio)) out.push({ scenario, vm: vm.runtime, container: ct.runtime, ratio });
      }
    }
  }
  return out;
}

/**
 * @param records every line of density.jsonl, in file order
 * @param memTotalBytes the host's MemTotal; stands in for the baseline of a runtime whose end
 *   record is missing (the slopes do not depend on it)
 */
export function summarizeDensity(records: readonly DensityRecord[], memTotalBytes: number): DensityResult {
  const described = groupRecords(records).map((g) => describeGroup(g, memTotalBytes));
  const density = described.map((d) => d.summary);
  return { density, densityComparisons: compareDensity(density), warnings: described.flatMap((d) => d.warnings) };
}

/** The Summary with the density figures and their warnings; unchanged when no density scenario ran. */
export function withDensity(summary: Summary, records: readonly DensityRecord[], memTotalBytes: number): Summary {
  if (records.length === 0) return { ...summary };
  const { density, densityComparisons, warnings } = summarizeDensity(records, memTotalBytes);
  return { ...summary, density, densityComparisons, warnings: [...summary.warnings, ...warnings] };
}
