/**
 * A chart as plain JSON: the builders in this folder turn run data into a ChartSpec in Node (pure,
 * testable), the page embeds the specs as JSON data and page/browser/page-script.ts hands each `config`
 * to Chart.js after attaching the few functions JSON cannot carry (tick and tooltip formatters,
 * chosen by `valueUnit` and `tooltip`).
 */

export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
import type { InstanceKind } from '../../harness/results/format.js';

export type AxisType = 'linear' | 'logarithmic' | 'category';

// A type alias, not an interface: only aliases are assignable to the Json index signature.
export type AxisJson = {
  type: AxisType;
  title: { display: true; text: string };
  stacked?: boolean;
  beginAtZero?: boolean;
  min?: number;
  max?: number;
  grid?: { display: boolean };
  /** precision 0: whole-number ticks (instance counts); color: one per category tick (runtime colors). */
  ticks?: { precision?: number; color?: string | string[] };
};

export interface DatasetJson {
  label: string;
  data: Json[];
  /** Which runtime the dataset shows, when it shows one (tests and colors key on it). */
  runtime?: string;
  kind?: InstanceKind;
  [style: string]: Json | undefined;
}

export interface ChartConfigJson {
  type: 'boxplot' | 'line' | 'bar' | 'scatter';
  data: { labels?: Array<string | string[]>; datasets: DatasetJson[] };
  options: {
    indexAxis?: 'x' | 'y';
    responsive: true;
    maintainAspectRatio: false;
    animation: false;
    scales: { x: AxisJson; y: AxisJson };
    plugins: {
      legend: { display: boolean; position: 'top' | 'bottom' | 'right'; labels?: { usePointStyle?: boolean; boxWidth?: number } };
      tooltip: { mode?: 'nearest' | 'index'; intersect?: boolean };
    };
    [option: string]: Json | undefined;
  };
}

/**
 * How the page formats the numbers of a chart: 'box' box plots, 'cdf' cumulative fractions,
 * 'bar' one value per bar, 'xy' points over instances running (x is a count, y the value),
 * 'forest' a ratio with its interval per row (a floating bar and a point).
 */
export type TooltipStyle = 'box' | 'cdf' | 'bar' | 'xy' | 'forest';

/**
 * Unit of the value axis. 'relative': a speed relative to a baseline (1 = the same), drawn as
 * "0.97×". 'MiB' values are drawn in MiB (2^20 bytes); a dataset may carry the
 * exact bytes (per point `b`, or per bar in `bytes`) for the tooltip. 'cores': CPU time per wall
 * time (0.5 = half of one core), drawn as "0.5 cores".
 */
export type ValueUnit = 'ms' | 'MiB' | 'relative' | 'cores';

export interface ChartSpec {
  /** DOM id of the figure: claims link to `#id`. */
  id: string;
  title: string;
  /** What is drawn and how, in one or two sentences; says so when points were thinned. */
  subtitle: string;
  /** The axis that carries the measured value (gets unit ticks and exact-value tooltips). */
  valueAxis: 'x' | 'y';
  valueUnit: ValueUnit;
  tooltip: TooltipStyle;
  /** 'half' sits next to another half-width chart on wide screens; default: half for 'bar' charts, else full. */
  width?: 'full' | 'half';
  /** Height of the drawing in pixels, for charts with one row per item (default: the stylesheet's). */
  heightPx?: number;
  /** Axis the reader can switch between log and linear (the config says which it starts as), with its title for each. */
  scaleToggle: { axis: 'x' | 'y'; titles: { logarithmic: string; linear: string } } | null;
  /** Null when there is nothing to draw: the page shows `emptyReason` instead of a canvas. */
  config: ChartConfigJson | null;
  emptyReason: string | null;
}

/** Options every chart shares: no animation (drawn at once, measurable, printable). */
export function baseOptions(): Pick<ChartConfigJson['options'], 'responsive' | 'maintainAspectRatio' | 'animation'> {
  return { responsive: true, maintainAspectRatio: false, animation: false };
}

export function axis(type: AxisType, text: string, extra: Partial<AxisJson> = {}): AxisJson {
  return { type, title: { display: true, text }, ...extra };
}

/** A spec for a chart whose data this run does not have. */
export function emptyChart(id: string, title: string, reason: string): ChartSpec {
  return {
    id,
    title,
    subtitle: reason,
    valueAxis: 'y',
    valueUnit: 'ms',
    tooltip: 'bar',
    scaleToggle: null,
    config: null,
    emptyReason: reason,
  };
}
