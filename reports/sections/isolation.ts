/**
 * "Isolation": what each instance could see of the host, from the probe workload's samples
 * (StartupSample.isolation). Runtimes are columns (kind badge and color swatch as elsewhere),
 * questions are rows, each with one line on how it is measured; the texts come from
 * isolation-facts.ts so the Markdown summary says the same. Reported, not scored: claims C4 and
 * C6 read it in the claims table. Cells carry data-runtime and data-cell so tests and readers'
 * scripts can find a value. Without a probe sample the section says how to get one.
 */
import { html, type SafeHtml } from '../escape.js';
import {
  ISOLATION_GROUPS,
  isolationColumns,
  unprobedRuntimes,
  type IsolationColumn,
  type MatrixCell,
  type MatrixRow,
} from '../isolation-facts.js';
import type { RunData } from '../report-input.js';
import { describeInstanceBesideBadge } from '../run-facts.js';
import { verdictBadge } from './claims-table.js';
import { kindBadge, runtimeSwatch } from './runtime-badges.js';
import { anchor, SECTION_IDS, type RunView } from './run-view.js';

function runtimeHeader(view: RunView, c: IsolationColumn): SafeHtml {
  const several = c.all.length > 1 ? html`<br><span class="muted cell-note">first of ${c.all.length} probe launches</span>` : null;
  return html`<th class="runtime-col" data-runtime="${c.runtime}">${runtimeSwatch(view.palette, c.runtime, c.kind)}${c.runtime}<br>${kindBadge(c.kind)} <span class="muted">${describeInstanceBesideBadge(c)}</span>${several}</th>`;
}

function renderCell(cell: MatrixCell): SafeHtml {
  return html`<span class="answer">${cell.leak === true ? html`<span aria-hidden="true">⚠ </span>` : null}${cell.main}</span>${cell.notes.map(
    (n) => html`<br><span class="muted cell-note">${n}</span>`,
  )}`;
}

function matrixRow(row: MatrixRow, columns: readonly IsolationColumn[], run: RunData): SafeHtml {
  return html`<tr data-measure="${row.key}">
      <th scope="row" class="measure">${row.label}<span class="how">${row.how}</span></th>
      ${columns.map((c) => {
        const cell = row.cell(c, run);
        return html`<td class="${cell.leak === true ? 'leak' : ''}" data-runtime="${c.runtime}" data-cell="${row.key}">${renderCell(cell)}</td>`;
      })}
    </tr>`;
}

function claimsLine(view: RunView): SafeHtml {
  const claim = (id: string): SafeHtml | null => {
    const v = view.claims.find((c) => c.id === id);
    return v === undefined ? null : html`<a href="#${anchor(view, SECTION_IDS.claims)}">${id}</a> ${verdictBadge(v.verdict)}`;
  };
  return html`<p class="muted isolation-claims">Read against the chapter: ${claim('C4')} (namespaces isolate what a container sees) and ${claim('C6')} (VMs isolate more strongly; reported, not scored).</p>`;
}

function unprobedLine(run: RunData): SafeHtml | null {
  const missing = unprobedRuntimes(run);
  if (missing.length === 0) return null;
  return html`<p class="muted">Not probed: ${missing.map((m, i) => html`${i > 0 ? '; ' : ''}<strong>${m.runtime}</strong> (${m.why})`)}.</p>`;
}

export function renderIsolationSection(view: RunView): SafeHtml {
  const columns = isolationColumns(view.run);
  const body =
    columns.length === 0
      ? html`<p class="callout callout-info isolation-empty">No probe sample in this run: run the isolation scenario (<code>vmbench run isolation</code>, part of the default suite) to see what each VM and container can see of the host.</p>`
      : html`<div class="table-wrap"><table class="isolation-table">
    <thead><tr><th>Question <span class="muted">and how it is measured</span></th>${columns.map((c) => runtimeHeader(view, c))}</tr></thead>
    ${ISOLATION_GROUPS.map(
      (group) => html`<tbody>
      <tr class="measure-group"><th colspan="${columns.length + 1}">${group.title}</th></tr>
      ${group.rows.map((row) => matrixRow(row, columns, view.run))}
    </tbody>`,
    )}
  </table></div>
  ${claimsLine(view)}`;
  return html`<section id="${anchor(view, SECTION_IDS.isolation)}">
  <h2>Isolation</h2>
  <p class="subtitle">What each instance could see of the host and what it was allowed to do, reported from inside by the probe workload and checked from the host (its process count, its own hostname). One probe launch per runtime: these are facts, not timings. Reported, not scored; ⚠ marks an instance that saw or changed something of the host’s.</p>
  ${body}
  ${unprobedLine(view.run)}
</section>`;
}
