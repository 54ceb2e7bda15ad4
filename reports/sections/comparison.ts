/**
 * Comparison report, top part: the runs side by side, then for each comparison the host
 * differences (first), how verdicts are reached, and every metric with its verdict.
 */
import type { ComparisonResult, MetricComparison } from '../../harness/compare/compare-runs.js';
import { formatP, formatPercent, formatRatioCi, formatValue, methodLines, sideLabel, verdictText } from '../../harness/compare/describe.js';
import { html, type SafeHtml } from '../escape.js';
import { formatBytes, formatTimestamp } from '../format-numbers.js';
import type { RunData } from '../report-input.js';
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

export function renderComparisonHeader(runs: readonly RunData[], result: ComparisonResult): SafeHtml {
  return html`<header class="report-header" id="top">
  <h1>vmbench comparison <span class="muted">· ${runs.length} runs</span></h1>
  <p class="subtitle">The same scenarios measured in several runs. A metric is “regressed” or “improved” only when its p-value, Holm-corrected over the ${result.tests} tests, is below α = ${String(result.alpha)} and its ratio of medians is at least ${formatPercent(result.defaultMinEffect, false)} away from 1; everything else is “no significant change”, with the smallest change the samples could have shown.</p>
  ${incompleteRunsBanner(runs)}
  <section id="${COMPARISON_IDS.runs}">
  <div class="table-wrap"><table>
    <thead><tr><th>#</th><th>Run</th><th>Status</th><th>Started</th><th>Samples</th><th>Host kernel</th><th>CPU</th><th class="num">Cores</th><th class="num">Memory</th><th>Virtualization</th></tr></thead>
    <tbody>${runs.map(
      (
        r,
        i,
      ) => html`<tr data-run="${r.meta.runId}"><td>${i === 0 ? 'baseline' : i + 1}</td><td class="mono"><a href="#run${i + 1}-top">${r.meta.runId}</a></td>
      <td>${statusBadge(r.meta)}</td><td>${formatTimestamp(r.meta.startedAt)}</td><td class="num">${r.meta.samples}</td>
      <td>${r.env.hostKernel}</td><td>${r.env.cpuModel}</td><td class="num">${r.env.cores}</td><td class="num">${formatBytes(r.env.memTotalBytes)}</td><td>${r.env.hostVirtualization}</td></tr>`,
    )}</tbody>
  </table></div>
  </section>
</header>`;
}

/** The badge class: "verdict-regressed", "verdict-no-significant-change" … */
function verdictBadge(m: MetricComparison): SafeHtml {
  return html`<span class="verdict verdict-${m.verdict.state.replace(/\s+/g, '-')}" title="${verdictText(m)}">${m.verdict.state}</span>`;
}

function deltaRow(m: MetricComparison, other: string): SafeHtml {
  const detail =
    m.verdict.state === 'not compared'
      ? m.verdict.reason
      : m.verdict.state === 'no significant change'
        ? verdictText(m).replace(/^no significant change \(|\)$/g, '')
        : `beyond the ${formatPercent(m.minEffect, false)} minimum`;
  return html`<tr data-scenario="${m.scenario}" data-runtime="${m.runtime}" data-metric="${m.metric}" data-other="${other}">
    <td>${m.scenario}</td><td class="name">${m.runtime}</td><td>${m.metric}</td>
    <td class="num" data-cell="baseline-median">${formatValue(m.base?.median, m.unit)}</td>
    <td class="num" data-cell="other-median">${formatValue(m.other?.median, m.unit)}</td>
    <td class="num" data-cell="relative">${formatPercent(m.ratio === null ? null : m.ratio - 1)}</td>
    <td class="num">${formatRatioCi(m.ratioCi95)}</td>
    <td class="num" data-cell="p">${formatP(m.p)}</td><td class="num" data-cell="p-adjusted">${formatP(m.pAdjusted)}</td>
    <td data-cell="verdict" data-verdict="${m.verdict.state}">${verdictBadge(m)}</td><td class="muted">${detail}</td></tr>`;
}

export function renderComparisonTable(result: ComparisonResult): SafeHtml {
  return html`<section id="${COMPARISON_IDS.deltas}">
  <h2>Differences against the baseline</h2>
  ${result.pairs.map(
    (pair) => html`<h3>${sideLabel(pair.otherRuns)} vs baseline ${sideLabel(pair.baseRuns)}</h3>
  ${
    pair.hostDifferences.length === 0
      ? html`<p class="subtitle">Hosts: no difference found in kernel, CPU, tools, accelerator, cgroups, THP, swap, KSM, governor or load.</p>`
      : html`<div class="banner-incomplete" role="alert" data-host-differences="${String(pair.hostDifferences.length)}"><strong>The hosts differ</strong>, so a change may come from that and not from the software under test:<ul>${pair.hostDifferences.map((d) => html`<li>${d.what}: ${d.base} → ${d.other}</li>`)}</ul></div>`
  }
  <ul class="subtitle">${methodLines(result, pair).map((l) => html`<li>${l}</li>`)}</ul>
  <div class="table-wrap"><table class="comparison-table">
    <thead><tr><th>Scenario</th><th>Runtime</th><th>Metric</th><th class="num">Baseline median</th><th class="num">New median</th><th class="num">Change</th><th class="num">Ratio 95% CI</th><th class="num">p</th><th class="num">p (Holm)</th><th>Verdict</th><th>Why</th></tr></thead>
    <tbody>${pair.metrics.map((m) => deltaRow(m, pair.otherRuns.join(',')))}</tbody>
  </table></div>`,
  )}
</section>`;
}
