/** "Read this first": the caveats derived from the run (reports/caveats.ts), warnings first. */
import type { Caveat } from '../caveats.js';
import { html, type SafeHtml } from '../escape.js';

export function renderCaveats(id: string, caveats: readonly Caveat[], heading = 'Caveats'): SafeHtml {
  const warnings = caveats.filter((c) => c.severity === 'warning');
  const infos = caveats.filter((c) => c.severity === 'info');
  return html`<section id="${id}">
  <h2>${heading}</h2>
  ${caveats.length === 0 ? html`<p>Nothing in this run's data calls for a caveat.</p>` : null}
  ${warnings.length > 0 ? html`<div class="callout callout-warn"><ul>${warnings.map((c) => html`<li>${c.text}</li>`)}</ul></div>` : null}
  ${infos.length > 0 ? html`<div class="callout callout-info"><ul>${infos.map((c) => html`<li>${c.text}</li>`)}</ul></div>` : null}
</section>`;
}
