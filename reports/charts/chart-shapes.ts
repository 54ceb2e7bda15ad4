/**
 * The chart shapes more than one builder draws, each with a value axis the reader can switch
 * between log and linear: box plots per runtime category (distribution-chart.ts,
 * run-comparison-chart.ts), horizontal bars per runtime (memory-by-method.ts, ksm-effect.ts) and
 * points over instances running (memory-vs-instances.ts, startup-vs-instances.ts). The builders
 * decide the data, labels and texts; these give the spec and the Chart.js options around them.
 */
import type { InstanceDescription } from '../run-facts.js';
import { instancesAxis, legendAndTooltip, runtimeAxis, valueScale } from './axes.js';
import {
  baseOptions,
  type AxisJson,
  type ChartConfigJson,
  type ChartSpec,
  type DatasetJson,
  type TooltipStyle,
  type ValueUnit,
} from './chart-spec.js';
import { categoryLabel } from './group-labels.js';
import type { Palette } from './palette.js';

/** What every shape takes: the figure, and the value axis (its name, unit and starting scale). */
interface ValueChart {
  id: string;
  title: string;
  subtitle: string;
  /** "Startup time", "Host memory used": the axis title before the unit. */
  valueName: string;
  valueUnit: ValueUnit;
  /** Whether the value axis starts on a log scale (usually prefersLogScale). */
  log: boolean;
  datasets: DatasetJson[];
}

/** The spec around a config whose value axis is on `on`, with the log/linear switch for it. */
function valueChartSpec(
  c: ValueChart & { width?: 'full' | 'half' },
  on: 'x' | 'y',
  tooltip: TooltipStyle,
  config: (valueAxis: AxisJson) => ChartConfigJson,
): ChartSpec {
  const scale = valueScale(on, c.valueName, c.valueUnit, c.log);
  return {
    id: c.id,
    title: c.title,
    subtitle: c.subtitle,
    valueAxis: on,
    valueUnit: c.valueUnit,
    tooltip,
    ...(c.width === undefined ? {} : { width: c.width }),
    scaleToggle: scale.toggle,
    emptyReason: null,
    config: config(scale.axis),
  };
}

/** Vertical box plots, one category per runtime (labels given), the value on y. */
export function boxPlotChart(c: ValueChart & { labels: string[][]; withScenario: boolean }): ChartSpec {
  return valueChartSpec(c, 'y', 'box', (valueAxis) => ({
    type: 'boxplot',
    data: { labels: c.labels, datasets: c.datasets },
    options: {
      ...baseOptions(),
      scales: { x: runtimeAxis(c.withScenario), y: valueAxis },
      plugins: legendAndTooltip(),
    },
  }));
}

/** Horizontal bars, one group per runtime, its tick label in the runtime's color; the value on x. */
export function runtimeBarsChart(
  c: ValueChart & { width: 'full' | 'half'; groups: readonly InstanceDescription[]; withScenario: boolean; palette: Palette },
): ChartSpec {
  return valueChartSpec(c, 'x', 'bar', (valueAxis) => ({
    type: 'bar',
    data: { labels: c.groups.map((g) => categoryLabel(g, c.withScenario)), datasets: c.datasets },
    options: {
      ...baseOptions(),
      indexAxis: 'y',
      scales: {
        x: valueAxis,
        // Tick labels in each runtime's color, as everywhere else in the report.
        y: runtimeAxis(c.withScenario, { tickColors: c.groups.map((g) => c.palette(g.runtime, g.kind).color) }),
      },
      plugins: legendAndTooltip(),
    },
  }));
}

/** Points over instances running (x, a count), the value on y; the legend shows each runtime's point style. */
export function instancesScatterChart(c: ValueChart & { width: 'full' | 'half' }): ChartSpec {
  return valueChartSpec(c, 'y', 'xy', (valueAxis) => ({
    type: 'scatter',
    data: { datasets: c.datasets },
    options: {
      ...baseOptions(),
      parsing: false,
      scales: { x: instancesAxis(), y: valueAxis },
      plugins: legendAndTooltip({ pointStyleLegend: true }),
    },
  }));
}
