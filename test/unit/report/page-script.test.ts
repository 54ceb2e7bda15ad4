/**
 * The report page's script formats numbers with the same functions as Node-side code: the build
 * (scripts/build-page-script.mjs) links them in from their modules instead of the page carrying
 * copies. Checked on the built script itself (global setup builds it): it is run in a vm context
 * with a stand-in for Chart.js and the DOM, and the tick and tooltip callbacks it attaches are
 * compared with the Node modules' functions.
 */
import { readFileSync } from 'node:fs';
import { createContext, runInContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { formatDurationMs } from '../../../harness/format-duration.js';
import { cores, exactCores, exactMiB, exactMs, exactTimes, mibTick, percent, times } from '../../../reports/charts/chart-number-format.js';
import type { ValueUnit } from '../../../reports/charts/chart-spec.js';
import { formatCount } from '../../../reports/format-numbers.js';
import { loadPageScript } from '../../../reports/page/page-script.js';

const script = loadPageScript();
const source = readFileSync(new URL('../../../reports/page/browser/page-script.ts', import.meta.url), 'utf8');

type Callback = (this: unknown, ...args: unknown[]) => unknown;
interface DrawnConfig {
  options: {
    scales: Record<'x' | 'y', { ticks: { callback: Callback } }>;
    plugins: { tooltip: { callbacks: Record<'label' | 'title', Callback> } };
  };
}

const UNITS: ValueUnit[] = ['ms', 'MiB', 'relative', 'cores'];

/** Runs the page script on these chart specs and returns each config it handed to Chart.js, by spec id. */
function drawnConfigs(specs: object[]): Record<string, DrawnConfig> {
  const drawn: Record<string, DrawnConfig> = {};
  class Chart {
    static registry = { getElement: () => ({ prototype: {} }) };
    static defaults = { font: {}, color: '' };
    constructor(_canvas: unknown, config: DrawnConfig) {
      drawn[(config as unknown as { id: string }).id] = config;
    }
  }
  const element = (id: string): object | null =>
    id === 'vmbench-chart-specs' ? { textContent: JSON.stringify(specs) } : id.endsWith('-canvas') ? {} : null;
  const context: Record<string, unknown> = {
    Chart,
    console,
    performance,
    document: { getElementById: element, querySelector: () => null, body: {}, documentElement: { setAttribute: () => undefined } },
    getComputedStyle: () => ({ fontFamily: 'serif' }),
    requestAnimationFrame: () => undefined,
    addEventListener: () => undefined,
  };
  context.window = context;
  runInContext(script, createContext(context));
  expect((context.vmbenchReport as { errors: string[] }).errors).toEqual([]);
  return drawn;
}

function spec(id: string, valueUnit: ValueUnit, tooltip: 'bar' | 'xy' | 'cdf'): object {
  const axis = { type: 'linear', title: { text: '' } };
  // The fake Chart constructor keys on config.id.
  return {
    id,
    valueAxis: 'y',
    valueUnit,
    tooltip,
    scaleToggle: null,
    config: { id, options: { scales: { x: { ...axis }, y: { ...axis } }, plugins: { tooltip: {} } } },
  };
}

const VALUES = [0, 0.000123, 0.0123456, 0.5, 1, 2.5, 4.8712, 25, 99.95, 999.7, 1999.6, 123456, 1e6, -4.8712];
const TICKS: Record<ValueUnit, (v: number) => string> = { ms: formatDurationMs, MiB: mibTick, relative: times, cores };
const EXACT: Record<ValueUnit, (v: number, bytes: number) => string> = {
  ms: exactMs,
  MiB: exactMiB,
  relative: exactTimes,
  cores: exactCores,
};

describe('the report page script', () => {
  it('defines no formatter of its own: its number formatting is imported', () => {
    expect(source).not.toMatch(/toPrecision|toFixed|\\u202f|function (threeSignificant|ms|count)\b/);
    expect(source).toMatch(/from '\.\.\/\.\.\/\.\.\/harness\/format-duration\.js'/);
  });

  it('carries each shared formatter once, as its module defines it', () => {
    for (const name of [
      'threeSignificant',
      'formatDurationMs',
      'formatCount',
      'mibTick',
      'exactMs',
      'exactMiB',
      'percent',
      'times',
      'cores',
    ]) {
      expect(script.split(`function ${name}(`).length - 1, name).toBe(1);
    }
  });

  it('labels ticks and tooltips exactly as the Node modules format the same values', () => {
    const specs = [
      ...UNITS.map((u) => spec(`bar-${u}`, u, 'bar')),
      ...UNITS.map((u) => spec(`xy-${u}`, u, 'xy')),
      spec('cdf', 'ms', 'cdf'),
    ];
    const drawn = drawnConfigs(specs);
    expect(Object.keys(drawn)).toHaveLength(specs.length);
    const linear = { type: 'linear' };
    for (const unit of UNITS) {
      const bar = drawn[`bar-${unit}`]!.options;
      const xy = drawn[`xy-${unit}`]!.options;
      for (const v of VALUES) {
        const bytes = Math.round(Math.abs(v) * 2 ** 20);
        expect(bar.scales.y.ticks.callback.call(linear, v), `${unit} tick ${v}`).toBe(TICKS[unit](v));
        const point = {
          raw: { b: bytes },
          parsed: { x: v, y: v },
          dataIndex: 0,
          dataset: { label: 'L', bytes: [bytes] },
          chart: { options: {} },
        };
        expect(bar.plugins.tooltip.callbacks.label(point), `${unit} bar tooltip ${v}`).toBe(`L: ${EXACT[unit](v, bytes)}`);
        expect(xy.plugins.tooltip.callbacks.label(point), `${unit} xy tooltip ${v}`).toBe(`L: ${EXACT[unit](v, bytes)}`);
      }
    }
    const cdf = drawn.cdf!.options;
    for (const n of [1, 2, 999, 1000, 123456.7]) {
      const title = drawn['xy-MiB']!.options.plugins.tooltip.callbacks.title([{ parsed: { x: n }, dataset: {} }]);
      expect(title).toBe(`${formatCount(n)} instance${n === 1 ? '' : 's'} running`);
    }
    for (const v of [0, 0.05, 0.5, 0.505, 1]) {
      expect(cdf.scales.y.ticks.callback.call(linear, v)).toBe(percent(v));
      const point = { parsed: { x: 12.3456, y: v }, dataset: { label: 'L' } };
      expect(cdf.plugins.tooltip.callbacks.label(point)).toBe(`L: ${percent(v)} ready within ${exactMs(12.3456)}`);
    }
  });
});
