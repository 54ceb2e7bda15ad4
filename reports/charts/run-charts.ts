/** Every chart of one run, in page order: the startup charts, then the memory and density charts. */
import { hasDensity } from '../density-facts.js';
import type { RunData } from '../report-input.js';
import type { ChartSpec } from './chart-spec.js';
import { buildDistributionChart } from './distribution-chart.js';
import { buildKsmEffectChart } from './ksm-effect.js';
import { buildMemoryByMethodChart } from './memory-by-method.js';
import { buildMemoryVsInstancesChart } from './memory-vs-instances.js';
import type { Palette } from './palette.js';
import { buildStartupCdfChart } from './startup-cdf.js';
import { buildPhasesChart } from './startup-phases.js';
import { buildStartupVsInstancesChart } from './startup-vs-instances.js';

export function buildRunCharts(run: RunData, palette: Palette, idPrefix = ''): ChartSpec[] {
  return [
    buildDistributionChart(run, 'startup', palette, idPrefix),
    buildStartupCdfChart(run, palette, idPrefix),
    buildDistributionChart(run, 'teardown', palette, idPrefix),
    buildPhasesChart(run, 'vm', idPrefix),
    buildPhasesChart(run, 'container', idPrefix),
  ];
}

/** The charts of the "Memory and density" section; none when the run has no density data. */
export function buildDensityCharts(run: RunData, palette: Palette, idPrefix = ''): ChartSpec[] {
  if (!hasDensity(run)) return [];
  const ksm = buildKsmEffectChart(run, palette, idPrefix);
  return [
    buildMemoryVsInstancesChart(run, 'system', palette, idPrefix),
    buildMemoryVsInstancesChart(run, 'pss', palette, idPrefix),
    buildStartupVsInstancesChart(run, palette, idPrefix),
    // Next to the KSM chart when there is one, else across the page.
    buildMemoryByMethodChart(run, palette, idPrefix, ksm === null ? 'full' : 'half'),
    ...(ksm === null ? [] : [ksm]),
  ];
}
