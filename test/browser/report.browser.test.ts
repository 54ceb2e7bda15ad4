/**
 * The rendered report in a real browser: it must draw every chart offline, request nothing but
 * itself, show the same numbers as summary.json, and treat hostile names as text.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Summary } from '../../harness/results/format.js';
import { evaluateClaims } from '../../reports/claims.js';
import { formatMiB } from '../../reports/format-numbers.js';
import { formatDurationMs } from '../../harness/format-duration.js';
import { ISOLATION_ROWS, isolationColumns } from '../../reports/isolation-facts.js';
import { renderHtmlReport } from '../../reports/render-html.js';
import { makeRunData, makeRunWithHostileName, XSS_RUNTIME } from '../fixtures/report/make-run-data.js';
import { chromiumMissing, launchChromium, SKIP_REASON } from './launch-chromium.js';
import { chartsDrawnAt, probeCanvases } from './page-probes.js';

const ARTIFACTS = resolve(import.meta.dirname, '../../test-artifacts');

const DENSITY_CANVASES = [
  'density-memory-canvas',
  'density-pss-canvas',
  'density-startup-canvas',
  'density-methods-canvas',
  'density-ksm-canvas',
];

interface TooltipChart {
  tooltip: { setActiveElements(a: unknown[], p: unknown): void; title?: string[]; body?: Array<{ lines: string[] }> };
  update(): void;
}

/** The tooltip a chart shows for one data point: title and body lines. */
async function tooltipOf(page: Page, chartId: string, datasetIndex: number, index: number): Promise<{ title: string[]; lines: string[] }> {
  return page.evaluate(
    ([id, d, i]) => {
      const chart = (window as unknown as { vmbenchReport: { charts: Record<string, TooltipChart> } }).vmbenchReport.charts[id];
      if (chart === undefined) return { title: [], lines: [] };
      chart.tooltip.setActiveElements([{ datasetIndex: d, index: i }], { x: 0, y: 0 });
      chart.update();
      return { title: chart.tooltip.title ?? [], lines: (chart.tooltip.body ?? []).flatMap((b) => b.lines) };
    },
    [chartId, datasetIndex, index] as const,
  );
}

interface OpenedReport {
  page: Page;
  url: string;
  consoleErrors: string[];
  requests: string[];
}

async function openReport(browser: Browser, file: string): Promise<OpenedReport> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const opened: OpenedReport = { page, url: pathToFileURL(file).href, consoleErrors: [], requests: [] };
  page.on('console', (m) => {
    if (m.type() === 'error') opened.consoleErrors.push(m.text());
  });
  page.on('pageerror', (e) => opened.consoleErrors.push(`pageerror: ${e.message}`));
  page.on('request', (r) => opened.requests.push(r.url()));
  await page.goto(opened.url);
  await page.waitForFunction(chartsDrawnAt, null, { timeout: 15_000 });
  return opened;
}

// npm test installs chromium (scripts/setup.sh --tests): its absence is a failure, not a silent skip.
it('chromium is installed for the browser tests', () => {
  expect(chromiumMissing, SKIP_REASON).toBe(false);
});

