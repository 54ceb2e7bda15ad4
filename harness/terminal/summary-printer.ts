/**
 * The terminal summary, hyperfine-style: per runtime the median ± spread and the range, the
 * warnings next to the numbers, then how many times faster the containers started than the VMs.
 */
import type { Summary, RuntimeSummary, EnvInfo } from '../results/format.js';
import { formatBytes, formatRatio } from './format.js';
import { formatDurationScaled } from '../format-duration.js';
import { harnessCpuFraction } from '../stats/harness-cpu.js';
import { formatPerformance } from './performance-printer.js';

function runtimeLabel(r: Pick<RuntimeSummary, 'runtime' | 'accel' | 'machine'>): string {
  return r.accel ? `${r.runtime} (${r.accel})` : r.runtime;
}

export function formatSummary(summary: Summary, env: EnvInfo | null): string {
  const lines: string[] = [];
  const scenarios = [...new Set(summary.runtimes.map((r) => r.scenario))];
  for (const scenario of scenarios) {
    lines.push('', `Scenario ${scenario}`);
    for (const r of summary.runtimes.filter((x) => x.scenario === scenario)) {
      const s = r.startup;
      lines.push(`  ${runtimeLabel(r)}`);
      if (s.n === 0) {
        lines.push(`    no successful sample (${s.failures} failed, ${s.timeouts} timed out)`);
        continue;
      }
      const ci = s.medianCi95 ? `   [95% CI ${formatDurationScaled(s.medianCi95[0])} … ${formatDurationScaled(s.medianCi95[1])}]` : '';
      lines.push(
        `    Startup  (median ± σ):  ${formatDurationScaled(s.median).padStart(9)} ± ${formatDurationScaled(s.sd).padEnd(9)}${ci}`,
      );
      lines.push(
        `    Range    (min … max):   ${formatDurationScaled(s.min).padStart(9)} … ${formatDurationScaled(s.max).padEnd(9)}   ${s.n} ok, ${s.failures} failed, ${s.timeouts} timed out`,
      );
      if (r.teardown.n > 0) lines.push(`    Teardown (median):      ${formatDurationScaled(r.teardown.median).padStart(9)}`);
      const phases = Object.entries(r.phases).map(([name, m]) => `${name} ${formatDurationScaled(m.median)}`);
      if (phases.length) lines.push(`    Phases   (medians):     ${phases.join(', ')}`);
    }
    const comparisons = summary.comparisons.filter((c) => c.scenario === scenario && c.metric === 'startup');
    if (comparisons.length) {
      lines.push('', '  Summary');
      for (const c of comparisons) {
        const vm = summary.runtimes.find((r) => r.scenario === scenario && r.runtime === c.vm);
        const ci = c.ci95 ? ` [95% CI ${formatRatio(c.ci95[0])} … ${formatRatio(c.ci95[1])}]` : '';
        lines.push(`    ${c.container} started ${formatRatio(c.ratio)} faster than ${vm ? runtimeLabel(vm) : c.vm}${ci}`);
      }
    }
  }
  lines.push(...formatPerformance(summary));
  lines.push(...formatDensity(summary));
  if (summary.warnings.length) {
    lines.push('', 'Warnings:');
    for (const w of summary.warnings) lines.push(`  ⚠ ${w.message}`);
  }
  if (env && summary.runtimes.length > 0) {
    const floor = env.harness.launchFloorMs;
    const delay = env.harness.eventLoopDelayP99Ms;
    const native = env.harness.launcher?.kind === 'native';
    const lean = env.harness.leanFloorMs ?? null;
    lines.push(
      '',
      `Harness: every startup includes its launch floor of ${formatDurationScaled(floor)} (launch → first byte of a static echo${lean === null ? '' : `; a lean C launcher: ${formatDurationScaled(lean)}`});` +
        (native
          ? " instances launched and timestamped by vmbench-launcher (native), so Node's event loop is outside every timed window"
          : ` launched by Node (${env.harness.launcher?.reason ?? 'no native launcher'}); event-loop delay p99 inside timed windows ${delay === null ? 'not sampled (all windows < 5 ms)' : formatDurationScaled(delay)}`) +
        '.',
    );
  }
  const cpu = env?.harness.cpu ?? null;
  const cpuFraction = cpu === null ? null : harnessCpuFraction(cpu);
  if (cpu !== null && cpuFraction !== null) {
    lines.push(
      '',
      `Harness over the whole run: CPU ${Math.round(cpuFraction * 100)} % of ${formatDurationScaled(cpu.wallMs)} (Node ${formatDurationScaled(cpu.nodeMs)}, launcher ${cpu.launcherMs === null ? 'not recorded' : formatDurationScaled(cpu.launcherMs)}); peak RSS ${env?.harness.peakRssBytes == null ? '—' : formatBytes(env.harness.peakRssBytes)}.`,
    );
  }
  if (env?.kvm && !env.kvm.bootOk && summary.runtimes.some((r) => r.accel === 'tcg')) {
    lines.push('', `Note: VMs ran under TCG software emulation, not KVM: ${env.kvm.reason ?? ''}`);
  }
  if (!summary.complete) lines.push('', 'Note: the run is INCOMPLETE (interrupted); the numbers cover what was measured.');
  return lines.join('\n');
}

