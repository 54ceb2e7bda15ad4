/**
 * The axes and plugin options the chart builders share: the value axis that starts as log or
 * linear (with the page's switch between them), the runtime category axis, the instance-count
 * axis of the density charts, and the legend and tooltip settings.
 */
import { axis, type AxisJson, type ChartConfigJson, type ChartSpec, type ValueUnit } from './chart-spec.js';

/** A value axis the reader can switch between log and linear: what the spec and the config both say about it. */
export interface ValueScale {
  /** The spec's `scaleToggle`: the axis and its title on each scale. */
  toggle: NonNullable<ChartSpec['scaleToggle']>;
  /** The axis as the chart starts: log with the log title, or linear with the linear title. */
  axis: AxisJson;
}

/**
 * "Startup time (ms, log scale)" on a log axis, "Startup time (ms)" on a linear one. `log` says
 * which the chart starts as (usually prefersLogScale); a linear axis starts at zero unless
 * `linearFromZero` is false.
 */
export function valueScale(
  on: 'x' | 'y',
  name: string,
  unit: ValueUnit,
  log: boolean,
  { linearFromZero = true }: { linearFromZero?: boolean } = {},
): ValueScale {
  const titles = { logarithmic: `${name} (${unit}, log scale)`, linear: `${name} (${unit})` };
  return {
    toggle: { axis: on, titles },
    axis: log ? axis('logarithmic', titles.logarithmic) : axis('linear', titles.linear, linearFromZero ? { beginAtZero: true } : {}),
  };
}

/**
 * One category per runtime ("Scenario / runtime" when the run has several scenarios), without
 * grid lines; `tickColors` draws each tick label in its runtime's color.
 */
export function runtimeAxis(withScenario: boolean, { stacked, tickColors }: { stacked?: boolean; tickColors?: string[] } = {}): AxisJson {
  return axis('category', withScenario ? 'Scenario / runtime' : 'Runtime', {
    ...(stacked === undefined ? {} : { stacked }),
    grid: { display: false },
    ...(tickColors === undefined ? {} : { ticks: { color: tickColors } }),
  });
}

/** The x axis of the density charts: instances running, whole numbers from zero. */
export function instancesAxis(): AxisJson {
  return axis('linear', 'Instances running (count)', { beginAtZero: true, ticks: { precision: 0 } });
}

type Plugins = ChartConfigJson['options']['plugins'];

/**
 * The legend on top (with each dataset's point style when `pointStyleLegend`, for charts whose
 * points tell VMs from containers) and the tooltip: by default the nearest item under the pointer.
 */
export function legendAndTooltip({
  pointStyleLegend = false,
  tooltip = { mode: 'nearest', intersect: true },
}: { pointStyleLegend?: boolean; tooltip?: Plugins['tooltip'] } = {}): Plugins {
  return {
    legend: { display: true, position: 'top', ...(pointStyleLegend ? { labels: { usePointStyle: true } } : {}) },
    tooltip,
  };
}
