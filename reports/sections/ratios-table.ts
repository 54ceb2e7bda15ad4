/** How many times slower each VM is than each container (summary.comparisons), with intervals. */
import type { Comparison } from '../../harness/results/format.js';
import { html, type SafeHtml } from '../escape.js';
import { formatRatio, formatRatioInterval } from '../format-numbers.js';
import { formatDurationMs } from '../../harness/format-duration.js';
import { anchor, SECTION_IDS, type RunView } from './run-view.js';

/** Plain-words reading of a ratio and its interval. */
export function readRatio(c: Comparison): string {
  if (c.ci95 === null) return 'no interval (fewer than 3 samples)';
  if (c.ci95[0] > 1) return 'VM slower: interval above 1';
  if (c.ci95[1] < 1) return 'VM faster: interval below 1';
  return 'no clear difference: interval includes 1';
}

function medianOf(view: RunView, c: Comparison, runtime: string): number | null {
  return view.run.summary.runtimes.find((r) => r.scenario === c.scenario && r.runtime === runtime)?.[c.metric].median ?? null;
}

export function renderRatiosTable(view: RunView): SafeHtml {
  const { comparisons } = view.run.summary;
  const body =
    comparisons.length === 0
      ? html`<tr><td colspan="8" class="muted">No scenario has successful launches of both a VM and a container: no ratio to give.</td></tr>`
      : comparisons.map(
          (c) => html`<tr data-scenario="${c.scenario}" data-vm="${c.vm}" data-container="${c.container}" data-metric="${c.metric}">
      <td>${c.scenario}</td><td>${c.metric}</td><td class="name">${c.vm}</td><td class="name">${c.container}</td>
      <td class="num">${formatDurationMs(medianOf(view, c, c.vm))} / ${formatDurationMs(medianOf(view, c, c.container))}</td>
      <td class="num" data-cell="ratio"><strong>${formatRatio(c.ratio)}</strong></td>
      <td class="num" data-cell="ci">${formatRatioInterval(c.ci95)}</td>
      <td>${readRatio(c)}</td></tr>`,
        );
  return html`<section id="${anchor(view, SECTION_IDS.ratios)}">
  <h3>VM / container ratios</h3>
  <p class="subtitle">Ratio of medians (VM ÷ container) for each pair in the same scenario, with a 95% bootstrap interval; above 1 means the VM takes longer.</p>
  <div class="table-wrap"><table>
    <thead><tr><th>Scenario</th><th>Metric</th><th>VM</th><th>Container</th><th class="num">Medians</th><th class="num">VM / container</th><th class="num">95% CI</th><th>Reading</th></tr></thead>
    <tbody>${body}</tbody>
  </table></div>
</section>`;
}
