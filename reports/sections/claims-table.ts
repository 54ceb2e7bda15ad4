/** The chapter's claims, each with the verdict this run supports, the figures and a link to them. */
import type { ClaimVerdict } from '../claims.js';
import { html, type SafeHtml } from '../escape.js';
import { allCharts, anchor, SECTION_IDS, type RunView } from './run-view.js';

const SECTION_TITLES: Record<string, string> = {
  [SECTION_IDS.kernels]: 'Kernels seen',
  [SECTION_IDS.environment]: 'Environment',
  [SECTION_IDS.ratios]: 'Ratios table',
  [SECTION_IDS.summary]: 'Summary table',
  [SECTION_IDS.density]: 'Memory and density',
  [SECTION_IDS.isolation]: 'Isolation',
};

export function verdictBadge(verdict: string): SafeHtml {
  return html`<span class="verdict verdict-${verdict.replace(/\s+/g, '-')}">${verdict}</span>`;
}

function evidenceLink(view: RunView, v: ClaimVerdict): SafeHtml | string {
  if (v.chartId === null) return '—';
  const title = allCharts(view).find((c) => c.id === anchor(view, v.chartId as string))?.title ?? SECTION_TITLES[v.chartId] ?? v.chartId;
  return html`<a href="#${anchor(view, v.chartId)}">${title}</a>`;
}

export function renderClaimsTable(view: RunView): SafeHtml {
  return html`<section id="${anchor(view, SECTION_IDS.claims)}">
  <h2>Claims of the chapter, checked</h2>
  <p class="subtitle">Each verdict is decided from this run's data only; "not measured" means the run holds no data that could decide it, not that the claim is false.</p>
  <div class="table-wrap"><table class="claims-table">
    <thead><tr><th>#</th><th>Claim</th><th>Verdict</th><th>Evidence</th><th>See</th></tr></thead>
    <tbody>${view.claims.map(
      (v) => html`<tr data-claim="${v.id}">
      <td><strong>${v.id}</strong></td><td>${v.claim}</td>
      <td data-cell="verdict" data-verdict="${v.verdict}">${verdictBadge(v.verdict)}</td>
      <td class="evidence">${v.evidence}</td><td>${evidenceLink(view, v)}</td></tr>`,
    )}</tbody>
  </table></div>
</section>`;
}
