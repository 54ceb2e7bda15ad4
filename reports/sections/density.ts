/**
 * "Memory and density": per density scenario, what one idle instance costs by each method, the
 * marginal cost from the straight-line fits, how many fit per GiB and on this host, how startup
 * grows with N, and the harness's own footprint; then the container/VM ratios, the harness's
 * warnings about the scenario, KSM before/after, and the density charts. Runtimes are columns
 * (a density scenario has a handful of them), measures are rows, each with how it is measured.
 * Cells carry data-runtime and data-cell so tests and readers' scripts can find a value.
 */
import { densityGroups, densityScenarios, densityWarningsFor, hasDensity, type DensityGroup } from '../density-facts.js';
import { DASH, DENSITY_MEASURES, type DensityMeasure } from '../density-table.js';
import { html, type SafeHtml } from '../escape.js';
import { formatFigure, formatRatio } from '../format-numbers.js';
import { KSM_COLUMNS, KSM_EXPLANATION, ksmRows, type KsmRow, type NotedFigure } from '../ksm-table.js';
import { describeInstanceBesideBadge } from '../run-facts.js';
import { renderChartFigure } from './charts-section.js';
import { kindBadge, runtimeSwatch } from './runtime-badges.js';
import { anchor, SECTION_IDS, type RunView } from './run-view.js';

type Cell = SafeHtml | string;

function withNote(main: string, note: string | null): Cell {
  return note === null ? main : html`${main}<br><span class="muted cell-note">${note}</span>`;
}

function figureCell(f: NotedFigure & { strong?: boolean }): Cell {
  if (f.strong !== true) return withNote(f.main, f.note);
  return html`<strong>${f.main}</strong>${f.note === null ? null : html`<br><span class="muted cell-note">${f.note}</span>`}`;
}

function runtimeHeader(view: RunView, g: DensityGroup): SafeHtml {
  return html`<th class="num runtime-col" data-runtime="${g.runtime}">${runtimeSwatch(view.palette, g.runtime, g.kind)}${g.runtime}<br>${kindBadge(g.kind)} <span class="muted">${describeInstanceBesideBadge(g)}</span></th>`;
}

function measureRow(row: DensityMeasure, groups: readonly DensityGroup[]): SafeHtml {
  return html`<tr data-measure="${row.key}">
      <th scope="row" class="measure">${row.label}${row.how === null ? null : html`<span class="how">${row.how}</span>`}</th>
      ${groups.map((g) => {
        const d = g.summary;
        const value = d === null ? DASH : figureCell(row.figure(d, g));
        return html`<td class="${row.text === true ? 'stop' : 'num'}" data-runtime="${g.runtime}" data-cell="${row.key}">${value}</td>`;
      })}
    </tr>`;
}

function ratioLines(view: RunView, scenario: string): SafeHtml | null {
  const comparisons = (view.run.summary.densityComparisons ?? []).filter((c) => c.scenario === scenario);
  if (comparisons.length === 0) return null;
  const density = view.run.summary.density ?? [];
  const perGiB = (runtime: string): string =>
    formatFigure(density.find((d) => d.scenario === scenario && d.runtime === runtime)?.instancesPerGiB);
  return html`<ul class="density-ratios">${comparisons.map(
    (c) =>
      html`<li data-vm="${c.vm}" data-container="${c.container}"><strong>${c.container}: ${formatRatio(c.ratio)} more instances per GiB than ${c.vm}</strong> <span class="muted">(${perGiB(c.container)} vs ${perGiB(c.vm)} per GiB)</span></li>`,
  )}</ul>`;
}

function warningsBlock(view: RunView, scenario: string): SafeHtml | null {
  const warnings = densityWarningsFor(view.run, scenario);
  if (warnings.length === 0) return null;
  return html`<div class="callout callout-warn density-warnings">
    <h3>Warnings from the harness about this scenario (summary.json)</h3>
    <ul>${warnings.map((w) => html`<li>${w.message}</li>`)}</ul>
  </div>`;
}

