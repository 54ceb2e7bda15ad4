/**
 * The script of the report page. It builds every chart from the JSON specs embedded in the page
 * (reports/charts/*.ts made them) and adds what JSON cannot hold: tick and tooltip formatters and
 * the log/linear switch. It runs in the reader's browser, not in Node: the build
 * (scripts/build-page-script.mjs, tsconfig.page.json) type-checks it on its own (DOM, no Node
 * types, ES2020) and links it with the modules it imports into one classic script (an inline
 * script element is not a module), dist/reports/page/browser/page-script.js, which
 * reports/page/page-script.ts reads and the report inlines. The few Chart.js parts it uses are
 * declared below.
 *
 * Its number formats are the harness's and the report's own (imported, not copied): 3 significant
 * digits on axes, µs-exact times and byte-exact memory in tooltips.
 *
 * It exposes `window.vmbenchReport` ({ charts, drawnAt, errors }) so tests and the 100k benchmark
 * can tell when every chart has been drawn.
 */

import type { ChartConfigJson, ChartSpec } from '../../charts/chart-spec.js';
import { cores, exactCores, exactMiB, exactMs, exactTimes, mibTick, percent, times } from '../../charts/chart-number-format.js';
import { formatCount } from '../../format-numbers.js';
import { formatDurationMs } from '../../../harness/format-duration.js';

type ScaleType = 'linear' | 'logarithmic' | 'category';

/** The parts of Chart.js 4's API the page uses (the library is inlined before this script). */
interface ChartScale {
  type: ScaleType;
  min: number;
  max: number;
  width: number;
  isHorizontal(): boolean;
}
interface ScaleOptions {
  type: ScaleType;
  beginAtZero?: boolean;
  title: { text: string };
  ticks?: { autoSkip?: boolean; maxRotation?: number; callback?: (this: ChartScale, value: number | string) => string };
}
interface TooltipItem {
  raw: unknown;
  parsed: { x: number; y: number };
  formattedValue: unknown;
  dataIndex: number;
  dataset: { label: string; note?: string; bytes?: Array<number | null>; verdicts?: string[] };
  chart: { options: { indexAxis?: 'x' | 'y' } };
}
type TooltipLabel = (item: TooltipItem) => string | string[];
interface TooltipCallbacks {
  label?: TooltipLabel;
  title?: (items: TooltipItem[]) => string;
  footer?: (items: TooltipItem[]) => string | string[];
}
/** A spec's config once the page has attached its functions: what Chart.js is given. */
interface ChartConfig {
  options: {
    scales: Record<'x' | 'y', ScaleOptions>;
    plugins: { tooltip: { callbacks?: TooltipCallbacks } };
    startupMedians?: number[];
  };
}
interface ChartInstance {
  options: { scales: Record<'x' | 'y', ScaleOptions> };
  update(): void;
  resize(): void;
}
interface BoxElement {
  median?: unknown;
}
type BoxMethod = (this: BoxElement, ...args: unknown[]) => unknown;
interface ChartStatic {
  new (canvas: HTMLElement, config: ChartConfigJson): ChartInstance;
  registry: { getElement(id: string): { prototype: Record<string, BoxMethod> } };
  defaults: { font: { family: string; size: number }; color: string };
}
/** The box plot plugin's data point of one box. */
interface BoxStats {
  items: number[];
  median: number;
  q1: number;
  q3: number;
  p95: number;
  min: number;
  max: number;
  n: number;
}

interface VmbenchReport {
  charts: Record<string, ChartInstance>;
  drawnAt: number | null;
  errors: string[];
}
declare global {
  interface Window {
    vmbenchReport: VmbenchReport;
  }
}
// Present only when the inlined Chart.js ran; the script checks before using it.
declare const Chart: ChartStatic | undefined;

