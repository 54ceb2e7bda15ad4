/**
 * Memory against instances running, every runtime of the density scenarios on one chart: each
 * step of density.jsonl is a point, and the harness's straight-line fit (summary.json) is drawn
 * over it, so the slope (what one more instance costs) can be checked by eye. Two curves:
 * 'system', host memory used (baseline MemAvailable − MemAvailable at the step), and 'pss', the
 * summed PSS of all instances (read every few steps only).
 */
import type { DensityStep, LinearFit } from '../../harness/results/format.js';
import { densityGroups, densityScenarios, MIB, okSteps, type DensityGroup } from '../density-facts.js';
import { formatFigure, formatWithError } from '../format-numbers.js';
import type { RunData } from '../report-input.js';
import { instancesScatterChart } from './chart-shapes.js';
import { emptyChart, type ChartSpec, type DatasetJson, type Json } from './chart-spec.js';
import { legendLabel } from './group-labels.js';
import { translucent, type Palette } from './palette.js';
import { prefersLogScale } from './scale-choice.js';
import { memorySteps } from '../../harness/stats/summarize-density.js';

export type MemoryCurve = 'system' | 'pss';

/** Points per fit line: enough that the straight line stays a smooth curve on a log axis. */
export const FIT_LINE_POINTS = 32;

const IDS: Record<MemoryCurve, string> = { system: 'density-memory', pss: 'density-pss' };
const TITLES: Record<MemoryCurve, string> = {
  system: 'Host memory used vs instances running',
  pss: 'Summed PSS vs instances running',
};
const AXIS_NAMES: Record<MemoryCurve, string> = { system: 'Host memory used', pss: 'Summed PSS of all instances' };

export function memoryCurveChartId(curve: MemoryCurve): string {
  return IDS[curve];
}

interface Point {
  x: number;
  bytes: number;
}

function pointsOf(g: DensityGroup, curve: MemoryCurve): Point[] | null {
  const ok = okSteps(g);
  if (curve === 'pss') {
    return ok.filter((s) => s.pssTotalBytes !== null).map((s) => ({ x: s.running, bytes: s.pssTotalBytes as number }));
  }
  // Without the baseline (no end record) "used" has no zero: such a runtime is left out, and said so.
  const baseline = g.end?.baselineMemAvailableBytes ?? null;
  if (baseline === null) return ok.length === 0 ? [] : null;
  // Only the steps read after a page-cache drop: large runs drop it at a sample of steps.
  return memorySteps(ok).map((s: DensityStep) => ({ x: s.running, bytes: baseline - s.memAvailableBytes }));
}

/** The fit y = intercept + slope·x sampled across the measured x range, in MiB. */
export function fitLine(fit: LinearFit, xMin: number, xMax: number): Array<{ x: number; y: number }> {
  const steps = Math.min(FIT_LINE_POINTS - 1, Math.max(1, Math.round(xMax - xMin) * 4));
  const line: Array<{ x: number; y: number }> = [];
  for (let i = 0; i <= steps; i++) {
    const x = xMin + ((xMax - xMin) * i) / steps;
    line.push({ x, y: (fit.intercept + fit.slope * x) / MIB });
  }
  return line;
}

export function describeFit(fit: LinearFit, perWhat: string): string {
  const slope = formatWithError(fit.slope / MIB, fit.slopeStdErr === null ? null : fit.slopeStdErr / MIB, `MiB per ${perWhat}`);
  return `straight-line fit: ${slope}, intercept ${formatFigure(fit.intercept / MIB)} MiB, r² ${formatFigure(fit.r2)} (n = ${fit.n})`;
}

export function buildMemoryVsInstancesChart(run: RunData, curve: MemoryCurve, palette: Palette, idPrefix = ''): ChartSpec {
  const id = idPrefix + memoryCurveChartId(curve);
  const title = TITLES[curve];
  const withScenario = densityScenarios(run).length > 1;
  const datasets: DatasetJson[] = [];
  const values: number[] = [];
  const noBaseline: string[] = [];
  let nonPositive = false;
  for (const g of densityGroups(run)) {
    const points = pointsOf(g, curve);
    if (points === null) {
      noBaseline.push(g.runtime);
      continue;
    }
    if (points.length === 0) continue;
    const style = palette(g.runtime, g.kind);
    const label = legendLabel(g, withScenario);
    for (const p of points) {
      values.push(p.bytes / MIB);
      if (p.bytes <= 0) nonPositive = true;
    }
    datasets.push({
      label,
      runtime: g.runtime,
      kind: g.kind,
      data: points.map((p): Json => ({ x: p.x, y: p.bytes / MIB, b: p.bytes })),
      showLine: false,
      pointStyle: style.pointStyle,
      pointRadius: g.kind === 'vm' ? 5 : 3.5,
      pointHoverRadius: 7,
      pointHitRadius: 4,
      // Points at the edge of the plot area are drawn whole rather than cut in half.
      clip: 8,
      backgroundColor: translucent(style.color, 0.55),
      borderColor: style.color,
      borderWidth: 1,
    });
    const fit = curve === 'system' ? (g.summary?.marginalSystem ?? null) : (g.summary?.marginalPss ?? null);
    if (fit !== null) {
      const xs = points.map((p) => p.x);
      datasets.push({
        label: `${g.runtime} fit: ${formatWithError(fit.slope / MIB, null, 'MiB')} per instance`,
        runtime: g.runtime,
        kind: g.kind,
        fit: true,
        note: `${g.runtime} ${describeFit(fit, 'instance')}`,
        data: fitLine(fit, Math.min(...xs), Math.max(...xs)),
        showLine: true,
        fill: false,
        borderColor: style.color,
        backgroundColor: style.color,
        borderDash: style.borderDash,
        borderWidth: 1.5,
        pointStyle: 'line',
        pointRadius: 0,
        pointHoverRadius: 0,
        pointHitRadius: 2,
      });
    }
  }
  if (datasets.length === 0) {
    const why =
      curve === 'pss'
        ? 'No step of the density runs recorded the summed PSS of its instances.'
        : noBaseline.length > 0
          ? `No density runtime recorded its baseline MemAvailable (no end record: ${noBaseline.join(', ')}), so memory used cannot be drawn.`
          : 'No instance of the density runs became ready.';
    return emptyChart(id, title, why);
  }

  // Straight lines stay straight on a linear axis, and a log axis would hide points at or below
  // zero (MemAvailable noise): log only when the spread needs it and no point would vanish.
  const log = prefersLogScale(values) && !nonPositive;
  const subtitle = [
    curve === 'system'
      ? 'Each point is one step of the density run: baseline MemAvailable (before the first launch, page cache dropped) minus MemAvailable with that many instances running. It includes everything the host paid, kernel and noise from other processes included.'
      : 'Each point is the PSS of every running instance, summed; it is read every few steps only (reading it costs time proportional to N).',
    'Lines: the harness’s straight-line fit; its slope is the marginal cost of one more instance (see the table). VMs are diamonds and dashed, containers circles and solid.',
    nonPositive ? 'Points at or below zero (MemAvailable rose: noise) vanish on the log scale.' : '',
    noBaseline.length > 0 ? `Not drawn (no baseline recorded): ${noBaseline.join(', ')}.` : '',
  ]
    .filter((s) => s !== '')
    .join(' ');

  return instancesScatterChart({
    id,
    title,
    subtitle,
    width: curve === 'system' ? 'full' : 'half',
    valueName: AXIS_NAMES[curve],
    valueUnit: 'MiB',
    log,
    datasets,
  });
}
