/**
 * "Performance": per performance workload, each runtime's median of every metric with its 95%
 * interval, the overhead against the host baseline and the VM/container ratios (relative speeds
 * with intervals), and the workload's chart. Cells carry data-* attributes so tests and readers'
 * scripts can find a value.
 */
import type { PerformanceRatio } from '../../harness/results/format.js';
import type { ChartSpec } from '../charts/chart-spec.js';
import { workloadChartId } from '../charts/workload-chart.js';
import { html, type SafeHtml } from '../escape.js';
import { formatRatio, formatRatioInterval, threeSignificant } from '../format-numbers.js';
import {
  hasPerformance,
  hostDiskCacheNote,
  readRelative,
  RELATIVE_SPEED_NOTE,
  TCG_NOTE,
  tcgNote,
  workloadGroups,
  type WorkloadGroup,
} from '../performance-facts.js';
import { describeInstance } from '../run-facts.js';
import { renderChartFigure } from './charts-section.js';
import { kindBadge, runtimeSwatch } from './runtime-badges.js';
import { anchor, type RunView } from './run-view.js';
import { BUILTIN_WORKLOADS } from '../../harness/workloads/builtin.js';

export const PERFORMANCE_ID = 'performance';

const figure = (v: number | null): string => (v === null ? '—' : threeSignificant(v));

function metricsTable(view: RunView, g: WorkloadGroup): SafeHtml {
  const names = g.rows[0]?.metrics.map((m) => m) ?? [];
  return html`<div class="table-wrap"><table class="perf-metrics">
    <thead><tr><th>Runtime</th><th>Ran as</th>${names.map((m) => html`<th class="num">${m.name} (${m.unit}, ${m.better} is better)</th>`)}<th class="num">n</th><th class="num">Failed</th></tr></thead>
    <tbody>${g.rows.map(
      (r) => html`<tr data-runtime="${r.runtime}">
      <td class="name">${runtimeSwatch(view.palette, r.runtime, r.kind)} ${r.runtime} ${kindBadge(r.kind)}</td><td>${describeInstance(r)}</td>
      ${names.map((def) => {
        const m = r.metrics.find((x) => x.name === def.name);
        const ci = m?.medianCi95
          ? html`<br><span class="muted cell-note">95% CI ${figure(m.medianCi95[0])}–${figure(m.medianCi95[1])}</span>`
          : null;
        return html`<td class="num" data-cell="${def.name}"><strong>${figure(m?.median ?? null)}</strong>${ci}</td>`;
      })}
      <td class="num">${String(r.metrics[0]?.n ?? 0)}</td><td class="num">${String((r.metrics[0]?.failures ?? 0) + (r.metrics[0]?.timeouts ?? 0))}</td>
    </tr>`,
    )}</tbody>
  </table></div>`;
}

function ratioRows(ratios: readonly PerformanceRatio[], empty: string): SafeHtml | SafeHtml[] {
  if (ratios.length === 0) return html`<tr><td colspan="6" class="muted">${empty}</td></tr>`;
  return ratios.map(
    (r) => html`<tr data-runtime="${r.runtime}" data-baseline="${r.baseline}" data-metric="${r.metric}">
    <td class="name">${r.runtime}</td><td class="name">${r.baseline}</td><td>${r.metric}</td>
    <td class="num" data-cell="relative"><strong>${formatRatio(r.relative)}</strong></td><td class="num" data-cell="ci">${formatRatioInterval(r.ci95)}</td>
    <td>${readRelative(r)}</td></tr>`,
  );
}

function ratiosTable(caption: string, ratios: readonly PerformanceRatio[], empty: string): SafeHtml {
  return html`<div class="table-wrap"><table class="perf-ratios">
    <caption>${caption}</caption>
    <thead><tr><th>Runtime</th><th>Against</th><th>Metric</th><th class="num">Relative speed</th><th class="num">95% CI</th><th>Reading</th></tr></thead>
    <tbody>${ratioRows(ratios, empty)}</tbody>
  </table></div>`;
}

export function renderPerformanceSection(view: RunView, charts: readonly ChartSpec[]): SafeHtml | null {
  if (!hasPerformance(view.run)) return null;
  const groups = workloadGroups(view.run);
  return html`<section id="${anchor(view, PERFORMANCE_ID)}">
  <h2>Performance</h2>
  <p class="subtitle">The same workload script and the same host binaries (with their libraries, byte for byte) in every runtime; the host runtime runs them with chroot into the same image tree, with no namespaces and no cgroup of its own: the baseline. Medians over the successful samples with 95% bootstrap intervals. ${RELATIVE_SPEED_NOTE}</p>
  ${groups.some((g) => g.tcg) ? html`<p class="caveat">${TCG_NOTE}</p>` : null}
  ${groups.map((g) => {
    const chart = charts.find((c) => c.id === view.idPrefix + workloadChartId(g));
    return html`<section class="workload" data-workload="${g.workload}">
    <h3>${g.workload} <span class="muted">(scenario ${g.scenario})</span></h3>
    ${BUILTIN_WORKLOADS[g.workload] ? html`<p class="subtitle">${BUILTIN_WORKLOADS[g.workload]!.description}.</p>` : null}
    ${g.tcg && tcgNote(g.workload) !== TCG_NOTE ? html`<p class="caveat">${tcgNote(g.workload)}</p>` : null}
    ${hostDiskCacheNote(g.rows) ? html`<p class="caveat" data-note="host-disk-cache">${hostDiskCacheNote(g.rows)}</p>` : null}
    ${metricsTable(view, g)}
    ${ratiosTable('Overhead against the host', g.vsHost, 'No host baseline with successful samples for this workload.')}
    ${g.vmVsContainer.length > 0 ? ratiosTable('VM against container (below 1: the VM is slower)', g.vmVsContainer, '') : null}
    ${chart ? html`<div class="charts">${renderChartFigure(chart)}</div>` : null}
  </section>`;
  })}
</section>`;
}
