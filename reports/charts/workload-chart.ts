/**
 * One small chart per performance workload: each runtime's speed relative to the host baseline,
 * metric by metric, runtimes side by side, the host drawn as a line at 1×. A TCG caveat goes in
 * the chart's own caption, where a reader looking only at the bars will see it.
 */
import type { RunData } from '../report-input.js';
import { hostDiskCacheNote, tcgNote, workloadGroups, type WorkloadGroup } from '../performance-facts.js';
import { legendAndTooltip } from './axes.js';
import { axis, baseOptions, emptyChart, type ChartSpec, type DatasetJson } from './chart-spec.js';
import type { Palette } from './palette.js';

export function workloadChartId(group: Pick<WorkloadGroup, 'scenario' | 'workload'>): string {
  return `perf-${group.scenario}-${group.workload}`.replace(/[^a-z0-9_-]/gi, '-');
}

export function buildWorkloadCharts(run: RunData, palette: Palette, idPrefix = ''): ChartSpec[] {
  return workloadGroups(run).map((g) => buildWorkloadChart(g, palette, idPrefix));
}

function buildWorkloadChart(g: WorkloadGroup, palette: Palette, idPrefix: string): ChartSpec {
  const id = idPrefix + workloadChartId(g);
  const title = `${g.workload}: speed relative to the host`;
  const host = g.rows.find((r) => r.kind === 'host');
  if (!host || g.vsHost.length === 0) {
    return emptyChart(
      id,
      title,
      'No host baseline with successful samples in this run (add the host runtime): the table gives the absolute figures.',
    );
  }
  const metrics = host.metrics.map((m) => m.name);
  const others = g.rows.filter((r) => r.kind !== 'host');
  const datasets: DatasetJson[] = others.map((r) => {
    const style = palette(r.runtime, r.kind);
    return {
      label: r.accel ? `${r.runtime} (${r.accel})` : r.runtime,
      runtime: r.runtime,
      kind: r.kind,
      data: metrics.map((m) => g.vsHost.find((x) => x.runtime === r.runtime && x.metric === m)?.relative ?? null),
      backgroundColor: style.fill,
      borderColor: style.color,
      borderWidth: 1.5,
    };
  });
  const hostStyle = palette(host.runtime, 'host');
  datasets.push({
    type: 'line',
    label: `${host.runtime} (baseline, 1×)`,
    runtime: host.runtime,
    kind: 'host',
    data: metrics.map(() => 1),
    borderColor: hostStyle.color,
    borderDash: [6, 3],
    borderWidth: 2,
    pointRadius: 0,
    fill: false,
  });
  const cacheNote = hostDiskCacheNote(g.rows);
  const units = host.metrics.map((m) => `${m.name} in ${m.unit}, ${m.better} is better`).join('; ');
  return {
    id,
    title,
    subtitle: `Median of each metric relative to ${host.runtime} (1× = as fast, below 1 = slower; ${units}).${g.tcg ? ` ${tcgNote(g.workload)}` : ''}${cacheNote ? ` ${cacheNote}` : ''}`,
    valueAxis: 'y',
    valueUnit: 'relative',
    tooltip: 'bar',
    width: 'half',
    scaleToggle: null,
    emptyReason: null,
    config: {
      type: 'bar',
      data: { labels: metrics, datasets },
      options: {
        ...baseOptions(),
        scales: {
          x: axis('category', 'Metric', { grid: { display: false } }),
          y: axis('linear', `Speed relative to ${host.runtime} (×)`, { beginAtZero: true }),
        },
        plugins: legendAndTooltip(),
      },
    },
  };
}
