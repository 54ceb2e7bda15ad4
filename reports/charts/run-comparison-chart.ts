/**
 * Comparison report: the same (scenario, runtime) in each run, side by side. Here the runs are
 * what is compared, so datasets are runs (one color per run) and categories are runtimes.
 */
import type { RuntimeSummary } from '../../harness/results/format.js';
import type { RunData } from '../report-input.js';
import { boxFromSorted, type BoxJson } from './box-stats.js';
import { boxPlotChart } from './chart-shapes.js';
import { emptyChart, type ChartSpec, type DatasetJson } from './chart-spec.js';
import { boxWithPointsStyle } from './dataset-style.js';
import { shorten } from './group-labels.js';
import { groupedMetricValues, type Metric } from './metric-values.js';
import { runKey } from '../../harness/run-key.js';
import { runColor, translucent } from './palette.js';
import { prefersLogScale } from './scale-choice.js';

/** Points per box: several runs share a category, keep each light. */
export const MAX_POINTS_PER_RUN_BOX = 200;

export function runComparisonChartId(metric: Metric): string {
  return `compare-${metric}`;
}

/** (scenario, runtime) pairs of all runs, in order of first appearance. */
function unionOfGroups(runs: readonly RunData[]): RuntimeSummary[] {
  const seen = new Map<string, RuntimeSummary>();
  for (const run of runs)
    for (const rs of run.summary.runtimes) {
      const key = runKey(rs.scenario, rs.runtime);
      if (!seen.has(key)) seen.set(key, rs);
    }
  return [...seen.values()];
}

export function buildRunComparisonChart(runs: readonly RunData[], metric: Metric): ChartSpec {
  const id = runComparisonChartId(metric);
  const what = metric === 'startup' ? 'Startup' : 'Teardown';
  const title = `${what} time per run`;
  const groups = unionOfGroups(runs);
  const withScenario = new Set(groups.map((g) => g.scenario)).size > 1;
  const extremes: number[] = [];
  let thinnedAny = false;
  const datasets: DatasetJson[] = runs.map((run, r) => {
    const values = groupedMetricValues(run, metric);
    const data: (BoxJson | null)[] = groups.map((g) => {
      const sorted = values.get(runKey(g.scenario, g.runtime));
      if (sorted === undefined || sorted.length === 0) return null;
      extremes.push(sorted[0] as number, sorted[sorted.length - 1] as number);
      const { box, thinned } = boxFromSorted(sorted, MAX_POINTS_PER_RUN_BOX);
      thinnedAny ||= thinned;
      return box;
    });
    const color = runColor(r);
    return {
      label: `${r === 0 ? 'baseline ' : ''}run ${run.meta.runId}`,
      data,
      ...boxWithPointsStyle(color, translucent(color, 0.2), { radius: 1.8, fill: translucent(color, 0.5) }),
    };
  });
  if (extremes.length === 0) return emptyChart(id, title, `No run measured ${metric} times.`);
  return boxPlotChart({
    id,
    title,
    subtitle: [
      'One box per run for each runtime (quartiles, median, whiskers within 1.5 × IQR), points are launches.',
      thinnedAny ? `Points thinned for drawing to at most ${MAX_POINTS_PER_RUN_BOX} per box; boxes use all launches.` : '',
    ]
      .filter((s) => s !== '')
      .join(' '),
    valueName: `${what} time`,
    valueUnit: 'ms',
    log: prefersLogScale(extremes),
    withScenario,
    labels: groups.map((g) => [
      shorten(withScenario ? `${g.scenario} / ${g.runtime}` : g.runtime),
      g.kind === 'vm' ? 'VM' : g.kind === 'host' ? 'host' : 'container',
    ]),
    datasets,
  });
}