(function () {
  'use strict';
  const report: VmbenchReport = { charts: {}, drawnAt: null, errors: [] };
  window.vmbenchReport = report;

  function tickFormat(spec: ChartSpec): (v: number) => string {
    return spec.valueUnit === 'MiB'
      ? mibTick
      : spec.valueUnit === 'relative'
        ? times
        : spec.valueUnit === 'cores'
          ? cores
          : formatDurationMs;
  }
  function exactValue(spec: ChartSpec, v: number | null | undefined, bytes: number | null | undefined): string {
    return spec.valueUnit === 'MiB'
      ? exactMiB(v, bytes)
      : spec.valueUnit === 'relative'
        ? exactTimes(v)
        : spec.valueUnit === 'cores'
          ? exactCores(v)
          : exactMs(v);
  }

  /**
   * Log axes get labels at 1, 2 and 5 × 10^k only; the other grid lines stay unlabelled. A
   * horizontal axis with little room per decade labels 10^k alone, or the labels would collide.
   */
  function logTick(value: number, format: (v: number) => string, decadesOnly: boolean): string {
    if (!(value > 0)) return '';
    const mantissa = Math.round((value / Math.pow(10, Math.floor(Math.log10(value) + 1e-9))) * 1000) / 1000;
    if (decadesOnly) return mantissa === 1 ? format(value) : '';
    return mantissa === 1 || mantissa === 2 || mantissa === 5 ? format(value) : '';
  }
  /** Pixels per decade below which a horizontal log axis labels only powers of ten. */
  const MIN_PX_PER_DECADE = 240;
  function crowdedLogAxis(scale: ChartScale): boolean {
    if (!scale.isHorizontal() || !(scale.min > 0) || !(scale.max > scale.min)) return false;
    return scale.width / Math.log10(scale.max / scale.min) < MIN_PX_PER_DECADE;
  }

  function setTickFormat(chartConfig: ChartConfig, spec: ChartSpec): void {
    const scales = chartConfig.options.scales;
    const valueScale = scales[spec.valueAxis];
    const format = tickFormat(spec);
    const ticks = (valueScale.ticks = valueScale.ticks || {});
    // Log axes label only 1-2-5 ticks themselves; Chart.js's auto-skip would drop some of those.
    ticks.autoSkip = valueScale.type !== 'logarithmic';
    ticks.maxRotation = 0;
    ticks.callback = function (value) {
      const n = Number(value);
      return this.type === 'logarithmic' ? logTick(n, format, crowdedLogAxis(this)) : format(n);
    };
    if (spec.tooltip === 'cdf') {
      scales.y.ticks = {
        callback: function (value) {
          return percent(Number(value));
        },
      };
    }
  }

  /** Per tooltip style, a function of the spec that returns Chart.js's label callback. */
  const tooltipLabels: Record<ChartSpec['tooltip'], (spec: ChartSpec) => TooltipLabel> = {
    box: function () {
      return function (ctx) {
        const box = ctx.raw as BoxStats | null;
        if (!box) return '';
        // The box plot plugin hands the hovered outlier/item's index in formattedValue.
        const formatted = ctx.formattedValue as { hoveredItemIndex?: number | null } | null | undefined;
        const hovered = formatted && formatted.hoveredItemIndex;
        if (hovered != null && hovered >= 0) return ctx.dataset.label + ': one launch, ' + exactMs(box.items[hovered]);
        return [
          ctx.dataset.label,
          'median ' + exactMs(box.median) + '  (n = ' + String(box.n) + ')',
          'quartiles ' + exactMs(box.q1) + ' – ' + exactMs(box.q3),
          'p95 ' + exactMs(box.p95),
          'min ' + exactMs(box.min) + ', max ' + exactMs(box.max),
        ];
      };
    },
    cdf: function () {
      return function (ctx) {
        return ctx.dataset.label + ': ' + percent(ctx.parsed.y) + ' ready within ' + exactMs(ctx.parsed.x);
      };
    },
    bar: function (spec) {
      return function (ctx) {
        const value = ctx.parsed[ctx.chart.options.indexAxis === 'y' ? 'x' : 'y'];
        const bytes = ctx.dataset.bytes ? ctx.dataset.bytes[ctx.dataIndex] : null;
        return ctx.dataset.label + ': ' + exactValue(spec, value, bytes);
      };
    },
    // A comparison's ratio (a point) and its 95% interval (a floating bar), with the verdict.
    forest: function () {
      return function (ctx) {
        if (Array.isArray(ctx.raw)) {
          const interval = ctx.raw as [number, number];
          return '95% interval ' + exactTimes(interval[0]) + ' … ' + exactTimes(interval[1]);
        }
        const verdict = ctx.dataset.verdicts ? ctx.dataset.verdicts[ctx.dataIndex] : '';
        return 'ratio ' + exactTimes(ctx.parsed.x) + (verdict ? ': ' + verdict : '');
      };
    },
    // A point over "instances running"; a fit line says what it is instead.
    xy: function (spec) {
      return function (ctx) {
        if (ctx.dataset.note) return ctx.dataset.note;
        const raw = (ctx.raw || {}) as { b?: number | null };
        return ctx.dataset.label + ': ' + exactValue(spec, ctx.parsed.y, raw.b);
      };
    },
  };

  function setTooltips(chartConfig: ChartConfig, spec: ChartSpec): void {
    const tooltip = chartConfig.options.plugins.tooltip;
    const callbacks: TooltipCallbacks = (tooltip.callbacks = { label: tooltipLabels[spec.tooltip](spec) });
    if (spec.tooltip === 'xy') {
      callbacks.title = function (items) {
        const first = items[0];
        if (!first || first.dataset.note) return '';
        const n = first.parsed.x;
        return formatCount(n) + (n === 1 ? ' instance running' : ' instances running');
      };
    }
    const medians = chartConfig.options.startupMedians;
    if (spec.tooltip === 'bar' && medians) {
      callbacks.footer = function (items) {
        const first = items[0];
        if (!first) return '';
        let sum = 0;
        items.forEach(function (item) {
          sum += item.parsed.x || 0;
        });
        return ['sum of phase medians ' + exactMs(sum), 'median startup ' + exactMs(medians[first.dataIndex])];
      };
    }
  }

  function messageOf(error: unknown): string {
    const message = error instanceof Error ? error.message : null;
    return message ? message : String(error);
  }

  function fail(spec: ChartSpec, error: unknown): void {
    report.errors.push(spec.id + ': ' + messageOf(error));
    console.error('vmbench report: chart "' + spec.id + '" could not be drawn', error);
    const box = document.getElementById(spec.id + '-box');
    if (box) box.textContent = 'This chart could not be drawn: ' + messageOf(error);
  }

  function draw(ChartJs: ChartStatic, spec: ChartSpec): void {
    const canvas = document.getElementById(spec.id + '-canvas');
    if (!canvas || !spec.config) return;
    try {
      // The JSON config gains its functions in place: the same object is what Chart.js draws.
      const config = spec.config as unknown as ChartConfig;
      setTickFormat(config, spec);
      setTooltips(config, spec);
      report.charts[spec.id] = new ChartJs(canvas, spec.config);
    } catch (error) {
      fail(spec, error);
    }
  }

  function toggleScale(id: string, toggle: NonNullable<ChartSpec['scaleToggle']>, button: HTMLButtonElement): void {
    const chart = report.charts[id];
    if (!chart) return;
    const scale = chart.options.scales[toggle.axis];
    const next = scale.type === 'logarithmic' ? 'linear' : 'logarithmic';
    scale.type = next;
    scale.beginAtZero = next === 'linear';
    if (scale.ticks) scale.ticks.autoSkip = next !== 'logarithmic';
    scale.title.text = toggle.titles[next];
    chart.update();
    labelToggle(button, next);
  }
  function labelToggle(button: HTMLButtonElement, current: ScaleType): void {
    button.textContent = current === 'logarithmic' ? 'Show linear scale' : 'Show log scale';
    button.setAttribute('aria-pressed', current === 'logarithmic' ? 'true' : 'false');
  }

  /**
   * The distribution charts give each runtime its own category by leaving the other categories of
   * its dataset empty (null). The boxplot plugin would still draw an empty box as a line at the axis
   * base and let it catch the mouse: skip elements whose data point is null.
   */
  function skipEmptyBoxes(ChartJs: ChartStatic): void {
    const Box = ChartJs.registry.getElement('boxandwhiskers');
    // An empty entry parses to no statistics, so the element never gets a (finite) median.
    function isEmpty(element: BoxElement): boolean {
      return typeof element.median !== 'number' || !isFinite(element.median);
    }
    ['draw', 'inRange', 'inXRange', 'inYRange'].forEach(function (method) {
      const original = Box.prototype[method];
      if (!original) return;
      Box.prototype[method] = function (...args) {
        if (isEmpty(this)) return method === 'draw' ? undefined : false;
        return original.apply(this, args);
      };
    });
  }

  const specsElement = document.getElementById('vmbench-chart-specs');
  const specs = specsElement ? (JSON.parse(specsElement.textContent || '[]') as ChartSpec[]) : [];
  if (typeof Chart === 'undefined') {
    specs.forEach(function (spec) {
      fail(spec, new Error('Chart.js did not load'));
    });
    return;
  }
  const ChartJs = Chart;
  skipEmptyBoxes(ChartJs);
  ChartJs.defaults.font.family = getComputedStyle(document.body).fontFamily;
  ChartJs.defaults.font.size = 12;
  ChartJs.defaults.color = '#343a40';
  specs.forEach(function (spec) {
    draw(ChartJs, spec);
  });
  specs.forEach(function (spec) {
    const toggle = spec.scaleToggle;
    if (!toggle) return;
    const button = document.querySelector<HTMLButtonElement>('button[data-scale-toggle="' + spec.id + '"]');
    const chart = report.charts[spec.id];
    if (!button || !chart) return;
    labelToggle(button, chart.options.scales[toggle.axis].type);
    button.hidden = false;
    button.addEventListener('click', function () {
      toggleScale(spec.id, toggle, button);
    });
  });
  // Canvases keep their screen size when printed unless told to resize to the print layout.
  window.addEventListener('beforeprint', function () {
    Object.keys(report.charts).forEach(function (id) {
      report.charts[id]?.resize();
    });
  });
  // Chart.js draws synchronously when animation is off; the next frame is when it is on screen.
  requestAnimationFrame(function () {
    report.drawnAt = performance.now();
    document.documentElement.setAttribute('data-charts-drawn', String(Object.keys(report.charts).length));
  });
})();
