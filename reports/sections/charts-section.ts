/**
 * One <figure> per chart: title and subtitle as HTML text (escaped, selectable, printed), a canvas
 * the page script draws into, and the log/linear switch. The chart data itself is not here: it is
 * in the page's JSON block (see render-html.ts).
 */
import type { ChartSpec } from '../charts/chart-spec.js';
import { html, type SafeHtml } from '../escape.js';
import { anchor, SECTION_IDS, type RunView } from './run-view.js';

/** Box plots and CDFs need the width; phase bars read fine at half width. A spec may say which it wants. */
function widthClass(spec: ChartSpec): string {
  return spec.width ?? (spec.tooltip === 'bar' ? 'half' : 'full');
}

export function renderChartFigure(spec: ChartSpec): SafeHtml {
  const body =
    spec.config === null
      ? html`<div class="chart-empty">${spec.emptyReason ?? 'Nothing to draw.'}</div>`
      : html`<div class="chart-box" id="${spec.id}-box"${spec.heightPx === undefined ? null : html` style="height: ${String(spec.heightPx)}px"`}><canvas id="${spec.id}-canvas" role="img" aria-label="${spec.title}"></canvas></div>
    ${spec.scaleToggle === null ? null : html`<div class="chart-tools"><button type="button" class="scale-toggle" data-scale-toggle="${spec.id}" hidden>Show linear scale</button></div>`}`;
  return html`<figure class="chart ${widthClass(spec)}" id="${spec.id}">
    <h3>${spec.title}</h3>
    <figcaption>${spec.subtitle}</figcaption>
    ${body}
  </figure>`;
}

export function renderChartsSection(view: RunView, heading = 'Charts'): SafeHtml {
  // A run without startup samples (a density-only run) would show a wall of empty boxes.
  const body = view.charts.every((c) => c.config === null)
    ? html`<p class="muted">No startup or teardown was measured in this run, so there are no startup charts.</p>`
    : html`<p class="subtitle">Hover for exact values. Colors are the same for a runtime in every chart; VMs use warm colors and diamonds or dashed lines, containers cool colors and circles or solid lines.</p>
  <div class="charts">${view.charts.map(renderChartFigure)}</div>`;
  return html`<section id="${anchor(view, SECTION_IDS.charts)}">
  <h2>${heading}</h2>
  ${body}
</section>`;
}
