/** Every chart of one run, in page order. */
import type { RunData } from '../report-input.js';
import type { ChartSpec } from './chart-spec.js';
import { buildDistributionChart } from './distribution-chart.js';
import type { Palette } from './palette.js';
import { buildStartupCdfChart } from './startup-cdf.js';
import { buildPhasesChart } from './startup-phases.js';

export function buildRunCharts(run: RunData, palette: Palette, idPrefix = ''): ChartSpec[] {
  return [
    buildDistributionChart(run, 'startup', palette, idPrefix),
    buildStartupCdfChart(run, palette, idPrefix),
    buildDistributionChart(run, 'teardown', palette, idPrefix),
    buildPhasesChart(run, 'vm', idPrefix),
    buildPhasesChart(run, 'container', idPrefix),
  ];
}
