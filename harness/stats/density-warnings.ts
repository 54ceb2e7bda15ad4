/**
 * Plain-English warnings next to the density figures, like warnings.ts does for timings: say
 * when a runtime stopped for another reason than memory, and when a slope should not be trusted.
 */
import type { DensitySummary, LinearFit, Warning } from '../results/format.js';
import { warning } from './warning.js';
import { formatDurationBrief, formatDurationScaled } from '../format-duration.js';
import { harnessCpuFraction } from './harness-cpu.js';

/** Below this r² "memory per instance" is not one number: the fit is only a rough figure. */
export const LINEAR_R2_THRESHOLD = 0.8;
/** The harness's own RSS above this distorts the host-wide MemAvailable figures. */
export const HARNESS_RSS_WARN_BYTES = 150 * 2 ** 20;
/**
 * Above this share of the launch loop's wall time the harness's own CPU (its bookkeeping between
 * launches, reading the instances' output during them) is a real part of the host's load, on
 * the 2 cores of the reference machine most of all: issue 14's bound.
 */
export const HARNESS_CPU_WARN_FRACTION = 0.2;
/** Fewer ready instances than this give a slope without an error estimate worth the name. */
const MIN_FIT_N = 3;

/** What the summary alone does not say about how it was computed. */
export interface DensityFacts {
  okSteps: number;
  endRecorded: boolean;
}

function mib(bytes: number): string {
  return `${Math.round(bytes / 2 ** 20)} MiB`;
}

function stopWarning(label: string, s: DensitySummary): Warning | null {
  if (s.stopReason === 'failures') {
    return warning(
      s,
      null,
      'density-stop',
      `${label}: stopped after ${s.instances} instances because launches kept failing (${s.stopDetail}); the figures cover only the instances that ran. See the error field of those steps in density.jsonl.`,
    );
  }
  if (s.stopReason === 'startup-limit') {
    return warning(
      s,
      null,
      'density-stop',
      `${label}: stopped after ${s.instances} instances because startup became too slow (${s.stopDetail}); the host ran short of CPU before memory, so the projected maximum counts memory only.`,
    );
  }
  return null;
}

function fitWarning(s: DensitySummary, label: string, what: string, metric: string, fit: LinearFit | null): Warning | null {
  if (fit === null || fit.slope <= 0 || fit.r2 === null || fit.n < MIN_FIT_N || fit.r2 >= LINEAR_R2_THRESHOLD) return null;
  return warning(
    s,
    metric,
    'nonlinear',
    `${label}: ${what} vs instances running is far from a straight line (r² = ${fit.r2.toFixed(2)}): memory per instance is not linear in N here; the slope is a rough figure.`,
  );
}

/** Every warning for one (scenario, runtime) of a density run, most fundamental first. */
export function densityWarnings(s: DensitySummary, facts: DensityFacts): Warning[] {
  const label = `${s.scenario}/${s.runtime}`;
  const out: Warning[] = [];
  if (!facts.endRecorded) {
    out.push(
      warning(
        s,
        null,
        'density-unfinished',
        `${label}: the density run ended before this runtime finished (no end record in density.jsonl: was the harness killed?); the figures cover the steps written and no teardown was measured.`,
      ),
    );
  }
  const stop = stopWarning(label, s);
  if (stop !== null) out.push(stop);
  if (facts.okSteps === 0) {
    out.push(warning(s, null, 'no-ready', `${label}: no instance became ready, so there are no density figures for it.`));
  } else if (facts.okSteps < MIN_FIT_N) {
    out.push(
      warning(
        s,
        null,
        'few-ready',
        `${label}: only ${facts.okSteps} ready ${facts.okSteps === 1 ? 'instance' : 'instances'}, too few for a per-instance slope. Raise density.max (or this runtime's maxPerRuntime).`,
      ),
    );
  }
  if (s.marginalSystem !== null && s.marginalSystem.slope <= 0) {
    const fallback = s.costSlope === 'pss' ? ' Instances per GiB and the projected maximum come from the summed-PSS slope instead.' : '';
    out.push(
      warning(
        s,
        'memAvailable',
        'memavailable-flat',
        `${label}: host MemAvailable did not fall as instances were added: noise from other processes dominates; use the PSS figures.${fallback}`,
      ),
    );
  }
  for (const w of [
    fitWarning(s, label, 'host memory used', 'memAvailable', s.marginalSystem),
    fitWarning(s, label, 'summed PSS', 'pss', s.marginalPss),
  ]) {
    if (w !== null) out.push(w);
  }
  if (s.harnessPeakRssBytes !== null && s.harnessPeakRssBytes > HARNESS_RSS_WARN_BYTES) {
    out.push(
      warning(
        s,
        null,
        'harness-rss',
        `${label}: the harness itself reached ${mib(s.harnessPeakRssBytes)} RSS during this density run; its own growth is part of the MemAvailable figures.`,
      ),
    );
  }
  const cpu = s.harnessCpu ?? null;
  const cpuFraction = cpu === null ? null : harnessCpuFraction(cpu);
  if (cpu !== null && cpuFraction !== null && cpuFraction > HARNESS_CPU_WARN_FRACTION) {
    const launcher = cpu.launcherMs === null ? '' : ` + launcher ${formatDurationScaled(cpu.launcherMs)}`;
    out.push(
      warning(
        s,
        null,
        'harness-cpu',
        `${label}: the harness's own CPU time (Node ${formatDurationScaled(cpu.nodeMs)}${launcher}) was ${Math.round(cpuFraction * 100)} % of the launch loop's ${formatDurationScaled(cpu.wallMs)}: it shares the host's cores with the instances it starts, so the startup figures may include some of that contention.`,
      ),
    );
  }
  if (s.settle && !s.settle.settled) {
    out.push(
      warning(
        s,
        'memAvailable',
        'memory-unsettled',
        `${label}: host MemAvailable was still moving (${mib(s.settle.lastDriftBytes)} in the last second) after waiting ${formatDurationBrief(s.settle.ms)} before the first launch; the MemAvailable slope may be off, the PSS figures are not affected.`,
      ),
    );
  }
  if (s.ksm !== null && !s.ksm.settled) {
    out.push(
      warning(
        s,
        'ksm',
        'ksm-unsettled',
        `${label}: KSM had not settled after ${formatDurationBrief(s.ksm.waitedMs)} (pages were still being merged); the after-KSM figures understate what it saves. Raise density.ksmTimeout.`,
      ),
    );
  }
  return out;
}
