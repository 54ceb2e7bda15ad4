import { describe, expect, it } from 'vitest';
import type { DensityStep } from '../../../harness/results/format.js';
import type { ChartSpec, DatasetJson } from '../../../reports/charts/chart-spec.js';
import { buildDistributionChart } from '../../../reports/charts/distribution-chart.js';
import { buildKsmEffectChart } from '../../../reports/charts/ksm-effect.js';
import { buildMemoryByMethodChart } from '../../../reports/charts/memory-by-method.js';
import { MEMORY_METHODS } from '../../../reports/charts/memory-methods.js';
import { buildMemoryVsInstancesChart } from '../../../reports/charts/memory-vs-instances.js';
import { buildPalette } from '../../../reports/charts/palette.js';
import { buildDensityCharts, buildRunCharts } from '../../../reports/charts/run-charts.js';
import { buildStartupVsInstancesChart } from '../../../reports/charts/startup-vs-instances.js';
import { DEFAULT_DENSITY, densityNamed, makeRunData, withDensityRecords } from '../../fixtures/report/make-run-data.js';

const MIB = 2 ** 20;
const run = makeRunData();
const palette = buildPalette([run]);
const densityRuntimes = DEFAULT_DENSITY.map((d) => d.runtime);
const summaryOf = (runtime: string) => run.summary.density?.find((d) => d.runtime === runtime);
const stepsOf = (runtime: string): DensityStep[] =>
  run.density.filter((r): r is DensityStep => r.type === 'density-step' && r.runtime === runtime);

function config(spec: ChartSpec | null): NonNullable<ChartSpec['config']> {
  if (spec === null) throw new Error('no chart');
  if (spec.config === null) throw new Error(`chart ${spec.id} is empty: ${spec.emptyReason}`);
  return spec.config;
}

const points = (d: DatasetJson) => d.data as Array<{ x: number; y: number; b?: number }>;
const pointSets = (spec: ChartSpec) => config(spec).data.datasets.filter((d) => d.fit !== true);
const fitSets = (spec: ChartSpec) => config(spec).data.datasets.filter((d) => d.fit === true);

