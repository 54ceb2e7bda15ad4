/**
 * What a reader must know before trusting the numbers, derived from the run's own data (never
 * from assumptions about the machine): software emulation instead of KVM, an unfinished run,
 * failures, a busy host, a harness whose timer jitter is comparable to what it measures.
 */
import { percentile } from '../harness/stats/percentile.js';
import { densityGroups, okSteps } from './density-facts.js';
import { formatDurationMs } from '../harness/format-duration.js';
import { classifyHostVirtualization } from './host-virtualization.js';
import type { RunData } from './report-input.js';
import { probeScenarios } from './isolation-facts.js';
import { unsuccessfulSamples } from './run-facts.js';
import { hostDifferences } from '../harness/compare/host-differences.js';

export interface Caveat {
  severity: 'warning' | 'info';
  text: string;
}

/** Event-loop delay above this share of the fastest median makes that median questionable. */
export const EVENT_LOOP_SHARE = 0.1;
/** 1-minute load average per core above which the host counts as busy at start. */
export const BUSY_LOAD_PER_CORE = 0.5;
/** Fewer successful samples than this per runtime gives wide intervals. */
export const FEW_SAMPLES = 10;

function list(names: Iterable<string>): string {
  return [...new Set(names)].join(', ');
}

function tcgCaveat(run: RunData): Caveat | null {
  const densityTcg = densityGroups(run).filter((g) => g.kind === 'vm' && g.accel === 'tcg');
  const tcg = [...run.samples.filter((s) => s.kind === 'vm' && s.accel === 'tcg'), ...densityTcg];
  if (tcg.length === 0) return null;
  const { kvm } = run.env;
  const because = !kvm.devicePresent
    ? 'because /dev/kvm is not usable here'
    : !kvm.bootOk
      ? 'because KVM did not boot a guest here'
      : 'although a KVM probe guest did boot here (the scenario or the user chose TCG)';
  return {
    severity: 'warning',
    text:
      `VMs (${list(tcg.map((s) => s.runtime))}) ran under TCG software emulation ${because} (reason: ${kvm.reason ?? 'not recorded'}): VM times are not what KVM gives.` +
      (densityTcg.length > 0 ? " Their memory includes QEMU's translated-code buffer, which a KVM guest does not have." : ''),
  };
}

function hostCaveat(run: RunData): Caveat | null {
  const virt = run.env.hostVirtualization;
  switch (classifyHostVirtualization(virt)) {
    case 'virtual machine': {
      const modules = run.env.kvm.modules.length > 0 ? ` (KVM modules on this host: ${run.env.kvm.modules.join(', ')})` : '';
      return {
        severity: 'info',
        text: `This host is itself a virtual machine (${virt}): the containers ran inside a VM, and the VMs ran nested inside it${modules}.`,
      };
    }
    case 'container':
      return { severity: 'warning', text: `This host is itself a container (${virt}): the "containers" ran nested inside it.` };
    case 'unknown':
      return { severity: 'info', text: 'Whether this host is itself virtualized could not be determined.' };
    case 'bare metal':
      return null;
  }
}

function failureCaveat(run: RunData): Caveat | null {
  const bad = unsuccessfulSamples(run);
  if (bad.length === 0) return null;
  const failed = bad.filter((s) => s.outcome === 'failed').length;
  const timedOut = bad.length - failed;
  return {
    severity: 'warning',
    text: `${bad.length} of ${run.samples.length} launches did not reach ready (${failed} failed, ${timedOut} timed out); they are excluded from the statistics. Every one is listed under Failures.`,
  };
}

/** Median startup of each runtime: the startup summaries, and the launches of the density runs. */
function startupMedians(run: RunData): Array<{ runtime: string; median: number }> {
  const out: Array<{ runtime: string; median: number }> = [];
  for (const r of run.summary.runtimes) if (r.startup.median !== null) out.push({ runtime: r.runtime, median: r.startup.median });
  for (const g of densityGroups(run)) {
    const times = okSteps(g).flatMap((s) => (s.startupMs === null ? [] : [s.startupMs]));
    if (times.length > 0) out.push({ runtime: `${g.runtime} in density runs`, median: percentile(times, 50) });
  }
  return out.filter((x) => x.median > 0);
}

function timerCaveat(run: RunData): Caveat | null {
  // The native launcher takes its timestamps itself: a late event loop delays no timestamp.
  if (run.env.harness.launcher?.kind === 'native') return null;
  const delay = run.env.harness.eventLoopDelayP99Ms;
  const medians = startupMedians(run);
  if (delay === null || medians.length === 0) return null;
  const fastest = medians.reduce((a, b) => (b.median < a.median ? b : a));
  if (delay < EVENT_LOOP_SHARE * fastest.median) return null;
  return {
    severity: 'warning',
    text: `The harness's event-loop delay reached ${formatDurationMs(delay)} (p99) while measuring, ${Math.round((100 * delay) / fastest.median)}% of the fastest median startup (${fastest.runtime}, ${formatDurationMs(fastest.median)}): timestamps of the fastest runtimes can be late by that much.`,
  };
}

