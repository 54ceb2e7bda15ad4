import { describe, expect, it } from 'vitest';
import type { BoxJson } from '../../../reports/charts/box-stats.js';
import type { ChartSpec } from '../../../reports/charts/chart-spec.js';
import { buildDistributionChart, MAX_POINTS_PER_BOX } from '../../../reports/charts/distribution-chart.js';
import { buildPalette } from '../../../reports/charts/palette.js';
import { buildRunCharts } from '../../../reports/charts/run-charts.js';
import { buildStartupCdfChart, MAX_CDF_POINTS } from '../../../reports/charts/startup-cdf.js';
import { buildPhasesChart } from '../../../reports/charts/startup-phases.js';
import { thinRanks } from '../../../reports/charts/thin-sorted.js';
import { makeRunData, withSamples } from '../../fixtures/report/make-run-data.js';

const run = makeRunData();
const palette = buildPalette([run]);
const runtimes = run.summary.runtimes.map((r) => r.runtime);

function config(spec: ChartSpec): NonNullable<ChartSpec['config']> {
  if (spec.config === null) throw new Error(`chart ${spec.id} is empty: ${spec.emptyReason}`);
  return spec.config;
}

describe('every chart of a run', () => {
  const charts = buildRunCharts(run, palette);

  it('is plain JSON (it is embedded in the page and parsed there)', () => {
    expect(JSON.parse(JSON.stringify(charts))).toEqual(charts);
  });

  it('labels both axes, the time axis in ms', () => {
    for (const spec of charts) {
      const { x, y } = config(spec).options.scales;
      expect(x.title.text.length).toBeGreaterThan(0);
      expect(y.title.text.length).toBeGreaterThan(0);
      expect(config(spec).options.scales[spec.valueAxis].title.text).toMatch(/\(ms\b/);
    }
  });

  it('has unique ids', () => {
    expect(new Set(charts.map((c) => c.id)).size).toBe(charts.length);
  });
});

describe('startup distribution', () => {
  const spec = buildDistributionChart(run, 'startup', palette);
  const datasets = config(spec).data.datasets;

  it('is a box plot with one dataset per runtime, every point drawn', () => {
    expect(config(spec).type).toBe('boxplot');
    expect(datasets.map((d) => d.runtime)).toEqual(runtimes);
    const q35 = datasets[0]?.data.find((d) => d !== null) as BoxJson;
    expect(q35.items).toHaveLength(q35.n);
    expect(q35.n).toBe(run.summary.runtimes[0]?.startup.n);
  });

  it('uses the summary’s median, min and max exactly', () => {
    datasets.forEach((d, i) => {
      const box = d.data[i] as BoxJson;
      const summary = run.summary.runtimes[i]?.startup;
      expect(box.median).toBeCloseTo(summary?.median as number, 9);
      expect(box.min).toBe(summary?.min);
      expect(box.max).toBe(summary?.max);
    });
  });

  it('starts on a log axis because VMs and containers differ by orders of magnitude', () => {
    expect(config(spec).options.scales.y.type).toBe('logarithmic');
    expect(config(spec).options.scales.y.title.text).toBe('Startup time (ms, log scale)');
    expect(spec.scaleToggle?.titles.linear).toBe('Startup time (ms)');
  });

  it('tells VMs from containers by point style and warm/cool color', () => {
    const vm = datasets.find((d) => d.kind === 'vm');
    const container = datasets.find((d) => d.kind === 'container');
    expect(vm?.itemStyle).toBe('rectRot');
    expect(container?.itemStyle).toBe('circle');
    expect(vm?.label).toContain('VM');
    expect(container?.label).toContain('container');
  });

  it('thins drawn points for large runs but keeps the statistics exact, and says so', () => {
    const big = makeRunData({ iterations: 2000, resamples: 50, failures: [] });
    const bigSpec = buildDistributionChart(big, 'startup', buildPalette([big]));
    const box = config(bigSpec).data.datasets[0]?.data[0] as BoxJson;
    expect(box.items.length).toBe(MAX_POINTS_PER_BOX);
    expect(box.n).toBe(2000);
    expect(box.median).toBeCloseTo(big.summary.runtimes[0]?.startup.median as number, 9);
    expect(bigSpec.subtitle).toMatch(/thinned/);
    expect(spec.subtitle).not.toMatch(/thinned/);
  });
});

describe('startup CDF', () => {
  const spec = buildStartupCdfChart(run, palette);
  const datasets = config(spec).data.datasets;

  it('has one rising step line per runtime that ends at 1', () => {
    expect(datasets.map((d) => d.runtime)).toEqual(runtimes);
    for (const d of datasets) {
      const points = d.data as Array<{ x: number; y: number }>;
      expect(points[0]?.y).toBe(0);
      expect(points.at(-1)?.y).toBe(1);
      for (let i = 1; i < points.length; i++) {
        expect(points[i]!.x).toBeGreaterThanOrEqual(points[i - 1]!.x);
        expect(points[i]!.y).toBeGreaterThan(points[i - 1]!.y);
      }
    }
    expect(config(spec).options.scales.x.title.text).toMatch(/Startup time \(ms/);
  });

  it('draws VMs dashed, containers solid', () => {
    expect(datasets.find((d) => d.kind === 'vm')?.borderDash).not.toEqual([]);
    expect(datasets.find((d) => d.kind === 'container')?.borderDash).toEqual([]);
  });

  it('keeps each runtime’s color from the distribution chart', () => {
    const box = config(buildDistributionChart(run, 'startup', palette)).data.datasets;
    for (const d of datasets) expect(d.borderColor).toBe(box.find((b) => b.runtime === d.runtime)?.borderColor);
  });

  it('thins long curves to evenly spaced ranks with the extremes', () => {
    expect(thinRanks(10, 20).thinned).toBe(false);
    const { ranks } = thinRanks(100000, MAX_CDF_POINTS);
    expect(ranks).toHaveLength(MAX_CDF_POINTS);
    expect(ranks[0]).toBe(0);
    expect(ranks.at(-1)).toBe(99999);
  });
});

describe('boot phases', () => {
  it('stacks the phase medians of the VMs, one dataset per phase', () => {
    const spec = buildPhasesChart(run, 'vm');
    const c = config(spec);
    expect(c.type).toBe('bar');
    expect(c.options.scales.x.stacked).toBe(true);
    expect(c.options.scales.x.title.text).toBe('Median phase duration (ms)');
    expect(c.data.datasets.map((d) => d.phase)).toEqual(['vmm_firmware_kernel_load', 'kernel_to_init', 'init_to_ready']);
    const q35 = run.summary.runtimes.find((r) => r.runtime === 'qemu-q35');
    expect(c.data.datasets[1]?.data[0]).toBe(q35?.phases.kernel_to_init?.median);
    // Both VMs, in the startup scenario and in the isolation scenario (one probe launch each).
    expect(c.data.labels).toHaveLength(4);
  });

  it('is empty, with the reason, when no phases were recorded', () => {
    const spec = buildPhasesChart(
      withSamples(run, (s) => ({ ...s, phases: [] })),
      'vm',
    );
    expect(spec.config).toBeNull();
    expect(spec.emptyReason).toMatch(/No VM phase times/);
  });
});

describe('teardown distribution', () => {
  it('is empty when teardown was not measured', () => {
    const spec = buildDistributionChart(
      withSamples(run, (s) => ({ ...s, teardownMs: null })),
      'teardown',
      palette,
    );
    expect(spec.config).toBeNull();
    expect(spec.id).toBe('teardown-distribution');
  });
});

describe('palette', () => {
  it('gives a runtime the same color in every run of a comparison', () => {
    const other = makeRunData({
      runtimes: [...run.summary.runtimes].reverse().map((r) => ({
        runtime: r.runtime,
        kind: r.kind,
        backend: r.backend,
        accel: r.accel,
        machine: r.machine,
        startupMs: 10,
        teardownMs: 1,
        phases: [],
      })),
    });
    const p = buildPalette([run, other]);
    expect(p('runc', 'container').color).toBe(palette('runc', 'container').color);
    expect(p('qemu-q35', 'vm').color).not.toBe(p('runc', 'container').color);
  });
});