const bytes = (b: number | null | undefined): string => (b === null || b === undefined ? '—' : formatBytes(b));

/** Per density runtime: how far it got, what one instance costs by each method, how many fit. */
function formatDensity(summary: Summary): string[] {
  const lines: string[] = [];
  for (const scenario of [...new Set((summary.density ?? []).map((d) => d.scenario))]) {
    lines.push('', `Density ${scenario}`);
    for (const d of (summary.density ?? []).filter((x) => x.scenario === scenario)) {
      const label = d.accel ? `${d.runtime} (${d.accel})` : d.runtime;
      const slope = d.marginalSystem
        ? `${bytes(d.marginalSystem.slope)}${d.marginalSystem.slopeStdErr !== null ? ` ± ${bytes(d.marginalSystem.slopeStdErr)}` : ''}`
        : '—';
      lines.push(`  ${label}: ${d.instances} instances (${d.stopDetail})`);
      lines.push(
        `    Per instance:   PSS ${bytes(d.perInstance.pssBytes)}, MemAvailable drop ${bytes(d.perInstance.systemBytes)}, inside ${bytes(d.perInstance.insideBytes)}${d.perInstance.cgroupBytes !== null ? `, cgroup ${bytes(d.perInstance.cgroupBytes)}` : ''}${d.perInstance.configuredBytes !== null ? ` (configured ${bytes(d.perInstance.configuredBytes)})` : ''}`,
      );
      lines.push(`    Marginal cost:  ${slope} per instance (host MemAvailable fit); PSS fit ${bytes(d.marginalPss?.slope)}`);
      lines.push(
        `    Fits:           ${d.instancesPerGiB === null ? '—' : d.instancesPerGiB >= 100 ? Math.round(d.instancesPerGiB) : d.instancesPerGiB.toPrecision(3)} per GiB, ~${d.projectedMax ?? '—'} on this host above the reserve; teardown of all ${formatDurationScaled(d.teardownMs)}`,
      );
      const cpu = d.harnessCpu ?? null;
      const cpuFraction = cpu === null ? null : harnessCpuFraction(cpu);
      if (cpu !== null && cpuFraction !== null)
        lines.push(
          `    Harness:        CPU ${Math.round(cpuFraction * 100)} % of the ${formatDurationScaled(cpu.wallMs)} launch loop (Node ${formatDurationScaled(cpu.nodeMs)}${cpu.launcherMs === null ? '' : `, launcher ${formatDurationScaled(cpu.launcherMs)}`}); peak RSS ${bytes(d.harnessPeakRssBytes)}`,
        );
      if (d.settle)
        lines.push(
          `    Before:         host memory ${d.settle.settled ? 'settled' : 'still moving'} after ${formatDurationScaled(d.settle.ms)} of waiting`,
        );
      if (d.ksm)
        lines.push(
          `    KSM:            summed PSS ${bytes(d.ksm.pssTotalBeforeBytes)} → ${bytes(d.ksm.pssTotalAfterBytes)}${d.ksm.settled ? '' : ' (not settled)'}`,
        );
    }
    for (const c of (summary.densityComparisons ?? []).filter((x) => x.scenario === scenario)) {
      lines.push(`  ${c.container}: ${formatRatio(c.ratio)} more instances per GiB than ${c.vm}`);
    }
  }
  return lines;
}