function scenarioBlock(view: RunView, scenario: string, groups: readonly DensityGroup[]): SafeHtml {
  return html`<h3>Scenario <code>${scenario}</code></h3>
  <div class="table-wrap"><table class="density-table" data-scenario="${scenario}">
    <thead><tr><th>Measure <span class="muted">and how it is taken</span></th>${groups.map((g) => runtimeHeader(view, g))}</tr></thead>
    ${DENSITY_MEASURES.map(
      (group) => html`<tbody>
      <tr class="measure-group"><th colspan="${groups.length + 1}">${group.title}</th></tr>
      ${group.rows.map((row) => measureRow(row, groups))}
    </tbody>`,
    )}
  </table></div>
  ${ratioLines(view, scenario)}
  ${warningsBlock(view, scenario)}`;
}

function ksmRowHtml(view: RunView, r: KsmRow, withScenario: boolean): SafeHtml {
  const g = r.group;
  return html`<tr data-runtime="${g.runtime}" data-scenario="${g.scenario}">
    <td class="name nowrap">${runtimeSwatch(view.palette, g.runtime, g.kind)}${withScenario ? `${g.scenario} / ` : ''}${g.runtime} ${kindBadge(g.kind)}</td>
    <td class="num">${r.instances}</td>
    <td>${r.settled ? 'yes' : html`<span class="nonzero">no</span>`}<br><span class="muted cell-note">${r.waited}</span></td>
    <td class="num">${r.pagesSharing}</td>
    <td class="num nowrap">${r.pssBeforeAfter}</td>
    <td class="num" data-runtime="${g.runtime}" data-cell="pss-saved"><strong>${r.pssSaved.main}</strong>${r.pssSaved.note === null ? null : html`<br><span class="muted cell-note">${r.pssSaved.note}</span>`}</td>
    <td class="num" data-runtime="${g.runtime}" data-cell="memavailable-change">${r.memAvailableChange.main}<br><span class="muted cell-note">${r.memAvailableChange.note}</span></td>
  </tr>`;
}

function ksmBlock(view: RunView, groups: readonly DensityGroup[], withScenario: boolean): SafeHtml | null {
  const rows = ksmRows(groups);
  if (rows.length === 0) return null;
  const [runtime, ...numeric] = KSM_COLUMNS;
  const head = numeric.map((title) => (title === 'KSM settled' ? html`<th>${title}</th>` : html`<th class="num">${title}</th>`));
  return html`<h3>Kernel samepage merging (KSM)</h3>
  <p class="subtitle">${KSM_EXPLANATION}</p>
  <div class="table-wrap"><table class="ksm-table">
    <thead><tr><th>${runtime}</th>${head}</tr></thead>
    <tbody>${rows.map((r) => ksmRowHtml(view, r, withScenario))}</tbody>
  </table></div>`;
}

/** Nothing at all when the run has no density data. */
export function renderDensitySection(view: RunView): SafeHtml {
  if (!hasDensity(view.run)) return html``;
  const groups = densityGroups(view.run);
  const scenarios = densityScenarios(view.run);
  return html`<section id="${anchor(view, SECTION_IDS.density)}">
  <h2>Memory and density</h2>
  <p class="subtitle">Idle instances of each runtime launched one at a time, each waiting for its ready marker, until a stop rule (maximum, memory reserve, startup limit, failures); memory measured after every step. Per-instance figures are medians over the instances; marginal costs are slopes of straight lines through all the steps. One density run per runtime, so there are no confidence intervals. Memory in MiB (2<sup>20</sup> bytes).</p>
  ${scenarios.map((scenario) =>
    scenarioBlock(
      view,
      scenario,
      groups.filter((g) => g.scenario === scenario),
    ),
  )}
  ${ksmBlock(view, groups, scenarios.length > 1)}
  ${
    view.densityCharts.length === 0
      ? null
      : html`<h3>Charts</h3>
  <p class="subtitle">Hover for exact values. Runtime colors as in every other chart; VMs are diamonds and dashed lines, containers circles and solid lines.</p>
  <div class="charts">${view.densityCharts.map(renderChartFigure)}</div>`
  }
</section>`;
}
