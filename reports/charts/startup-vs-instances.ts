/**
 * Startup time of each new instance against how many are already running (the curve LightVM
 * draws): flat means the host has room; rising means every running instance slows the next one
 * down (CPU for idle guests under TCG, memory pressure, runtime bookkeeping). One line per runtime.
 */
import { densityGroups, densityScenarios, okSteps } from '../density-facts.js';
import { formatWithError } from '../format-numbers.js';
import type { RunData } from '../report-input.js';
import { instancesScatterChart } from './chart-shapes.js';
import { emptyChart, type ChartSpec, type DatasetJson, type Json } from './chart-spec.js';
import { legendLabel } from './group-labels.js';
import { translucent, type Palette } from './palette.js';
import { prefersLogScale } from './scale-choice.js';

export const STARTUP_VS_INSTANCES_ID = 'density-startup';

export function buildStartupVsInstancesChart(run: RunData, palette: Palette, idPrefix = ''): ChartSpec {
  const id = idPrefix + STARTUP_VS_INSTANCES_ID;
  const title = 'Startup time vs instances running';
  const withScenario = densityScenarios(run).length > 1;
  const values: number[] = [];
  const datasets: DatasetJson[] = [];
  for (const g of densityGroups(run)) {
    const timed = okSteps(g).filter((s) => s.startupMs !== null);
    if (timed.length === 0) continue;
    const style = palette(g.runtime, g.kind);
    const fit = g.summary?.startupVsN ?? null;
    const slope = fit === null ? '' : `, ${formatWithError(fit.slope, null, 'ms')} per running instance`;
    for (const s of timed) values.push(s.startupMs as number);
    datasets.push({
      label: `${legendLabel(g, withScenario)}${slope}`,
      runtime: g.runtime,
      kind: g.kind,
      data: timed.map((s): Json => ({ x: s.running, y: s.startupMs as number })),
      showLine: true,
      fill: false,
      borderColor: style.color,
      backgroundColor: translucent(style.color, 0.55),
      borderDash: style.borderDash,
      borderWidth: 1.5,
      pointStyle: style.pointStyle,
      pointRadius: g.kind === 'vm' ? 4.5 : 3,
      pointHoverRadius: 6,
      pointHitRadius: 4,
      clip: 8,
    });
  }
  if (datasets.length === 0) return emptyChart(id, title, 'No instance of the density runs recorded a startup time.');
  return instancesScatterChart({
    id,
    title,
    subtitle:
      'Each point is one launch of the density run, at the number of instances running once it was ready (itself included). Failed launches are left out. The legend gives the slope of the harness’s straight-line fit.',
    width: 'half',
    valueName: 'Startup time of the new instance',
    valueUnit: 'ms',
    // Startup times of VMs and containers differ by orders of magnitude: log unless they do not.
    log: prefersLogScale(values),
    datasets,
  });
}
