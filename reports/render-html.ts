/**
 * The HTML report: one self-contained file (CSS, data, chart libraries inline; no network).
 * One run gives the normal report; several give a comparison against the first run.
 */
import { crossRunCaveats, deriveCaveats, type Caveat } from './caveats.js';
import type { ChartSpec } from './charts/chart-spec.js';
import { buildPalette, type Palette } from './charts/palette.js';
import { buildRunComparisonChart } from './charts/run-comparison-chart.js';
import { buildDensityCharts, buildRunCharts } from './charts/run-charts.js';
import { evaluateClaims } from './claims.js';
import { reportComparison } from './compare-runs.js';
import { buildForestPlot } from './charts/forest-plot.js';
import { hasDensity } from './density-facts.js';
import { hasPerformance } from './performance-facts.js';
import { buildWorkloadCharts } from './charts/workload-chart.js';
import { PERFORMANCE_ID, renderPerformanceSection } from './sections/performance.js';
import { html, joinHtml, type SafeHtml } from './escape.js';
import { renderDocument } from './page/document.js';
import type { ReportInput, RunData } from './report-input.js';
import { renderCaveats } from './sections/caveats.js';
import { renderChartFigure, renderChartsSection } from './sections/charts-section.js';
import { renderClaimsTable } from './sections/claims-table.js';
import { renderDensitySection } from './sections/density.js';
import { renderLimitsSection } from './sections/limits.js';
import { buildLimitsCharts } from './charts/limits-charts.js';
import { hasLimits } from './limits-facts.js';
import { renderProvisioningSection } from './sections/provisioning.js';
import { buildProvisioningCharts } from './charts/c7-provisioning-charts.js';
import { buildFirstWriteChart } from './charts/c8-first-write-chart.js';
import { hasProvisioning } from './provisioning-facts.js';
import { COMPARISON_IDS, renderComparisonHeader, renderComparisonTable } from './sections/comparison.js';
import { renderEnvironment } from './sections/environment.js';
import { renderFailures } from './sections/failures.js';
import { renderHeader } from './sections/header.js';
import { renderIsolationSection } from './sections/isolation.js';
import { renderKernelsTable } from './sections/kernels-table.js';
import { renderRatiosTable } from './sections/ratios-table.js';
import { allCharts, anchor, SECTION_IDS, type RunView } from './sections/run-view.js';
import { renderSummaryTable } from './sections/summary-table.js';
import { renderToc, type TocEntry } from './sections/table-of-contents.js';

export type { ReportInput, RunData } from './report-input.js';

function makeView(run: RunData, idPrefix: string, palette: Palette): RunView {
  return {
    run,
    idPrefix,
    palette,
    charts: buildRunCharts(run, palette, idPrefix),
    densityCharts: buildDensityCharts(run, palette, idPrefix),
    performanceCharts: buildWorkloadCharts(run, palette, idPrefix),
    limitsCharts: buildLimitsCharts(run, palette, idPrefix),
    provisioningCharts: [...buildProvisioningCharts(run, idPrefix), ...buildFirstWriteChart(run, idPrefix)],
    claims: evaluateClaims(run),
  };
}

function runToc(view: RunView): TocEntry[] {
  const a = (id: string): string => anchor(view, id);
  return [
    { id: a(SECTION_IDS.summary), title: 'Startup and teardown' },
    { id: a(SECTION_IDS.ratios), title: 'Ratios' },
    { id: a(SECTION_IDS.charts), title: 'Charts' },
    ...(hasPerformance(view.run) ? [{ id: a(PERFORMANCE_ID), title: 'Performance' }] : []),
    ...(hasDensity(view.run) ? [{ id: a(SECTION_IDS.density), title: 'Memory and density' }] : []),
    ...(hasLimits(view.run) ? [{ id: a(SECTION_IDS.limits), title: 'Limits' }] : []),
    ...(hasProvisioning(view.run) ? [{ id: a(SECTION_IDS.provisioning), title: 'Provisioning' }] : []),
    { id: a(SECTION_IDS.isolation), title: 'Isolation' },
    { id: a(SECTION_IDS.claims), title: 'Claims' },
    { id: a(SECTION_IDS.environment), title: 'Environment' },
    { id: a(SECTION_IDS.failures), title: 'Failures' },
  ];
}

