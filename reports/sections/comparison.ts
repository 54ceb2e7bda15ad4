/**
 * Comparison report, top part: the runs side by side, and every (scenario, runtime, metric)
 * of each run against the baseline (the first run) with the verdict "changed" / "within noise".
 */
import { compareRuns, type MetricDelta } from '../compare-runs.js';
import { html, type SafeHtml } from '../escape.js';
import { formatBytes, formatMs, formatMsDelta, formatMsInterval, formatPercentDelta, formatTimestamp } from '../format-numbers.js';
import type { RunData } from '../report-input.js';
import { verdictBadge } from './claims-table.js';
import { statusBadge } from './header.js';

export const COMPARISON_IDS = { runs: 'runs', deltas: 'differences', charts: 'comparison-charts', caveats: 'caveats' } as const;

/** The single-run banner, once for all compared runs that did not finish. */
function incompleteRunsBanner(runs: readonly RunData[]): SafeHtml | null {
  const incomplete = runs.filter((r) => r.meta.status !== 'complete' || !r.summary.complete);
  if (incomplete.length === 0) return null;
  return html`<div class="banner-incomplete" role="alert"><strong>INCOMPLETE RUN</strong> among the compared runs: ${incomplete
    .map((r) => `${r.meta.runId} (status “${r.meta.status}”)`)
    .join(', ')}. Their figures cover only the samples recorded before they stopped.</div>`;
}

export function renderComparisonHeader(runs: readonly RunData[]): SafeHtml {
  return html`<header class="report-header" id="top">
  <h1>vmbench comparison <span class="muted">· ${runs.length} runs</span></h1>
  <p class="subtitle">The same scenarios measured in several runs. The first run is the baseline; a difference counts as a change only when the two medians' 95% intervals do not overlap.</p>
  ${incompleteRunsBanner(runs)}
  <section id="${COMPARISON_IDS.runs}">
  <div class="table-wrap"><table>
    <thead><tr><th>#</th><th>Run</th><th>Status</th><th>Started</th><th>Samples</th><th>Host kernel</th><th>CPU</th><th class="num">Cores</th><th class="num">Memory</th><th>Virtualization</th></tr></thead>
    <tbody>${runs.map(
      (r, i) => html`<tr data-run="${r.meta.runId}"><td>${i === 0 ? 'baseline' : i + 1}</td><td class="mono"><a href="#run${i + 1}-top">${r.meta.runId}</a></td>
      <td>${statusBadge(r.meta)}</td><td>${formatTimestamp(r.meta.startedAt)}</td><td class="num">${r.meta.samples}</td>
      <td>${r.env.hostKernel}</td><td>${r.env.cpuModel}</td><td class="num">${r.env.cores}</td><td class="num">${formatBytes(r.env.memTotalBytes)}</td><td>${r.env.hostVirtualization}</td></tr>`,
    )}</tbody>
  </table></div>
  </section>
</header>`;
}

function deltaRow(d: MetricDelta): SafeHtml {
  return html`<tr data-scenario="${d.scenario}" data-runtime="${d.runtime}" data-metric="${d.metric}" data-other="${d.other?.runId ?? ''}">
    <td>${d.scenario}</td><td class="name">${d.runtime}</td><td>${d.metric}</td>
    <td class="num" data-cell="baseline-median">${formatMs(d.baseline?.median)}</td><td class="num">${formatMsInterval(d.baseline?.ci95)}</td>
    <td class="num" data-cell="other-median">${formatMs(d.other?.median)}</td><td class="num">${formatMsInterval(d.other?.ci95)}</td>
    <td class="num" data-cell="difference">${formatMsDelta(d.difference)}</td><td class="num">${formatPercentDelta(d.relative)}</td>
    <td data-cell="verdict">${verdictBadge(d.verdict)}</td></tr>`;
}

export function renderComparisonTable(runs: readonly RunData[]): SafeHtml {
  const [baseline, ...others] = runs;
  if (baseline === undefined) return html``;
  return html`<section id="${COMPARISON_IDS.deltas}">
  <h2>Differences against the baseline</h2>
  <p class="subtitle">Medians of successful launches with their 95% bootstrap intervals. “changed”: the intervals do not overlap; “within noise”: they do, so the runs cannot be told apart on this metric.</p>
  ${others.map((other) => html`<h3>Run ${other.meta.runId} vs baseline ${baseline.meta.runId}</h3>
  <div class="table-wrap"><table class="comparison-table">
    <thead><tr><th>Scenario</th><th>Runtime</th><th>Metric</th><th class="num">Baseline median</th><th class="num">95% CI</th><th class="num">This run median</th><th class="num">95% CI</th><th class="num">Difference</th><th class="num">Relative</th><th>Verdict</th></tr></thead>
    <tbody>${compareRuns(baseline, other).map(deltaRow)}</tbody>
  </table></div>`)}
</section>`;
}
