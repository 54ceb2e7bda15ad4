/** The performance section of the HTML report and of summary.md, and the per-workload charts. */
import { describe, it, expect } from 'vitest';
import { renderHtmlReport } from '../../../reports/render-html.js';
import { renderMarkdownSummary } from '../../../reports/render-markdown.js';
import { buildWorkloadCharts } from '../../../reports/charts/workload-chart.js';
import { buildPalette } from '../../../reports/charts/palette.js';
import { makeRunData } from '../../fixtures/report/make-run-data.js';
import { idsIn, markupOnly, readJsonScript } from '../../fixtures/report/html-helpers.js';
import { withPerformance } from '../../fixtures/report/performance-samples.js';
import type { ChartSpec } from '../../../reports/charts/chart-spec.js';
import type { WorkloadSummary } from '../../../harness/results/format.js';
import { hostDiskCacheNote } from '../../../reports/performance-facts.js';

const run = withPerformance(makeRunData());
const page = renderHtmlReport({ runs: [run] });

describe('performance in the HTML report', () => {
  it('has a Performance section in the table of contents, one block per workload', () => {
    expect(page).toContain('<a href="#performance">Performance</a>');
    expect(page).toContain('<h2>Performance</h2>');
    expect(markupOnly(page).match(/data-workload="(cpu|mine)"/g)).toEqual(['data-workload="cpu"', 'data-workload="mine"']);
    expect(new Set(idsIn(page)).size).toBe(idsIn(page).length);
  });

  it('gives the medians and the speed relative to the host, with readings', () => {
    expect(markupOnly(page)).toMatch(
      /<tr data-runtime="qemu-q35" data-baseline="host" data-metric="events_per_s_1t">[\s\S]*?<strong>0\.250×<\/strong>[\s\S]*?75% slower than host/,
    );
    expect(markupOnly(page)).toMatch(/data-runtime="runc" data-baseline="host" data-metric="wall_s_1t">[\s\S]*?<strong>0\.990×<\/strong>/);
  });

  it('draws one chart per workload: runtimes as bars relative to the host, the host as a 1× line, the TCG caveat in its caption', () => {
    const specs = readJsonScript(page, 'vmbench-chart-specs') as ChartSpec[];
    const cpu = specs.find((s) => s.id === 'perf-performance-cpu')!;
    expect(cpu.valueUnit).toBe('relative');
    expect(cpu.subtitle).toContain('These VM figures measure TCG');
    const sets = cpu.config!.data.datasets;
    expect(sets.map((d) => d.runtime)).toEqual(['qemu-q35', 'runc', 'host']);
    expect(sets[2]).toMatchObject({ type: 'line', data: [1, 1] });
    expect(sets[0]!.data).toEqual([0.25, 0.25]);
  });

  it('escapes a hostile unit from a scenario everywhere it is shown', () => {
    expect(markupOnly(page)).not.toContain('<img src=x');
    expect(page).toContain('&lt;img src=x onerror=alert(1)&gt;');
    const md = renderMarkdownSummary({ runs: [run] });
    expect(md).not.toMatch(/(?<!\\)<img/); // backslash-escaped, as every Markdown cell is
    expect(md).toContain('\\<img src=x onerror=alert(1)\\>\\|\\*\\_x\\_\\*');
    expect(md).toContain('## Performance');
    expect(md).toMatch(/\| qemu-q35 \| host \| events\\_per\\_s\\_1t \| 0\.250× \| [\d.–×]+ \| 75% slower than host \|/);
  });

  it('says why there is no chart when the run has no host baseline', () => {
    const noHost = withPerformance(makeRunData(), ['qemu-q35', 'runc']);
    const [chart] = buildWorkloadCharts(noHost, buildPalette([noHost]));
    expect(chart!.config).toBeNull();
    expect(chart!.emptyReason).toContain('No host baseline');
  });

  it('leaves a run without performance workloads as it was', () => {
    expect(renderHtmlReport({ runs: [makeRunData()] })).not.toContain('<h2>Performance</h2>');
  });
});

