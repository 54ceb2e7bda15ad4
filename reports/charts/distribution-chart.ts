/**
 * Startup or teardown distribution per runtime: a box plot with every launch drawn as a point
 * over it (a mean or a bar would hide spread, bimodality and outliers).
 */
import type { RunData } from '../report-input.js';
import { hasSeveralScenarios } from '../run-facts.js';
import { formatCount } from '../format-numbers.js';
import { boxFromSorted, type BoxJson } from './box-stats.js';
import { boxPlotChart } from './chart-shapes.js';
import { emptyChart, type ChartSpec, type DatasetJson } from './chart-spec.js';
import { boxWithPointsStyle } from './dataset-style.js';
import { categoryLabel, legendLabel } from './group-labels.js';
import { groupedMetricValues, type Metric } from './metric-values.js';
import { runKey } from '../../harness/run-key.js';
import { translucent, type Palette } from './palette.js';
import { prefersLogScale } from './scale-choice.js';

/** Drawing more points than this per runtime costs time without showing anything new. */
export const MAX_POINTS_PER_BOX = 500;

const TITLES: Record<Metric, string> = { startup: 'Startup time', teardown: 'Teardown time' };

export function distributionChartId(metric: Metric): string {
  return `${metric}-distribution`;
}

export function buildDistributionChart(run: RunData, metric: Metric, palette: Palette, idPrefix = ''): ChartSpec {
  const id = idPrefix + distributionChartId(metric);
  const title = `${TITLES[metric]} distribution per runtime`;
  const valuesByGroup = groupedMetricValues(run, metric);
  const groups = run.summary.runtimes.filter((rs) => (valuesByGroup.get(runKey(rs.scenario, rs.runtime))?.length ?? 0) > 0);
  if (groups.length === 0) return emptyChart(id, title, `No ${metric} times were measured in this run.`);

  const withScenario = hasSeveralScenarios(run);
  let thinnedAny = false;
  let largestN = 0;
  // One dataset per runtime, each with a value only at its own category, drawn ungrouped: every box
  // sits centred on its own tick, and the legend still names and colors each runtime.
  const datasets: DatasetJson[] = groups.map((rs, index) => {
    const sorted = valuesByGroup.get(runKey(rs.scenario, rs.runtime)) as number[];
    const { box, thinned } = boxFromSorted(sorted, MAX_POINTS_PER_BOX);
    thinnedAny ||= thinned;
    largestN = Math.max(largestN, sorted.length);
    const style = palette(rs.runtime, rs.kind);
    const data: (BoxJson | null)[] = groups.map((_, i) => (i === index ? box : null));
    return {
      label: legendLabel(rs, withScenario),
      runtime: rs.runtime,
      kind: rs.kind,
      data,
      ...boxWithPointsStyle(style.color, style.fill, {
        radius: box.items.length > 200 ? 1.6 : 2.6,
        style: style.pointStyle,
        fill: translucent(style.color, 0.55),
        borderWidth: 0.6,
      }),
      // Datasets overlap per category instead of sitting side by side (see the comment above).
      grouped: false,
      barPercentage: 0.6,
      categoryPercentage: 0.9,
    };
  });

  const log = prefersLogScale(
    groups.flatMap((rs) => {
      const v = valuesByGroup.get(runKey(rs.scenario, rs.runtime)) as number[];
      return [v[0] as number, v[v.length - 1] as number];
    }),
  );
  const subtitle = [
    'Box: quartiles; line in the box: median; whiskers: furthest launch within 1.5 × IQR.',
    'Each point is one successful launch (failed and timed-out launches are excluded, see Failures). VMs are diamonds, containers circles.',
    thinnedAny
      ? `Points thinned for drawing: at most ${MAX_POINTS_PER_BOX} of up to ${formatCount(largestN)} launches per runtime are drawn (evenly spaced ranks, fastest and slowest kept); boxes, whiskers and every number use all launches.`
      : '',
  ]
    .filter((s) => s !== '')
    .join(' ');

  return boxPlotChart({
    id,
    title,
    subtitle,
    valueName: TITLES[metric],
    valueUnit: 'ms',
    log,
    withScenario,
    labels: groups.map((rs) => categoryLabel(rs, withScenario)),
    datasets,
  });
}
