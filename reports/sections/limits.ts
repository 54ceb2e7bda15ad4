/** The limits section (claim C5): per runtime what it was given and what its cgroup or guest did, and the two charts. */
import type { LimitsSummary } from '../../harness/stats/summarize-limits.js';
import { describeLimit } from '../../harness/stats/summarize-limits.js';
import { html, type SafeHtml } from '../escape.js';
import { formatMiB } from '../format-numbers.js';
import { hasLimits, limitsSummaries } from '../limits-facts.js';
import { renderChartFigure } from './charts-section.js';
import { kindBadge, runtimeSwatch } from './runtime-badges.js';
import { anchor, SECTION_IDS, type RunView } from './run-view.js';

const fixed = (v: number | null | undefined): string => (v === null || v === undefined ? '—' : v.toFixed(2));

function memoryCell(s: LimitsSummary): string {
  const m = s.memory;
  if (m === null) return '—';
  const killer = s.kind === 'vm' ? `guest OOM reports ${m.guestOomReports}` : `cgroup OOM kills ${m.oomKills ?? '—'}`;
  const held = m.allocatedBytes === null ? '' : `, held ${formatMiB(m.allocatedBytes)}`;
  return `killed ${m.killed} of ${m.ok} (${killer}), peak ${formatMiB(m.peakBytes)}${held}, host OOM kills outside ${m.outsideKills ?? '—'}`;
}

function cpuCell(s: LimitsSummary): string {
  const c = s.cpu;
  if (c === null) return '—';
  const rate = c.rateVsUnlimited === null ? '' : `, work rate ${fixed(c.rateVsUnlimited)}× of ${c.unlimitedReference}`;
  return `${fixed(c.share)} cores (${fixed(c.shareMin)} … ${fixed(c.shareMax)}, ${c.source ?? '—'}; ${c.ok} of ${c.samples} ok)${rate}`;
}

export function renderLimitsSection(view: RunView): SafeHtml {
  if (!hasLimits(view.run)) return html``;
  const all = limitsSummaries(view.run);
  return html`<section id="${anchor(view, SECTION_IDS.limits)}">
  <h2>Limits (cgroups and their VM equivalent)</h2>
  <p class="subtitle">A memory hog allocates past each runtime's memory; a shell loop runs for a fixed time under its CPU limit. Containers are limited by their cgroup (${all[0]?.cgroupMode ?? '—'} here), VMs by their own RAM and vCPUs. Readings are the cgroup's own counters, QEMU's RSS and CPU time, and /proc/vmstat's host-wide OOM kill count.</p>
  <div class="table-wrap"><table>
    <thead><tr><th>Runtime</th><th>Kind</th><th>Given</th><th>Memory hog</th><th>CPU loop</th></tr></thead>
    <tbody>${all.map(
      (s) => html`<tr data-runtime="${s.runtime}">
      <td class="name">${runtimeSwatch(view.palette, s.runtime, s.kind)}${s.runtime}</td><td>${kindBadge(s.kind)}</td>
      <td>${describeLimit(s)}</td><td>${memoryCell(s)}</td><td>${cpuCell(s)}</td></tr>`,
    )}</tbody>
  </table></div>
  <div class="charts">${view.limitsCharts.map(renderChartFigure)}</div>
</section>`;
}
