/**
 * Empirical CDF of startup per runtime: for each time t, the fraction of successful launches that
 * were ready by t. Shows the whole distribution, tails included, and reads directly as
 * "90% of runc containers were up within X ms".
 */
import type { RunData } from '../report-input.js';
import { hasSeveralScenarios } from '../run-facts.js';
import { legendAndTooltip, valueScale } from './axes.js';
import { axis, baseOptions, emptyChart, type ChartSpec, type DatasetJson, type Json } from './chart-spec.js';
import { legendLabel } from './group-labels.js';
import { groupedMetricValues } from './metric-values.js';
import { runKey } from '../../harness/run-key.js';
import type { Palette } from './palette.js';
import { prefersLogScale } from './scale-choice.js';
import { thinRanks } from './thin-sorted.js';

/** Steps per line; more are indistinguishable at chart resolution. */
export const MAX_CDF_POINTS = 400;

export const STARTUP_CDF_ID = 'startup-cdf';

export function buildStartupCdfChart(run: RunData, palette: Palette, idPrefix = ''): ChartSpec {
  const id = idPrefix + STARTUP_CDF_ID;
  const title = 'Startup time, cumulative distribution';
  const valuesByGroup = groupedMetricValues(run, 'startup');
  const groups = run.summary.runtimes.filter((rs) => (valuesByGroup.get(runKey(rs.scenario, rs.runtime))?.length ?? 0) > 0);
  if (groups.length === 0) return emptyChart(id, title, 'No startup times were measured in this run.');

  const withScenario = hasSeveralScenarios(run);
  let thinnedAny = false;
  const extremes: number[] = [];
  const datasets: DatasetJson[] = groups.map((rs) => {
    const sorted = valuesByGroup.get(runKey(rs.scenario, rs.runtime)) as number[];
    const n = sorted.length;
    const { ranks, thinned } = thinRanks(n, MAX_CDF_POINTS);
    thinnedAny ||= thinned;
    extremes.push(sorted[0] as number, sorted[n - 1] as number);
    // (x, fraction ready by x); the leading (min, 0) makes the first step rise from zero.
    const points: Json[] = [{ x: sorted[0] as number, y: 0 }];
    for (const r of ranks) points.push({ x: sorted[r] as number, y: (r + 1) / n });
    const style = palette(rs.runtime, rs.kind);
    return {
      label: legendLabel(rs, withScenario),
      runtime: rs.runtime,
      kind: rs.kind,
      data: points,
      // Step-before: the curve stays at the previous fraction until the next launch's time.
      stepped: 'before',
      borderColor: style.color,
      // Transparent fill: the legend then shows the line's own dash pattern, not a solid block.
      backgroundColor: 'rgba(0, 0, 0, 0)',
      borderDash: style.borderDash,
      borderWidth: 2,
      pointRadius: 0,
      pointHoverRadius: 4,
      pointStyle: style.pointStyle,
      fill: false,
    };
  });

  const scale = valueScale('x', 'Startup time', 'ms', prefersLogScale(extremes), { linearFromZero: false });
  const subtitle = [
    'Fraction of successful launches that were ready within a given time (failed and timed-out launches excluded).',
    'VMs dashed, containers solid.',
    thinnedAny ? `Curves thinned for drawing to ${MAX_CDF_POINTS} steps per runtime (evenly spaced ranks, every drawn step exact).` : '',
  ]
    .filter((s) => s !== '')
    .join(' ');

  return {
    id,
    title,
    subtitle,
    valueAxis: 'x',
    valueUnit: 'ms',
    tooltip: 'cdf',
    scaleToggle: scale.toggle,
    emptyReason: null,
    config: {
      type: 'line',
      data: { datasets },
      options: {
        ...baseOptions(),
        parsing: false,
        normalized: true,
        scales: {
          x: scale.axis,
          y: axis('linear', 'Launches ready (cumulative fraction)', { min: 0, max: 1 }),
        },
        plugins: legendAndTooltip({ tooltip: { mode: 'nearest', intersect: false } }),
      },
    },
  };
}
