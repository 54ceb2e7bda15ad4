import { describe, expect, it } from 'vitest';
import { instancesAxis, legendAndTooltip, runtimeAxis, valueScale } from '../../../reports/charts/axes.js';
import { boxPlotChart, instancesScatterChart, runtimeBarsChart } from '../../../reports/charts/chart-shapes.js';
import type { ChartSpec } from '../../../reports/charts/chart-spec.js';
import { boxWithPointsStyle } from '../../../reports/charts/dataset-style.js';
import { buildPalette } from '../../../reports/charts/palette.js';
import { makeRunData } from '../../fixtures/report/make-run-data.js';

function config(spec: ChartSpec): NonNullable<ChartSpec['config']> {
  if (spec.config === null) throw new Error(`chart ${spec.id} is empty: ${spec.emptyReason}`);
  return spec.config;
}

describe('valueScale', () => {
  it('names the unit in both titles and the log scale in the log one', () => {
    expect(valueScale('y', 'Startup time', 'ms', true).toggle).toEqual({
      axis: 'y',
      titles: { logarithmic: 'Startup time (ms, log scale)', linear: 'Startup time (ms)' },
    });
    expect(valueScale('x', 'Memory per instance', 'MiB', false).toggle.axis).toBe('x');
  });

  it('starts as the log axis with the log title, or the linear one from zero', () => {
    expect(valueScale('y', 'Startup time', 'ms', true).axis).toEqual({
      type: 'logarithmic',
      title: { display: true, text: 'Startup time (ms, log scale)' },
    });
    expect(valueScale('y', 'Startup time', 'ms', false).axis).toEqual({
      type: 'linear',
      title: { display: true, text: 'Startup time (ms)' },
      beginAtZero: true,
    });
  });

  it('leaves a linear axis free to start where the data do when asked', () => {
    const linear = valueScale('x', 'Startup time', 'ms', false, { linearFromZero: false }).axis;
    expect(linear).toEqual({ type: 'linear', title: { display: true, text: 'Startup time (ms)' } });
    expect('beginAtZero' in linear).toBe(false);
  });
});

describe('runtimeAxis', () => {
  it('is a category axis without grid lines, titled by whether scenarios are named', () => {
    expect(runtimeAxis(false)).toEqual({ type: 'category', title: { display: true, text: 'Runtime' }, grid: { display: false } });
    expect(runtimeAxis(true).title.text).toBe('Scenario / runtime');
  });

  it('stacks and colors tick labels only when asked, keeping a fixed key order', () => {
    expect(Object.keys(runtimeAxis(false))).toEqual(['type', 'title', 'grid']);
    expect(JSON.stringify(runtimeAxis(false, { stacked: true }))).toBe(
      '{"type":"category","title":{"display":true,"text":"Runtime"},"stacked":true,"grid":{"display":false}}',
    );
    expect(runtimeAxis(false, { tickColors: ['#000000', '#ffffff'] }).ticks).toEqual({ color: ['#000000', '#ffffff'] });
  });
});

describe('instancesAxis and legendAndTooltip', () => {
  it('counts instances in whole numbers from zero', () => {
    expect(instancesAxis()).toEqual({
      type: 'linear',
      title: { display: true, text: 'Instances running (count)' },
      beginAtZero: true,
      ticks: { precision: 0 },
    });
  });

  it('puts the legend on top and the tooltip on the nearest item by default', () => {
    expect(legendAndTooltip()).toEqual({ legend: { display: true, position: 'top' }, tooltip: { mode: 'nearest', intersect: true } });
    expect(legendAndTooltip({ pointStyleLegend: true }).legend.labels).toEqual({ usePointStyle: true });
    expect(legendAndTooltip({ tooltip: { mode: 'index', intersect: true } }).tooltip).toEqual({ mode: 'index', intersect: true });
  });
});

describe('boxWithPointsStyle', () => {
  it('draws outline, median and point borders in the color, with no outlier or mean marks', () => {
    expect(boxWithPointsStyle('#123456', 'fill', { radius: 2, fill: 'points' })).toEqual({
      backgroundColor: 'fill',
      borderColor: '#123456',
      medianColor: '#123456',
      borderWidth: 1.5,
      itemRadius: 2,
      itemBackgroundColor: 'points',
      itemBorderColor: '#123456',
      outlierRadius: 0,
      meanRadius: 0,
    });
  });

  it('adds the point shape and border width only when given, in a fixed key order', () => {
    expect(Object.keys(boxWithPointsStyle('#123456', 'fill', { radius: 2, fill: 'points', style: 'circle', borderWidth: 0.6 }))).toEqual([
      'backgroundColor',
      'borderColor',
      'medianColor',
      'borderWidth',
      'itemRadius',
      'itemStyle',
      'itemBackgroundColor',
      'itemBorderColor',
      'itemBorderWidth',
      'outlierRadius',
      'meanRadius',
    ]);
  });
});

describe('the shared chart shapes', () => {
  const common = { id: 'c', title: 'T', subtitle: 'S', valueName: 'Startup time', valueUnit: 'ms' as const, log: true, datasets: [] };

  it('box plots: value on y, runtimes as categories, no width', () => {
    const spec = boxPlotChart({ ...common, labels: [['runc', 'container · runc']], withScenario: false });
    expect(spec).toMatchObject({ valueAxis: 'y', valueUnit: 'ms', tooltip: 'box', emptyReason: null });
    expect('width' in spec).toBe(false);
    expect(spec.scaleToggle).toEqual(valueScale('y', 'Startup time', 'ms', true).toggle);
    expect(config(spec).type).toBe('boxplot');
    expect(config(spec).options.scales).toEqual({ x: runtimeAxis(false), y: valueScale('y', 'Startup time', 'ms', true).axis });
  });

  it('runtime bars: horizontal, value on x, one tick color per runtime', () => {
    const run = makeRunData();
    const palette = buildPalette([run]);
    const groups = run.summary.runtimes;
    const spec = runtimeBarsChart({ ...common, valueUnit: 'MiB', log: false, width: 'half', groups, withScenario: false, palette });
    expect(spec).toMatchObject({ valueAxis: 'x', valueUnit: 'MiB', tooltip: 'bar', width: 'half' });
    expect(config(spec).options.indexAxis).toBe('y');
    expect(config(spec).data.labels).toHaveLength(groups.length);
    expect(config(spec).options.scales.y.ticks?.color).toEqual(groups.map((g) => palette(g.runtime, g.kind).color));
    expect(config(spec).options.scales.x.type).toBe('linear');
  });

  it('points over instances: a scatter with the count on x and point styles in the legend', () => {
    const spec = instancesScatterChart({ ...common, width: 'full' });
    expect(spec).toMatchObject({ valueAxis: 'y', tooltip: 'xy', width: 'full' });
    expect(config(spec).type).toBe('scatter');
    expect(config(spec).options.parsing).toBe(false);
    expect(config(spec).options.scales.x).toEqual(instancesAxis());
    expect(config(spec).options.plugins.legend.labels).toEqual({ usePointStyle: true });
  });
});