describe('the density charts of a run', () => {
  const charts = buildDensityCharts(run, palette);

  it('are the memory, PSS, startup, by-method and KSM charts, after the startup charts', () => {
    expect(charts.map((c) => c.id)).toEqual(['density-memory', 'density-pss', 'density-startup', 'density-methods', 'density-ksm']);
    expect(buildRunCharts(run, palette).map((c) => c.id)).not.toContain('density-memory');
  });

  it('do not exist when the run has no density data', () => {
    expect(buildDensityCharts(makeRunData({ density: 'none' }), palette)).toEqual([]);
  });

  it('are plain JSON', () => {
    expect(JSON.parse(JSON.stringify(charts))).toEqual(charts);
  });

  it('label every axis, with units: MiB or ms on the value axis, a count on instances', () => {
    for (const spec of charts) {
      const { x, y } = config(spec).options.scales;
      const value = config(spec).options.scales[spec.valueAxis];
      expect(value.title.text).toMatch(spec.valueUnit === 'MiB' ? /\(MiB\b/ : /\(ms\b/);
      for (const a of [x, y]) {
        expect(a.title.text.length).toBeGreaterThan(0);
        if (a.type !== 'category' && a !== value) expect(a.title.text).toBe('Instances running (count)');
      }
      expect(spec.scaleToggle?.titles.linear).toMatch(/\((MiB|ms)\)$/);
    }
  });
});

describe('host memory used vs instances running', () => {
  const spec = buildMemoryVsInstancesChart(run, 'system', palette);

  it('has one point dataset and one fit line per runtime, all runtimes on one chart', () => {
    expect(pointSets(spec).map((d) => d.runtime)).toEqual(densityRuntimes);
    expect(fitSets(spec).map((d) => d.runtime)).toEqual(densityRuntimes);
    expect(config(spec).type).toBe('scatter');
  });

  it('plots baseline MemAvailable − MemAvailable at every ready step, in MiB with the exact bytes', () => {
    const runc = pointSets(spec).find((d) => d.runtime === 'runc') as DatasetJson;
    const end = run.density.find((r) => r.type === 'density-end' && r.runtime === 'runc');
    const baseline = end?.type === 'density-end' ? end.baselineMemAvailableBytes : NaN;
    const ok = stepsOf('runc').filter((s) => s.outcome === 'ok');
    expect(stepsOf('runc').length).toBe(ok.length + 1); // the timed-out launch is not drawn
    expect(points(runc)).toEqual(
      ok.map((s) => ({ x: s.running, y: (baseline - s.memAvailableBytes) / MIB, b: baseline - s.memAvailableBytes })),
    );
  });

  it('draws the harness’s fit: slope and intercept of summary.marginalSystem', () => {
    for (const fit of fitSets(spec)) {
      const expected = summaryOf(fit.runtime as string)?.marginalSystem;
      const line = points(fit);
      const [a, b] = [line[0]!, line.at(-1)!];
      expect(((b.y - a.y) / (b.x - a.x)) * MIB).toBeCloseTo(expected?.slope as number, 3);
      expect(a.y * MIB).toBeCloseTo((expected?.intercept as number) + (expected?.slope as number) * a.x, 3);
      expect(fit.note).toMatch(/straight-line fit: [\d.]+ ± [\d.]+ MiB per instance, intercept .* r² [\d.]+ \(n = \d+\)/);
    }
  });

  it('keeps each runtime’s color and tells VMs (diamonds, dashed) from containers (circles, solid)', () => {
    const startupColors = config(buildDistributionChart(run, 'startup', palette)).data.datasets;
    for (const d of config(spec).data.datasets) {
      expect(d.borderColor).toBe(startupColors.find((s) => s.runtime === d.runtime)?.borderColor);
    }
    expect(pointSets(spec).find((d) => d.kind === 'vm')?.pointStyle).toBe('rectRot');
    expect(pointSets(spec).find((d) => d.kind === 'container')?.pointStyle).toBe('circle');
    expect(fitSets(spec).find((d) => d.kind === 'vm')?.borderDash).not.toEqual([]);
    expect(fitSets(spec).find((d) => d.kind === 'container')?.borderDash).toEqual([]);
  });

  it('has MiB on y with a log/linear switch and a count on x', () => {
    const c = config(spec);
    expect(spec.valueUnit).toBe('MiB');
    expect(spec.tooltip).toBe('xy');
    expect(spec.scaleToggle?.axis).toBe('y');
    expect(c.options.scales.y.title.text).toMatch(/^Host memory used \(MiB/);
    expect(c.options.scales.x.ticks?.precision).toBe(0);
  });

  it('starts linear when a log axis would hide points at or below zero, and says so', () => {
    const noisy = withDensityRecords(
      run,
      run.density.map((r) =>
        r.type === 'density-step' && r.runtime === 'namespaces' ? { ...r, memAvailableBytes: r.memAvailableBytes + 200 * MIB } : r,
      ),
    );
    const s = buildMemoryVsInstancesChart(noisy, 'system', palette);
    expect(config(s).options.scales.y.type).toBe('linear');
    expect(s.subtitle).toMatch(/at or below zero/);
  });

  it('leaves out a runtime whose end record (and so its baseline) is missing, and says so', () => {
    const cut = withDensityRecords(
      run,
      run.density.filter((r) => !(r.type === 'density-end' && r.runtime === 'qemu-q35')),
    );
    const s = buildMemoryVsInstancesChart(cut, 'system', palette);
    expect(pointSets(s).map((d) => d.runtime)).not.toContain('qemu-q35');
    expect(s.subtitle).toContain('Not drawn (no baseline recorded): qemu-q35');
  });

  it('draws no fit line for a runtime the harness could not fit', () => {
    const one = makeRunData({ density: [{ ...DEFAULT_DENSITY[0]!, instances: 1 }, ...densityNamed('runc')] });
    const s = buildMemoryVsInstancesChart(one, 'system', buildPalette([one]));
    expect(one.summary.density?.[0]?.marginalSystem).toBeNull();
    expect(pointSets(s).map((d) => d.runtime)).toEqual(['qemu-q35', 'runc']);
    expect(fitSets(s).map((d) => d.runtime)).toEqual(['runc']);
  });
});

describe('summed PSS vs instances running', () => {
  const spec = buildMemoryVsInstancesChart(run, 'pss', palette);

  it('plots only the steps that read the summed PSS', () => {
    const read = stepsOf('runc').filter((s) => s.outcome === 'ok' && s.pssTotalBytes !== null);
    expect(read.length).toBeLessThan(60); // read every step up to 10, then every other step
    const runc = pointSets(spec).find((d) => d.runtime === 'runc') as DatasetJson;
    expect(points(runc)).toEqual(read.map((s) => ({ x: s.running, y: (s.pssTotalBytes as number) / MIB, b: s.pssTotalBytes })));
  });

  it('draws the summed-PSS fit of every runtime', () => {
    expect(fitSets(spec).map((d) => d.runtime)).toEqual(densityRuntimes);
    const q35 = fitSets(spec).find((d) => d.runtime === 'qemu-q35') as DatasetJson;
    const line = points(q35);
    expect(((line.at(-1)!.y - line[0]!.y) / (line.at(-1)!.x - line[0]!.x)) * MIB).toBeCloseTo(
      summaryOf('qemu-q35')?.marginalPss?.slope as number,
      3,
    );
    expect(config(spec).options.scales.y.title.text).toMatch(/^Summed PSS of all instances \(MiB/);
  });
});

describe('startup time vs instances running', () => {
  const spec = buildStartupVsInstancesChart(run, palette);

  it('draws one line per runtime on a log axis in ms, failed launches left out', () => {
    const c = config(spec);
    expect(c.data.datasets.map((d) => d.runtime)).toEqual(densityRuntimes);
    expect(c.options.scales.y.type).toBe('logarithmic');
    expect(c.options.scales.y.title.text).toBe('Startup time of the new instance (ms, log scale)');
    const runc = c.data.datasets.find((d) => d.runtime === 'runc') as DatasetJson;
    expect(points(runc)).toHaveLength(60);
    expect(runc.label).toMatch(/^runc \(container\), −?[\d.]+ ms per running instance$/);
  });
});

describe('memory per instance by method', () => {
  const spec = buildMemoryByMethodChart(run, palette);
  const datasets = config(spec).data.datasets;

  it('names every method as the documentation does, in its order', () => {
    expect(datasets.map((d) => d.label)).toEqual([
      'PSS (host, per process)',
      'RSS (upper bound)',
      'cgroup',
      "inside (workload's own use)",
      'MemAvailable drop (system)',
      'configured RAM',
    ]);
    expect(MEMORY_METHODS.map((m) => m.label)).toEqual(datasets.map((d) => d.label));
  });

  it('has one group per runtime, with the summary’s medians in MiB and exact bytes', () => {
    expect(config(spec).data.labels?.map((l) => (l as string[])[0])).toEqual(densityRuntimes);
    const pss = datasets.find((d) => d.method === 'pss') as DatasetJson;
    densityRuntimes.forEach((runtime, i) => {
      expect(pss.data[i]).toBe((summaryOf(runtime)?.perInstance.pssBytes as number) / MIB);
      expect((pss.bytes as number[])[i]).toBe(summaryOf(runtime)?.perInstance.pssBytes);
    });
  });

  it('leaves methods that do not apply absent (null), never zero', () => {
    const byMethod = (key: string) => datasets.find((d) => d.method === key) as DatasetJson;
    const index = (runtime: string) => densityRuntimes.indexOf(runtime);
    expect(byMethod('configured').data[index('runc')]).toBeNull();
    expect(byMethod('configured').data[index('namespaces')]).toBeNull();
    expect(byMethod('cgroup').data[index('qemu-q35')]).toBeNull();
    expect(byMethod('cgroup').data[index('namespaces')]).toBeNull();
    expect(byMethod('cgroup').data[index('runc')]).toBeGreaterThan(0);
    for (const d of datasets) expect(d.data).not.toContain(0);
    expect(byMethod('cgroup').skipNull).toBe(true);
  });

  it('drops a method no runtime has, and colors the runtime labels as the other charts do', () => {
    const noCgroup = makeRunData({ density: densityNamed('qemu-q35', 'namespaces') });
    const c = config(buildMemoryByMethodChart(noCgroup, buildPalette([noCgroup])));
    expect(c.data.datasets.map((d) => d.method)).not.toContain('cgroup');
    expect(config(spec).options.scales.y.ticks?.color).toEqual(densityRuntimes.map((r) => palette(r, summaryOf(r)!.kind).color));
  });

  it('starts on a log MiB axis: VMs cost hundreds of MiB, containers under one', () => {
    expect(config(spec).options.scales.x.type).toBe('logarithmic');
    expect(config(spec).options.scales.x.title.text).toBe('Memory per instance (MiB, log scale)');
    expect(spec.valueAxis).toBe('x');
  });
});

describe('KSM before and after', () => {
  it('shows summed PSS before and after per runtime: guests shrink, containers do not', () => {
    const spec = buildKsmEffectChart(run, palette);
    const [before, after] = config(spec).data.datasets;
    expect([before?.label, after?.label]).toEqual(['before KSM', 'after KSM']);
    const q35 = densityRuntimes.indexOf('qemu-q35');
    const runc = densityRuntimes.indexOf('runc');
    expect((after?.data[q35] as number) / (before?.data[q35] as number)).toBeLessThan(0.7);
    expect((after?.data[runc] as number) / (before?.data[runc] as number)).toBeGreaterThan(0.99);
    expect(spec?.subtitle).toMatch(/Saved: qemu-q35 3\d\.\d% /);
  });

  it('is absent when no runtime ran KSM', () => {
    const noKsm = makeRunData({ density: DEFAULT_DENSITY.map((d) => ({ ...d, ksmSaving: null })) });
    expect(buildKsmEffectChart(noKsm, palette)).toBeNull();
    expect(buildDensityCharts(noKsm, palette).map((c) => c.id)).not.toContain('density-ksm');
    expect(buildDensityCharts(noKsm, palette).find((c) => c.id === 'density-methods')?.width).toBe('full');
  });
});
