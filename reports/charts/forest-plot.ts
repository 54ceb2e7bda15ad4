/**
 * The comparison's forest plot: one row per compared metric, the ratio of medians (new ÷
 * baseline) as a point coloured by verdict and its 95 % interval as a floating bar; 1× = no change.
 */
import type { MetricComparison, PairComparison } from '../../harness/compare/compare-runs.js';
import { verdictText } from '../../harness/compare/describe.js';
import { sideLabel } from '../../harness/compare/describe.js';
import { axis, baseOptions, emptyChart, type ChartSpec } from './chart-spec.js';
import { legendAndTooltip } from './axes.js';

const VERDICT_COLORS: Record<MetricComparison['verdict']['state'], string> = {
  regressed: '#c92a2a',
  improved: '#2b8a3e',
  'no significant change': '#868e96',
  'not compared': '#868e96',
};

export function forestPlotId(index: number): string {
  return `forest-${index + 1}`;
}

/** Rows are 22 px; the axes and legend take the rest. */
const ROW_PX = 22;
const CHROME_PX = 110;

export function buildForestPlot(pair: PairComparison, index: number): ChartSpec {
  const id = forestPlotId(index);
  const title = `Ratios, ${sideLabel(pair.otherRuns)} ÷ baseline`;
  const rows = pair.metrics.filter((m) => m.ratio !== null);
  if (rows.length === 0) return emptyChart(id, title, 'No metric was measured by both sides with enough samples to compare.');
  const values = rows.flatMap((m) => [m.ratio as number, ...(m.ratioCi95 ?? [])]).filter((v) => v > 0);
  const lo = Math.min(...values, 0.95);
  const hi = Math.max(...values, 1.05);
  return {
    id,
    title,
    subtitle:
      'Each row: the ratio of medians (point; red regressed, green improved, grey no significant change) and its 95% interval (bar). 1× = no change; for a “higher is better” metric a ratio below 1 is the regression.',
    valueAxis: 'x',
    valueUnit: 'relative',
    tooltip: 'forest',
    width: 'full',
    heightPx: CHROME_PX + ROW_PX * rows.length,
    scaleToggle: null,
    emptyReason: null,
    config: {
      type: 'bar',
      data: {
        labels: rows.map((m) => m.id),
        datasets: [
          {
            type: 'line',
            label: 'ratio of medians',
            data: rows.map((m) => m.ratio as number),
            showLine: false,
            pointRadius: 5,
            pointHoverRadius: 7,
            pointStyle: 'rectRot',
            pointBackgroundColor: rows.map((m) => VERDICT_COLORS[m.verdict.state]),
            borderColor: rows.map((m) => VERDICT_COLORS[m.verdict.state]),
            verdicts: rows.map(verdictText),
          },
          {
            label: '95% interval',
            data: rows.map((m) => (m.ratioCi95 === null ? null : [m.ratioCi95[0], m.ratioCi95[1]])),
            backgroundColor: 'rgba(73, 80, 87, 0.25)',
            borderColor: 'rgba(73, 80, 87, 0.6)',
            borderWidth: 1,
            barPercentage: 0.5,
            categoryPercentage: 1,
          },
        ],
      },
      options: {
        ...baseOptions(),
        indexAxis: 'y',
        scales: {
          // Log once ratios span a factor of 3 (0.5× and 2× equally far from 1×); near 1× a linear axis labels more ticks.
          x:
            hi / lo > 3
              ? axis('logarithmic', 'New ÷ baseline (×, log scale)', { min: lo / 1.02, max: hi * 1.02 })
              : axis('linear', 'New ÷ baseline (×)', { min: lo - 0.02, max: hi + 0.02 }),
          y: axis('category', 'Scenario / runtime / metric', { grid: { display: false } }),
        },
        plugins: legendAndTooltip(),
      },
    },
  };
}