/** The sections of one run that both report kinds show. */
function runBody(view: RunView): SafeHtml {
  return joinHtml([
    renderSummaryTable(view),
    renderRatiosTable(view),
    renderChartsSection(view),
    ...(hasPerformance(view.run) ? [renderPerformanceSection(view, view.performanceCharts)!] : []),
    renderDensitySection(view),
    renderLimitsSection(view),
    renderProvisioningSection(view),
    renderIsolationSection(view),
    renderClaimsTable(view),
    renderKernelsTable(view),
    renderEnvironment(view),
    renderFailures(view),
  ]);
}

/** What the page embeds as JSON for readers' scripts: the numbers behind what it shows. */
function pageData(views: readonly RunView[], extra: Record<string, unknown> = {}): unknown {
  return {
    generator: 'vmbench report',
    runs: views.map((v) => ({
      runId: v.run.meta.runId,
      dir: v.run.dir,
      status: v.run.meta.status,
      summary: v.run.summary,
      claims: v.claims,
    })),
    ...extra,
  };
}

function renderSingleRun(run: RunData, palette: Palette): string {
  const view = makeView(run, '', palette);
  const body = html`${renderHeader(view)}
${renderToc([{ id: SECTION_IDS.caveats, title: 'Caveats' }, ...runToc(view)])}
${renderCaveats(SECTION_IDS.caveats, deriveCaveats(run))}
${runBody(view)}`;
  return renderDocument({ title: `vmbench report · run ${run.meta.runId}`, body, charts: allCharts(view), data: pageData([view]) });
}

/** Each run's caveats, said once with the runs it applies to (most apply to every run alike). */
function perRunCaveats(runs: readonly RunData[]): Caveat[] {
  const byText = new Map<string, { caveat: Caveat; runIds: string[] }>();
  for (const run of runs) {
    for (const c of deriveCaveats(run)) {
      const entry = byText.get(c.text) ?? { caveat: c, runIds: [] };
      entry.runIds.push(run.meta.runId);
      byText.set(c.text, entry);
    }
  }
  return [...byText.values()].map(({ caveat, runIds }) => ({
    ...caveat,
    text: `${runIds.length === runs.length ? 'All runs' : `Run${runIds.length > 1 ? 's' : ''} ${runIds.join(', ')}`}: ${caveat.text}`,
  }));
}

function renderComparison(input: ReportInput, palette: Palette): string {
  const runs = input.runs;
  const result = reportComparison(input);
  const views = runs.map((run, i) => makeView(run, `run${i + 1}-`, palette));
  const comparisonCharts: ChartSpec[] = [
    ...result.pairs.map(buildForestPlot),
    buildRunComparisonChart(runs, 'startup'),
    buildRunComparisonChart(runs, 'teardown'),
  ];
  const caveats = [...crossRunCaveats(runs), ...perRunCaveats(runs)];
  const toc: TocEntry[] = [
    { id: COMPARISON_IDS.caveats, title: 'Caveats' },
    { id: COMPARISON_IDS.deltas, title: 'Differences' },
    { id: COMPARISON_IDS.charts, title: 'Side by side' },
    ...views.map((v, i) => ({ id: anchor(v, 'top'), title: `Run ${i === 0 ? 'baseline' : i + 1}`, children: runToc(v) })),
  ];
  const body = html`${renderComparisonHeader(runs, result)}
${renderToc(toc)}
${renderCaveats(COMPARISON_IDS.caveats, caveats)}
${renderComparisonTable(result)}
<section id="${COMPARISON_IDS.charts}"><h2>Side by side</h2><div class="charts">${comparisonCharts.map(renderChartFigure)}</div></section>
${views.map(
  (v, i) => html`<section class="run-section" id="${anchor(v, 'top')}">
  <h2>Run ${i === 0 ? 'baseline' : i + 1}: ${v.run.meta.runId}</h2>
  <p class="subtitle">Results in <code>${v.run.dir}</code>; host ${v.run.env.cpuModel}, ${v.run.env.cores} cores, kernel ${v.run.env.hostKernel}.</p>
  ${runBody(v)}
</section>`,
)}`;
  return renderDocument({
    title: `vmbench comparison · ${runs.map((r) => r.meta.runId).join(' vs ')}`,
    body,
    charts: [...comparisonCharts, ...views.flatMap(allCharts)],
    data: pageData(views, { comparison: result }),
  });
}

export function renderHtmlReport(input: ReportInput): string {
  const [first] = input.runs;
  if (first === undefined) throw new RangeError('renderHtmlReport needs at least one run');
  const palette = buildPalette(input.runs);
  return input.runs.length === 1 ? renderSingleRun(first, palette) : renderComparison(input, palette);
}
