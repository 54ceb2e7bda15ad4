/** Every launch that did not reach ready, with the harness's error text verbatim (escaped). */
import { html, type SafeHtml } from '../escape.js';
import { formatTimestamp } from '../format-numbers.js';
import { unsuccessfulSamples } from '../run-facts.js';
import { anchor, SECTION_IDS, type RunView } from './run-view.js';

export function renderFailures(view: RunView): SafeHtml {
  const bad = unsuccessfulSamples(view.run);
  return html`<section id="${anchor(view, SECTION_IDS.failures)}">
  <h2>Failures and timeouts</h2>
  ${
    bad.length === 0
      ? html`<p>Every launch reached ready.</p>`
      : html`<p class="subtitle">${bad.length} launch${bad.length === 1 ? '' : 'es'} did not reach ready. They are excluded from the statistics and charts.</p>
  <div class="table-wrap"><table class="failures-table">
    <thead><tr><th class="num">Seq</th><th>Scenario</th><th>Runtime</th><th class="num">Iteration</th><th>Outcome</th><th>Started</th><th>Error</th></tr></thead>
    <tbody>${bad.map(
      (s) => html`<tr data-runtime="${s.runtime}" data-outcome="${s.outcome}">
      <td class="num">${s.seq}</td><td>${s.scenario}</td><td class="name">${s.runtime}</td>
      <td class="num">${s.iteration}${s.warmup ? ' (warmup)' : ''}</td>
      <td><span class="verdict verdict-not-supported">${s.outcome}</span></td>
      <td class="num">${formatTimestamp(s.startedAt)}</td>
      <td class="pre mono">${s.error ?? '(no error text recorded)'}</td></tr>`,
    )}</tbody>
  </table></div>`
  }
</section>`;
}
