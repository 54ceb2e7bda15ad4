/**
 * The performance charts in a real browser: each workload's chart is drawn (bars plus the host's
 * 1× line), its tooltip gives the relative speed, and a hostile unit stays text.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderHtmlReport } from '../../reports/render-html.js';
import { makeRunData } from '../fixtures/report/make-run-data.js';
import { withPerformance } from '../fixtures/report/performance-samples.js';
import { chromiumMissing, launchChromium, SKIP_REASON } from './launch-chromium.js';
import { chartsDrawnAt, probeCanvases } from './page-probes.js';

describe.skipIf(chromiumMissing)(chromiumMissing ? SKIP_REASON : 'performance charts in chromium', () => {
  let browser: Browser;
  let page: Page;
  let dir: string;
  const errors: string[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'vmbench-perf-report-'));
    writeFileSync(join(dir, 'report.html'), renderHtmlReport({ runs: [withPerformance(makeRunData())] }));
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
    await page.goto(pathToFileURL(join(dir, 'report.html')).href);
    await page.waitForFunction(chartsDrawnAt, null, { timeout: 15_000 });
  });

  afterAll(async () => {
    await browser?.close();
    if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
  });

  it('draws a chart per workload without errors', async () => {
    expect(errors).toEqual([]);
    const canvases = (await page.evaluate(probeCanvases)).filter((c) => c.id.startsWith('perf-'));
    expect(canvases.map((c) => c.id)).toEqual(['perf-performance-cpu-canvas', 'perf-performance-mine-canvas']);
    for (const c of canvases) {
      expect(c.hasChart, c.id).toBe(true);
      expect(c.paintedPixels, c.id).toBeGreaterThan(0.01 * c.width * c.height);
    }
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  });

  it('shows the relative speed in the tooltip, as "0.25×"', async () => {
    const lines = await page.evaluate(() => {
      const chart = (
        window as unknown as {
          vmbenchReport: {
            charts: Record<
              string,
              { tooltip: { setActiveElements(a: unknown[], p: unknown): void; body?: { lines: string[] }[] }; update(): void }
            >;
          };
        }
      ).vmbenchReport.charts['perf-performance-cpu']!;
      chart.tooltip.setActiveElements([{ datasetIndex: 0, index: 0 }], { x: 0, y: 0 });
      chart.update();
      return (chart.tooltip.body ?? []).flatMap((b) => b.lines);
    });
    expect(lines).toEqual(['qemu-q35 (tcg): 0.25×']);
  });
});