describe('a disk or network workload in the report', () => {
  const io = withPerformance(makeRunData(), undefined, ['disk']);
  const ioPage = renderHtmlReport({ runs: [io] });

  it("says under its table and in its chart's caption that the VM's devices were emulated too, with ratios to the host", () => {
    const section = markupOnly(ioPage).slice(markupOnly(ioPage).indexOf('data-workload="disk"'));
    expect(section).toContain('virtio devices are both emulated');
    expect(section).toMatch(/data-runtime="qemu-q35" data-baseline="host" data-metric="randread_iops">[\s\S]*?<strong>0\.250×<\/strong>/);
    expect(section).toMatch(/data-runtime="runc" data-baseline="host" data-metric="randread_p99_us">[\s\S]*?<strong>0\.990×<\/strong>/);
    const chart = (readJsonScript(ioPage, 'vmbench-chart-specs') as ChartSpec[]).find((s) => s.id === 'perf-performance-disk')!;
    expect(chart.subtitle).toContain('virtio devices are both emulated');
    expect(chart.config!.data.labels).toEqual(['randread_iops', 'randread_p99_us']);
    // The cpu workload keeps the plain TCG caption.
    expect(buildWorkloadCharts(run, buildPalette([run]))[0]!.subtitle).not.toContain('virtio');
  });

  it('summary.md carries the same note for the disk workload', () => {
    const md = renderMarkdownSummary({ runs: [io] });
    expect(md).toMatch(/Workload `disk`[^\n]*\n\n> VMs here ran under TCG[^\n]*virtio devices are both emulated/);
  });

  it('says, under the table, in the chart caption and in summary.md, what the host page cache held of each disk afterwards', () => {
    const section = markupOnly(ioPage).slice(markupOnly(ioPage).indexOf('data-workload="disk"'));
    const note = "Host page cache: qemu-q35, runc, host: at most 0.3 MiB of the backing file in the host's page cache after fio";
    expect(section).toContain(`<p class="caveat" data-note="host-disk-cache">${note.replace(/'/g, '&#39;')}`);
    const chart = (readJsonScript(ioPage, 'vmbench-chart-specs') as ChartSpec[]).find((s) => s.id === 'perf-performance-disk')!;
    expect(chart.subtitle).toContain(note);
    expect(renderMarkdownSummary({ runs: [io] })).toContain(`> ${note}`);
    // Workloads without a disk say nothing about it.
    expect(markupOnly(page)).not.toContain('host-disk-cache');
  });
});

describe('hostDiskCacheNote', () => {
  const row = (runtime: string, backend: WorkloadSummary['backend'], cachedMiB: number | null): WorkloadSummary => ({
    scenario: 'io',
    runtime,
    kind: backend === 'host' ? 'host' : 'container',
    backend,
    accel: null,
    machine: null,
    workload: 'disk',
    metrics: [],
    hostDiskCache: cachedMiB === null ? null : { cachedMiB, fileMiB: 128 },
  });

  it('names a runtime whose backing file ended up in the host page cache, and why for gVisor', () => {
    const note = hostDiskCacheNote([row('runc', 'runc', 0), row('runsc', 'runsc', 127.5), row('host', 'host', 0.02)])!;
    expect(note).toBe(
      "Host page cache: runsc: 128 of its 128 MiB backing file was in the host's page cache after fio (median), so fio's direct=1 did not reach the host's disk." +
        ' gVisor honours O_DIRECT inside its sentry, but its gofer opens the host file without it (gVisor issue #3626): the host kernel buffers the I/O, and these figures are largely the host page cache’s.' +
        " runc, host: at most 0.0 MiB of the backing file in the host's page cache after fio (dropped from it before the launch), so direct I/O reached the host's disk.",
    );
    expect(hostDiskCacheNote([row('x', 'namespaces', 40)])).toMatch(
      /^Host page cache: x: 40 of its 128 MiB [^]*Its disk figures are largely the host page cache’s\.$/,
    );
  });

  it('says nothing without a reading (no disk, no fincore, older results)', () => {
    expect(hostDiskCacheNote([row('runc', 'runc', null)])).toBeNull();
    expect(hostDiskCacheNote([])).toBeNull();
  });
});
