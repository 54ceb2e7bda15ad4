/**
 * A report of 100 000 samples (4 runtimes × 25 000) drawn by chromium: inside npm test it must draw
 * without errors or requests, and prints the time it took (a shared host's timing is no verdict);
 * the 2 s budget from navigation start is checked only on demand, as a benchmark:
 * VMBENCH_BENCH=1 npx vitest run test/browser/render-100k.bench.test.ts (3 loads, median).
 * The summary's bootstrap
 * uses 20 resamples here only to make the fixture quickly: the renderer's cost does not depend on it.
 */
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { renderHtmlReport } from '../../reports/render-html.js';
import { makeRunData } from '../fixtures/report/make-run-data.js';
import { chromiumMissing, launchChromium, SKIP_REASON } from './launch-chromium.js';
import { chartsDrawnAt, probeCanvases } from './page-probes.js';

const SAMPLES_PER_RUNTIME = 25_000;
const BUDGET_MS = 2_000;
/** On demand: the budget is checked, over the median of 3 loads; in npm test one load is enough. */
const BENCH = process.env.VMBENCH_BENCH === '1';
const LOADS = BENCH ? 3 : 1;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

describe.skipIf(chromiumMissing)(chromiumMissing ? SKIP_REASON : 'report of 100 000 samples', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vmbench-100k-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it(
    BENCH ? `is drawn in chromium in under ${BUDGET_MS} ms` : 'is drawn in chromium without errors or requests (prints the time)',
    async () => {
      let t = performance.now();
      const run = makeRunData({ iterations: SAMPLES_PER_RUNTIME, warmups: 0, resamples: 20, failures: [], probes: 'none' });
      const fixtureMs = performance.now() - t;
      expect(run.samples).toHaveLength(100_000);

      t = performance.now();
      const html = renderHtmlReport({ runs: [run] });
      const renderMs = performance.now() - t;
      const file = join(dir, 'report.html');
      writeFileSync(file, html);

      const browser = await launchChromium();
      const drawn: number[] = [];
      try {
        for (let i = 0; i < LOADS; i++) {
          const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
          const errors: string[] = [];
          const requests: string[] = [];
          page.on('pageerror', (e) => errors.push(e.message));
          page.on('console', (m) => {
            if (m.type() === 'error') errors.push(m.text());
          });
          page.on('request', (r) => requests.push(r.url()));
          await page.goto(pathToFileURL(file).href);
          await page.waitForFunction(chartsDrawnAt, null, { timeout: 30_000 });
          drawn.push((await page.evaluate(chartsDrawnAt)) as number);
          const canvases = await page.evaluate(probeCanvases);
          expect(errors).toEqual([]);
          expect(requests).toEqual([pathToFileURL(file).href]); // self-contained: nothing fetched
          // every() holds for no canvas at all: the startup charts must be there, and each drawn.
          expect(canvases.length).toBeGreaterThanOrEqual(4);
          for (const c of canvases) expect(c.hasChart && c.paintedPixels > 0, c.id).toBe(true);
          await page.close();
        }
      } finally {
        await browser.close();
      }
      const result = {
        samples: run.samples.length,
        fixtureMs: Math.round(fixtureMs),
        nodeRenderMs: Math.round(renderMs),
        htmlBytes: statSync(file).size,
        loadToAllChartsDrawnMs: drawn.map((d) => Math.round(d)),
        medianLoadToDrawnMs: Math.round(median(drawn)),
      };
      console.log(`render-100k: ${JSON.stringify(result)}${BENCH ? '' : ` (budget ${BUDGET_MS} ms checked with VMBENCH_BENCH=1)`}`);
      expect(drawn).toHaveLength(LOADS);
      if (BENCH) expect(median(drawn)).toBeLessThan(BUDGET_MS);
    },
  );
});