describe.skipIf(chromiumMissing)(chromiumMissing ? SKIP_REASON : 'HTML report in chromium', () => {
  let browser: Browser;
  let dir: string;
  const run = makeRunWithHostileName();
  let report: OpenedReport;
  let summaryFromDisk: Summary;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'vmbench-report-'));
    // As the harness writes it: summary.json next to report.html; the test reads the numbers back from disk.
    writeFileSync(join(dir, 'summary.json'), JSON.stringify(run.summary, null, 2));
    writeFileSync(join(dir, 'report.html'), renderHtmlReport({ runs: [run] }));
    summaryFromDisk = JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8')) as Summary;
    browser = await launchChromium();
    report = await openReport(browser, join(dir, 'report.html'));
  });

  afterAll(async () => {
    await browser?.close();
    if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
  });

  it('logs no console error', () => {
    expect(report.consoleErrors).toEqual([]);
  });

  it('requests nothing but the file itself', () => {
    expect(report.requests).toEqual([report.url]);
  });

  it('draws every chart: a Chart.js instance on each canvas, with painted pixels', async () => {
    const canvases = await report.page.evaluate(probeCanvases);
    expect(canvases.map((c) => c.id)).toEqual([
      'startup-distribution-canvas',
      'startup-cdf-canvas',
      'teardown-distribution-canvas',
      'vm-boot-phases-canvas',
      'container-startup-phases-canvas',
      ...DENSITY_CANVASES,
    ]);
    for (const c of canvases) {
      expect(c.hasChart, c.id).toBe(true);
      expect(c.paintedPixels, c.id).toBeGreaterThan(0.01 * c.width * c.height);
    }
  });

  it('shows the medians of summary.json, formatted as everywhere else', async () => {
    const shown = await report.page.$$eval('table.summary-table tr[data-metric]', (rows) =>
      rows.map((r) => {
        const row = r as HTMLElement;
        return [row.dataset.runtime, row.dataset.metric, row.querySelector('[data-cell="median"]')?.textContent];
      }),
    );
    const expected = summaryFromDisk.runtimes.flatMap((rs) =>
      (['startup', 'teardown'] as const).map((metric) => [rs.runtime, metric, formatDurationMs(rs[metric].median)]),
    );
    expect(shown).toEqual(expected);
  });

  it('shows the verdicts evaluateClaims gives', async () => {
    const shown = await report.page.$$eval('tr[data-claim]', (rows) =>
      rows.map((r) => [(r as HTMLElement).dataset.claim, r.querySelector('[data-cell="verdict"]')?.textContent?.trim()]),
    );
    expect(shown).toEqual(evaluateClaims(run).map((v) => [v.id, v.verdict]));
  });

  it('shows the C2 verdict evaluateClaims gives from the density data, linked to the memory chart', async () => {
    const c2 = evaluateClaims(run).find((v) => v.id === 'C2');
    expect(c2?.verdict).toBe('supported');
    const row = report.page.locator('tr[data-claim="C2"]');
    expect((await row.locator('[data-cell="verdict"]').textContent())?.trim()).toBe(c2?.verdict);
    expect(await row.locator('a').getAttribute('href')).toBe('#density-memory');
  });

  it('shows the density table with the numbers of summary.json', async () => {
    const shown = await report.page.$$eval('table.density-table td[data-cell="pss"]', (cells) =>
      cells.map((c) => [(c as HTMLElement).dataset.runtime, c.textContent?.trim()]),
    );
    expect(shown).toEqual((summaryFromDisk.density ?? []).map((d) => [d.runtime, formatMiB(d.perInstance.pssBytes)]));
  });

  it('shows the isolation matrix: a column per probed runtime, every row answered, C4 linked to it', async () => {
    const columns = await report.page.$$eval('table.isolation-table th.runtime-col', (ths) =>
      ths.map((th) => (th as HTMLElement).dataset.runtime),
    );
    expect(columns).toEqual(isolationColumns(run).map((c) => c.runtime));
    const rows = await report.page.$$eval('table.isolation-table tr[data-measure]', (trs) =>
      trs.map(
        (tr) => [(tr as HTMLElement).dataset.measure, [...tr.querySelectorAll('td')].map((td) => td.textContent?.trim() ?? '')] as const,
      ),
    );
    expect(rows.map(([key]) => key).sort()).toEqual(ISOLATION_ROWS.map((r) => r.key).sort());
    for (const [key, cells] of rows) {
      expect(cells, key).toHaveLength(columns.length);
      for (const text of cells) expect(text, key).not.toBe('');
    }
    expect(await report.page.locator('tr[data-claim="C4"] a').getAttribute('href')).toBe('#isolation');
    expect(await report.page.locator('#isolation').isVisible()).toBe(true);
  });

  it('gives exact memory in the density tooltips: MiB and bytes, with instances running', async () => {
    const { title, lines } = await tooltipOf(report.page, 'density-memory', 0, 1);
    expect(title).toEqual(['2 instances running']);
    expect(lines[0]).toMatch(/^qemu-q35 \(VM, TCG\): [\d.]+ MiB \([\d\u202f]+ bytes\)$/);
    const fit = await tooltipOf(report.page, 'density-memory', 1, 0);
    expect(fit.lines[0]).toMatch(/^qemu-q35 straight-line fit: [\d.]+ ± [\d.]+ MiB per instance/);
    const bar = await tooltipOf(report.page, 'density-methods', 0, 0);
    expect(bar.lines[0]).toMatch(/^PSS \(host, per process\): [\d.]+ MiB \([\d\u202f]+ bytes\)$/);
  });

  it('switches the memory charts between log and linear scale', async () => {
    const type = (id: string): Promise<string> =>
      report.page.evaluate(
        (chartId) =>
          (window as unknown as { vmbenchReport: { charts: Record<string, { options: { scales: { x: { type: string } } } }> } })
            .vmbenchReport.charts[chartId]!.options.scales.x.type,
        id,
      );
    expect(await type('density-methods')).toBe('logarithmic');
    await report.page.click('button[data-scale-toggle="density-methods"]');
    expect(await type('density-methods')).toBe('linear');
    await report.page.click('button[data-scale-toggle="density-methods"]');
    expect(await type('density-methods')).toBe('logarithmic');
  });

  it('does not run a script hidden in a runtime name, and shows the name as text', async () => {
    expect(await report.page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned)).toBeUndefined();
    // In the startup and the isolation scenario: two rows.
    const name = report.page.locator('table.summary-table td.name', { hasText: XSS_RUNTIME });
    expect(await name.count()).toBe(2);
    await expect(name.first().isVisible()).resolves.toBe(true);
    const column = report.page.locator('table.isolation-table th.runtime-col', { hasText: XSS_RUNTIME });
    await expect(column.isVisible()).resolves.toBe(true);
    const header = report.page.locator('table.density-table th.runtime-col', { hasText: XSS_RUNTIME });
    await expect(header.isVisible()).resolves.toBe(true);
    expect(await report.page.locator('b', { hasText: /^x$/ }).count()).toBe(0);
  });

  it('gives exact values in tooltips', async () => {
    const lines = await report.page.evaluate(() => {
      const chart = (
        window as unknown as {
          vmbenchReport: {
            charts: Record<
              string,
              { tooltip: { setActiveElements(a: unknown[], p: unknown): void; body?: Array<{ lines: string[] }> }; update(): void }
            >;
          };
        }
      ).vmbenchReport.charts['startup-cdf'];
      if (chart === undefined) return [];
      chart.tooltip.setActiveElements([{ datasetIndex: 0, index: 5 }], { x: 0, y: 0 });
      chart.update();
      return (chart.tooltip.body ?? []).flatMap((b) => b.lines);
    });
    // Two scenarios (startup and isolation): labels name the scenario too.
    expect(lines[0]).toMatch(/^busybox-echo \/ qemu-q35 \(VM, TCG\): [\d.]+% ready within \d+\.\d+ ms$/);
  });

  it('switches the distribution chart between log and linear scale', async () => {
    const type = (): Promise<string> =>
      report.page.evaluate(
        () =>
          (window as unknown as { vmbenchReport: { charts: Record<string, { options: { scales: { y: { type: string } } } }> } })
            .vmbenchReport.charts['startup-distribution']!.options.scales.y.type,
      );
    expect(await type()).toBe('logarithmic');
    await report.page.click('button[data-scale-toggle="startup-distribution"]');
    expect(await type()).toBe('linear');
    await report.page.click('button[data-scale-toggle="startup-distribution"]');
    expect(await type()).toBe('logarithmic');
  });

  it('saves a screenshot for people to look at', async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    await report.page.screenshot({ path: join(ARTIFACTS, 'report.png'), fullPage: true });
    await report.page.locator('#density').screenshot({ path: join(ARTIFACTS, 'report-density.png') });
    await report.page.locator('#isolation').screenshot({ path: join(ARTIFACTS, 'report-isolation.png') });
    // Real images of a drawn page, not empty files: PNG signature and a size only a rendered page reaches.
    for (const name of ['report.png', 'report-density.png', 'report-isolation.png']) {
      const png = readFileSync(join(ARTIFACTS, name));
      expect(png.subarray(0, 8).toString('hex'), name).toBe('89504e470d0a1a0a');
      expect(png.length, name).toBeGreaterThan(10_000);
      // IHDR width and height: a real rendering of the 1280-px-wide page, not a blank pixel.
      expect(png.readUInt32BE(16), name).toBeGreaterThan(200);
      expect(png.readUInt32BE(20), name).toBeGreaterThan(100);
    }
    expect(report.consoleErrors).toEqual([]);
  });

  it('renders a density-only run: no errors, the startup charts reduced to a line, every density chart drawn', async () => {
    const file = join(dir, 'density-only.html');
    const densityOnly = makeRunData({ runId: '2025-11-30T09-00-00Z-density', runtimes: [], failures: [] });
    writeFileSync(file, renderHtmlReport({ runs: [densityOnly] }));
    const opened = await openReport(browser, file);
    expect(opened.consoleErrors).toEqual([]);
    expect(opened.requests).toEqual([opened.url]);
    const canvases = await opened.page.evaluate(probeCanvases);
    expect(canvases.map((c) => c.id)).toEqual(DENSITY_CANVASES);
    for (const c of canvases) expect(c.hasChart && c.paintedPixels > 0.01 * c.width * c.height, c.id).toBe(true);
    expect(await opened.page.locator('#charts').textContent()).toContain('no startup charts');
    const c2 = evaluateClaims(densityOnly).find((v) => v.id === 'C2');
    expect((await opened.page.locator('tr[data-claim="C2"] [data-cell="verdict"]').textContent())?.trim()).toBe(c2?.verdict);
    await opened.page.close();
  });

  it('renders a comparison of two runs the same way: no errors, no requests, every chart drawn', async () => {
    const file = join(dir, 'comparison.html');
    const slower = makeRunData({ runId: '2025-11-30T10-00-00Z-slower', seed: 3, scale: 1.25 });
    writeFileSync(file, renderHtmlReport({ runs: [makeRunData(), slower] }));
    const comparison = await openReport(browser, file);
    expect(comparison.consoleErrors).toEqual([]);
    expect(comparison.requests).toEqual([comparison.url]);
    const canvases = await comparison.page.evaluate(probeCanvases);
    // The forest plot of ratios, the two side-by-side box plots, then each run's own charts.
    expect(canvases.length).toBe(3 + 2 * (5 + DENSITY_CANVASES.length));
    expect(canvases.map((c) => c.id)).toContain('forest-1-canvas');
    for (const c of canvases) expect(c.hasChart && c.paintedPixels > 0, c.id).toBe(true);
    await comparison.page.locator('#forest-1').screenshot({ path: join(ARTIFACTS, 'comparison-forest.png') });
    await comparison.page.screenshot({ path: join(ARTIFACTS, 'comparison.png'), fullPage: true });
    for (const name of ['comparison-forest.png', 'comparison.png']) {
      const png = readFileSync(join(ARTIFACTS, name));
      expect(png.subarray(0, 8).toString('hex'), name).toBe('89504e470d0a1a0a');
      expect(png.length, name).toBeGreaterThan(10_000);
    }
  });
});
