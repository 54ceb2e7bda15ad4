// TEMPORARY (deleted after the refactor): dumps chart JSON and HTML to compare before/after.
import { writeFileSync } from 'node:fs';
import { it } from 'vitest';
import { buildPalette } from '../../../reports/charts/palette.js';
import { buildDensityCharts, buildRunCharts } from '../../../reports/charts/run-charts.js';
import { buildRunComparisonChart } from '../../../reports/charts/run-comparison-chart.js';
import { renderHtmlReport } from '../../../reports/render-html.js';
import { renderMarkdownSummary } from '../../../reports/render-markdown.js';
import { evaluateClaims } from '../../../reports/claims.js';
import { DEFAULT_DENSITY, densityNamed, makeRunData, withDensityRecords } from '../../fixtures/report/make-run-data.js';

it('dumps', () => {
  const run = makeRunData();
  const variants = {
    run,
    big: makeRunData({ iterations: 2000, resamples: 50, failures: [] }),
    noDensity: makeRunData({ density: 'none' }),
    noProbes: makeRunData({ probes: 'none' }),
    noKsm: makeRunData({ density: DEFAULT_DENSITY.map((d) => ({ ...d, ksmSaving: null })) }),
    noCgroup: makeRunData({ density: densityNamed('qemu-q35', 'namespaces') }),
    one: makeRunData({ density: [{ ...DEFAULT_DENSITY[0]!, instances: 1 }, ...densityNamed('runc')] }),
    cut: withDensityRecords(run, run.density.filter((r) => !(r.type === 'density-end' && r.runtime === 'qemu-q35'))),
    cutAll: withDensityRecords(run, run.density.filter((r) => r.type !== 'density-end')),
    scen: makeRunData({ scenario: 'other', densityScenario: 'dens2' }),
    noisy: withDensityRecords(run, run.density.map((r) => (r.type === 'density-step' && r.runtime === 'namespaces' ? { ...r, memAvailableBytes: r.memAvailableBytes + 200 * 2 ** 20 } : r))),
    empty: makeRunData({ iterations: 0, warmups: 0, density: 'none', probes: 'none' }),
  };
  const out: Record<string, unknown> = {};
  for (const [k, r] of Object.entries(variants)) {
    const p = buildPalette([r]);
    out[k] = { charts: buildRunCharts(r, p, 'p-'), density: buildDensityCharts(r, p), claims: evaluateClaims(r) };
  }
  const other = makeRunData({ runId: 'other', seed: 3, scale: 1.3 });
  out.compare = ['startup', 'teardown'].map((m) => buildRunComparisonChart([run, other], m as 'startup'));
  writeFileSync(process.env.DUMP_DIR + '/charts.json', JSON.stringify(out, null, 1));
  writeFileSync(process.env.DUMP_DIR + '/single.html', renderHtmlReport({ runs: [run] }));
  writeFileSync(process.env.DUMP_DIR + '/compare.html', renderHtmlReport({ runs: [run, other] }));
  writeFileSync(process.env.DUMP_DIR + '/md.md', renderMarkdownSummary({ runs: [run, other] }));
  writeFileSync(process.env.DUMP_DIR + '/scen.html', renderHtmlReport({ runs: [variants.scen, variants.cut] }));
});
