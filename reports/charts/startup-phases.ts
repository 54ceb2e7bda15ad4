/**
 * Where startup time goes: the median of each phase, stacked, one bar per runtime. VM boot
 * (QEMU, firmware, kernel, init) and container setup are separate charts because their scales
 * differ by orders of magnitude and their phases are different things.
 */
import type { InstanceKind, RuntimeSummary } from '../../harness/results/format.js';
import type { RunData } from '../report-input.js';
import { hasSeveralScenarios } from '../run-facts.js';
import { legendAndTooltip, runtimeAxis } from './axes.js';
import { axis, baseOptions, emptyChart, type ChartSpec, type DatasetJson } from './chart-spec.js';
import { categoryLabel } from './group-labels.js';
import { phaseColor, phaseLabel } from './phase-names.js';

export function phasesChartId(kind: InstanceKind): string {
  return kind === 'vm' ? 'vm-boot-phases' : 'container-startup-phases';
}

/** Phase names in the order the samples record them (first seen first). */
function orderedPhaseNames(run: RunData, kind: InstanceKind): string[] {
  const names: string[] = [];
  for (const s of run.samples) {
    if (s.kind !== kind) continue;
    for (const p of s.phases) if (!names.includes(p.name)) names.push(p.name);
  }
  return names;
}

export function buildPhasesChart(run: RunData, kind: InstanceKind, idPrefix = ''): ChartSpec {
  const id = idPrefix + phasesChartId(kind);
  const title = kind === 'vm' ? 'VM boot phases (medians)' : 'Container startup phases (medians)';
  const groups: RuntimeSummary[] = run.summary.runtimes.filter(
    (rs) => rs.kind === kind && Object.values(rs.phases).some((m) => m.median !== null),
  );
  const names = orderedPhaseNames(run, kind).filter((name) => groups.some((rs) => rs.phases[name]?.median != null));
  if (groups.length === 0 || names.length === 0) {
    return emptyChart(id, title, `No ${kind === 'vm' ? 'VM' : 'container'} phase times were recorded in this run.`);
  }
  const withScenario = hasSeveralScenarios(run);
  const datasets: DatasetJson[] = names.map((name, i) => ({
    label: phaseLabel(name),
    phase: name,
    data: groups.map((rs) => rs.phases[name]?.median ?? null),
    backgroundColor: phaseColor(i),
    borderColor: '#ffffff',
    borderWidth: 1,
  }));
  // The startup median per bar, for the tooltip footer: a sum of medians is not the median of sums.
  const startupMedians = groups.map((rs) => rs.startup.median);
  return {
    id,
    title,
    subtitle:
      'Median of each phase over successful launches, stacked. A stack is a sum of medians, which can differ from the median startup (given in the tooltip). Times are host monotonic time, or the guest clock for VM phases.',
    valueAxis: 'x',
    valueUnit: 'ms',
    tooltip: 'bar',
    scaleToggle: null,
    emptyReason: null,
    config: {
      type: 'bar',
      data: { labels: groups.map((rs) => categoryLabel(rs, withScenario)), datasets },
      options: {
        ...baseOptions(),
        indexAxis: 'y',
        startupMedians,
        scales: {
          x: axis('linear', 'Median phase duration (ms)', { stacked: true, beginAtZero: true }),
          y: runtimeAxis(withScenario, { stacked: true }),
        },
        plugins: legendAndTooltip({ tooltip: { mode: 'index', intersect: true } }),
      },
    },
  };
}
