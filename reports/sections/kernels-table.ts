/** `uname -r` inside each runtime next to the host's: the evidence for claim C3. */
import { kernelsSeen } from '../claims/kernels-seen.js';
import { html, type SafeHtml } from '../escape.js';
import { kindBadge, runtimeSwatch } from './runtime-badges.js';
import { anchor, SECTION_IDS, type RunView } from './run-view.js';

export function renderKernelsTable(view: RunView): SafeHtml {
  const host = view.run.env.hostKernel;
  const groups = kernelsSeen(view.run);
  return html`<section id="${anchor(view, SECTION_IDS.kernels)}">
  <h3>Kernels seen inside the instances</h3>
  <p class="subtitle">Host kernel: <code>${host}</code>. Counts are launches that reported that release.</p>
  <div class="table-wrap"><table>
    <thead><tr><th>Scenario</th><th>Runtime</th><th>Kind</th><th>Kernel release reported inside</th><th>Same release string as host</th><th class="num">Not reported</th></tr></thead>
    <tbody>${groups.length === 0 ? html`<tr><td colspan="6" class="muted">No launch reported its kernel.</td></tr>` : null}${groups.map(
      (g) => html`<tr data-runtime="${g.runtime}">
      <td>${g.scenario}</td><td class="name">${runtimeSwatch(view.palette, g.runtime, g.kind)}${g.runtime}</td><td>${kindBadge(g.kind)}</td>
      <td>${g.kernels.size === 0 ? html`<span class="muted">none</span>` : [...g.kernels.entries()].map(([k, n]) => html`<code>${k}</code> <span class="muted">(${n}×)</span><br>`)}</td>
      <td>${g.kernels.size === 0 ? '—' : [...g.kernels.keys()].every((k) => k === host) ? 'yes' : [...g.kernels.keys()].some((k) => k === host) ? 'partly' : 'no'}</td>
      <td class="num">${g.unreported}</td></tr>`,
    )}</tbody>
  </table></div>
</section>`;
}
