/**
 * The numbers: per (scenario, runtime), startup and teardown with median, its 95% interval,
 * range, p95, sample count, failures and timeouts; the harness's warnings right below.
 * Rows carry data-* attributes so tests (and readers' scripts) can find a value without parsing text.
 */
import type { MetricSummary, RuntimeSummary, Warning } from '../../harness/results/format.js';
import { hasDensity, isAbout, isDensityOnlyWarning } from '../density-facts.js';
import { html, type SafeHtml } from '../escape.js';
import { metricFigures } from '../summary-rows.js';
import { describeInstanceBesideBadge } from '../run-facts.js';
import { kindBadge, runtimeSwatch } from './runtime-badges.js';
import { anchor, SECTION_IDS, type RunView } from './run-view.js';

function countCell(name: string, n: number): SafeHtml {
  return html`<td class="num ${n === 0 ? 'zero' : 'nonzero'}" rowspan="2" data-cell="${name}">${n}</td>`;
}

function metricCells(m: MetricSummary): SafeHtml {
  const f = metricFigures(m);
  if (!f.measured) {
    return html`<td class="num" data-cell="median">—</td><td class="muted" colspan="4">not measured</td>`;
  }
  return html`<td class="num" data-cell="median"><strong>${f.median}</strong></td>
    <td class="num" data-cell="ci">${f.ci}</td>
    <td class="num" data-cell="range">${f.range}</td>
    <td class="num" data-cell="p95">${f.p95}</td>
    <td class="num" data-cell="n">${f.n}</td>`;
}

/** The harness's warnings about one (scenario, runtime), selected by their fields. */
export function warningsFor(warnings: readonly Warning[], rs: RuntimeSummary): Warning[] {
  return warnings.filter((w) => isAbout(w, rs));
}

function rowsFor(view: RunView, rs: RuntimeSummary): SafeHtml {
  const warned = warningsFor(view.run.summary.warnings, rs).length;
  const mark =
    warned > 0
      ? html`<a class="warn-mark" href="#${anchor(view, SECTION_IDS.warnings)}" title="${warned} warning(s) below">⚠ ${warned}</a>`
      : null;
  const attrs = (metric: string): SafeHtml => html`data-scenario="${rs.scenario}" data-runtime="${rs.runtime}" data-metric="${metric}"`;
  return html`<tr class="group-start" ${attrs('startup')}>
    <td rowspan="2">${rs.scenario}</td>
    <td class="name" rowspan="2">${runtimeSwatch(view.palette, rs.runtime, rs.kind)}${rs.runtime}${mark}</td>
    <td rowspan="2">${kindBadge(rs.kind)} <span class="muted">${describeInstanceBesideBadge(rs)}</span></td>
    <td>startup</td>${metricCells(rs.startup)}
    ${countCell('failures', rs.startup.failures)}${countCell('timeouts', rs.startup.timeouts)}
  </tr>
  <tr ${attrs('teardown')}><td>teardown</td>${metricCells(rs.teardown)}</tr>`;
}

function renderWarnings(view: RunView): SafeHtml {
  // Warnings about density runtimes are shown next to the density table instead.
  const warnings = view.run.summary.warnings.filter((w) => !isDensityOnlyWarning(view.run, w));
  if (warnings.length === 0) {
    return html`<p id="${anchor(view, SECTION_IDS.warnings)}" class="muted">The harness raised no noise or outlier warnings for these numbers.</p>`;
  }
  return html`<div class="callout callout-warn" id="${anchor(view, SECTION_IDS.warnings)}">
    <h3>Warnings from the harness (summary.json)</h3>
    <ul>${warnings.map((w) => html`<li>${w.message}</li>`)}</ul>
  </div>`;
}

function noSamples(view: RunView): SafeHtml | string {
  if (!hasDensity(view.run)) return 'No samples were measured.';
  return html`No startup samples were measured: this run ran density scenarios only (see <a href="#${anchor(view, SECTION_IDS.density)}">Memory and density</a>).`;
}

export function renderSummaryTable(view: RunView): SafeHtml {
  const { runtimes } = view.run.summary;
  return html`<section id="${anchor(view, SECTION_IDS.summary)}">
  <h2>Startup and teardown</h2>
  <p class="subtitle">Startup: launch call until the workload's ready marker reached the host. Teardown: stop request until every host process of the instance was gone. Statistics over successful, non-warmup launches; the 95% interval of the median is a percentile bootstrap.</p>
  <div class="table-wrap"><table class="summary-table">
    <thead><tr>
      <th>Scenario</th><th>Runtime</th><th>Ran as</th><th>Metric</th>
      <th class="num">Median</th><th class="num">95% CI of median</th><th class="num">Min … max</th><th class="num">p95</th><th class="num">n</th>
      <th class="num">Failed</th><th class="num">Timed out</th>
    </tr></thead>
    <tbody>${runtimes.length === 0 ? html`<tr><td colspan="11" class="muted">${noSamples(view)}</td></tr>` : runtimes.map((rs) => rowsFor(view, rs))}</tbody>
  </table></div>
  ${renderWarnings(view)}
</section>`;
}