/** Every startup includes the harness's own spawn cost; say how much of the fastest it is. */
function launchFloorCaveat(run: RunData): Caveat | null {
  const floor = run.env.harness.launchFloorMs ?? null;
  const medians = startupMedians(run);
  if (floor === null || medians.length === 0) return null;
  const fastest = medians.reduce((a, b) => (b.median < a.median ? b : a));
  return {
    severity: floor >= 0.1 * fastest.median ? 'warning' : 'info',
    text: `Every startup includes the harness's own launch floor of ${formatDurationMs(floor)} (launch → first output byte of a static echo, ${launcherWords(run)}${leanWords(run)}), ${Math.round((100 * floor) / fastest.median)}% of the fastest median startup (${fastest.runtime}, ${formatDurationMs(fastest.median)}). Ratios against the fastest runtimes are understated by about that much.`,
  };
}

function launcherWords(run: RunData): string {
  const launcher = run.env.harness.launcher;
  if (launcher?.kind === 'native') return 'spawned and timestamped by the native vmbench-launcher';
  return `spawned by Node's child_process${launcher?.reason ? `: ${launcher.reason}` : ''}`;
}

function leanWords(run: RunData): string {
  const lean = run.env.harness.leanFloorMs ?? null;
  return lean === null ? '' : `; a lean C launcher's floor on this host: ${formatDurationMs(lean)}`;
}

function loadCaveat(run: RunData): Caveat | null {
  const load = run.env.loadAvgAtStart[0];
  if (run.env.cores <= 0 || load / run.env.cores <= BUSY_LOAD_PER_CORE) return null;
  return {
    severity: 'warning',
    text: `The host was not idle when the run started: 1-minute load average ${load.toFixed(2)} on ${run.env.cores} cores. Other work may have slowed some launches.`,
  };
}

function incompleteCaveat(run: RunData): Caveat | null {
  if (run.meta.status === 'complete' && run.summary.complete) return null;
  return {
    severity: 'warning',
    text: `The run did not complete (status: ${run.meta.status}): the numbers cover only the ${run.samples.length} launches recorded before it stopped.`,
  };
}

function skippedCaveat(run: RunData): Caveat | null {
  // Older run.json files predate the field: treat them as having skipped nothing.
  const skipped = run.meta.skipped ?? [];
  if (skipped.length === 0) return null;
  return {
    severity: 'warning',
    text: `Not run on this host: ${skipped.map((s) => `${s.workload === undefined ? s.runtime : `workload ${s.workload}`} in ${s.scenario} (${s.reason})`).join('; ')}. They are missing from every table and chart.`,
  };
}

function fewSamplesCaveat(run: RunData): Caveat | null {
  // Probe scenarios launch each runtime once on purpose (facts, not timings).
  const probeOnly = probeScenarios(run);
  const few = run.summary.runtimes.filter((r) => r.startup.n > 0 && r.startup.n < FEW_SAMPLES && !probeOnly.has(r.scenario));
  if (few.length === 0) return null;
  return {
    severity: 'info',
    text: `${list(few.map((r) => `${r.runtime} (n = ${r.startup.n})`))}: fewer than ${FEW_SAMPLES} successful launches, so intervals are wide and verdicts weak.`,
  };
}

export function deriveCaveats(run: RunData): Caveat[] {
  return [
    incompleteCaveat(run),
    tcgCaveat(run),
    failureCaveat(run),
    skippedCaveat(run),
    timerCaveat(run),
    launchFloorCaveat(run),
    loadCaveat(run),
    fewSamplesCaveat(run),
    hostCaveat(run),
  ].filter((c): c is Caveat => c !== null);
}

/** Comparison reports: differences between the runs' machines that can explain a "change". */
export function crossRunCaveats(runs: readonly RunData[]): Caveat[] {
  const [base, ...others] = runs;
  if (base === undefined) return [];
  // The same list `vmbench compare` names first (harness/compare/host-differences.ts).
  return others.flatMap((other) =>
    hostDifferences([base], [other]).map((d) => ({
      severity: 'warning' as const,
      text: `The runs differ in ${d.what}: ${base.meta.runId}: ${d.base}; ${other.meta.runId}: ${d.other}. A change between them may come from that, not from the software under test.`,
    })),
  );
}
