/** The provisioning section (claims C7, C8): what each method cost per instance, the first-write test, and their charts. */
import { html, type SafeHtml } from '../escape.js';
import { hasProvisioning, provisioningSummaries } from '../provisioning-facts.js';
import { baseLine, METHOD_COLUMNS, methodNotes, methodRows, WRITE_COLUMNS, writeRows } from '../provisioning-rows.js';
import { renderChartFigure } from './charts-section.js';
import { anchor, SECTION_IDS, type RunView } from './run-view.js';

function table(columns: readonly string[], rows: readonly string[][]): SafeHtml {
  return html`<div class="table-wrap"><table>
    <thead><tr>${columns.map((c) => html`<th>${c}</th>`)}</tr></thead>
    <tbody>${rows.map((r) => html`<tr>${r.map((cell, i) => (i === 0 ? html`<td class="label">${cell}</td>` : html`<td>${cell}</td>`))}</tr>`)}</tbody>
  </table></div>`;
}

export function renderProvisioningSection(view: RunView): SafeHtml {
  if (!hasProvisioning(view.run)) return html``;
  return html`<section id="${anchor(view, SECTION_IDS.provisioning)}">
  <h2>Provisioning (copy-on-write)</h2>
  ${provisioningSummaries(view.run).map(
    (
      s,
    ) => html`<p class="subtitle">${s.scenario}: ${baseLine(s)} Instances are made interleaved, method after method, each followed by a syncfs of its file system.</p>
  ${table(METHOD_COLUMNS, methodRows(s))}
  <ul class="subtitle">${methodNotes(s).map((n) => html`<li>${n}</li>`)}</ul>
  <p class="subtitle">First-write test: the first and a second 4 KiB write to each of K blocks of pre-existing data (256 KiB apart), reads of unchanged blocks before and after. O_DIRECT on the host's file systems (vmbench-cowprobe); on the qcow2 overlay qemu-io with cache=none, without a guest. The plain file is a full copy of the same data: the control.</p>
  ${table(WRITE_COLUMNS, writeRows(s))}`,
  )}
  <div class="charts">${view.provisioningCharts.map(renderChartFigure)}</div>
</section>`;
}
