/**
 * The page's CSS, inline (the report is one offline file). System fonts only: no web font is
 * fetched. Tables use tabular figures so digits line up; print styles keep charts and table rows
 * whole and drop the interactive bits.
 */
export const PAGE_CSS = `
:root {
  --ink: #212529; --muted: #5c636a; --line: #dee2e6; --soft: #f5f6f8; --accent: #1c4e80;
  --ok: #2b8a3e; --ok-bg: #ebfbee; --bad: #c92a2a; --bad-bg: #fff5f5; --warn: #8a5a00; --warn-bg: #fff9db;
  --vm: #d9480f; --container: #1c7ed6;
}
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body {
  margin: 0; color: var(--ink); background: #fff;
  font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", "Liberation Sans", sans-serif;
}
main { max-width: 1180px; margin: 0 auto; padding: 28px 28px 64px; }
h1 { font-size: 1.75rem; margin: 0 0 4px; letter-spacing: -0.01em; }
h2 { font-size: 1.3rem; margin: 44px 0 12px; padding-bottom: 6px; border-bottom: 2px solid var(--line); }
h3 { font-size: 1.05rem; margin: 22px 0 6px; }
p { margin: 6px 0 10px; }
a { color: var(--accent); }
code, .mono { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, "Liberation Mono", monospace; font-size: 0.9em; }
.subtitle { color: var(--muted); margin: 0 0 14px; }
.muted { color: var(--muted); }
.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }

/* Header */
.report-header { border-bottom: 1px solid var(--line); padding-bottom: 14px; }
.facts { display: grid; grid-template-columns: repeat(auto-fill, minmax(250px, 1fr)); gap: 4px 24px; margin: 12px 0 0; }
.facts div { display: flex; gap: 8px; min-width: 0; }
.facts dt { color: var(--muted); flex: 0 0 auto; }
.facts dd { margin: 0; font-weight: 500; overflow-wrap: anywhere; }
.status { display: inline-block; padding: 1px 8px; border-radius: 10px; font-size: 0.85em; font-weight: 600; }
.status-complete { background: var(--ok-bg); color: var(--ok); }
.status-other { background: var(--bad-bg); color: var(--bad); }
.banner-incomplete {
  margin: 16px 0 0; padding: 12px 16px; border: 2px solid var(--bad); border-radius: 6px;
  background: var(--bad-bg); color: var(--bad); font-weight: 600;
}
.banner-incomplete strong { font-size: 1.1em; letter-spacing: 0.04em; }

/* Table of contents */
nav.toc { margin: 18px 0 0; padding: 10px 16px; background: var(--soft); border-radius: 6px; }
nav.toc ol { margin: 0; padding: 0; list-style: none; display: flex; flex-wrap: wrap; gap: 4px 18px; }
nav.toc li::before { content: counter(list-item) ". "; color: var(--muted); }
nav.toc ol ol { display: inline-flex; gap: 4px 12px; margin-left: 6px; }
nav.toc ol ol li::before { content: ""; }

/* Callouts */
.callout { padding: 10px 14px; border-left: 4px solid; border-radius: 4px; margin: 10px 0; }
.callout ul { margin: 4px 0; padding-left: 20px; }
.callout li { margin: 3px 0; }
.callout-warn { border-color: #f08c00; background: var(--warn-bg); }
.callout-info { border-color: var(--accent); background: #eef4fb; }
.callout h3 { margin: 0 0 4px; font-size: 0.95rem; }

/* Tables */
.table-wrap { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; font-size: 0.9rem; margin: 6px 0 8px; }
caption { text-align: left; color: var(--muted); padding: 0 0 6px; caption-side: top; }
th, td { padding: 5px 9px; border-bottom: 1px solid var(--line); vertical-align: top; text-align: left; }
thead th { background: var(--soft); border-bottom: 2px solid #ced4da; font-weight: 600; white-space: nowrap; }
tbody tr:hover { background: #fafbfc; }
tr.group-start td { border-top: 1px solid #ced4da; }
td.name { font-weight: 600; overflow-wrap: anywhere; }
/* Provisioning tables: method and target labels are a few words, never to be split mid-word. */
td.label { font-weight: 600; white-space: nowrap; }
td.pre, .pre { white-space: pre-wrap; overflow-wrap: anywhere; }
.kind { display: inline-block; padding: 0 6px; border-radius: 3px; font-size: 0.8em; font-weight: 600; white-space: nowrap; }
.kind-vm { color: #fff; background: var(--vm); }
.kind-container { color: #fff; background: var(--container); }
.swatch { display: inline-block; width: 10px; height: 10px; margin-right: 6px; vertical-align: baseline; }
.swatch-vm { transform: rotate(45deg); }
.swatch-container { border-radius: 50%; }
.warn-mark { color: var(--warn); text-decoration: none; font-weight: 700; margin-left: 4px; }
.zero { color: var(--muted); }
.nonzero { color: var(--bad); font-weight: 600; }

/* Verdicts */
.verdict { display: inline-block; padding: 1px 8px; border-radius: 10px; font-weight: 600; font-size: 0.85em; white-space: nowrap; }
.verdict-supported { background: var(--ok-bg); color: var(--ok); border: 1px solid #b2f2bb; }
.verdict-not-supported { background: var(--bad-bg); color: var(--bad); border: 1px solid #ffc9c9; }
.verdict-not-measured { background: var(--soft); color: var(--muted); border: 1px solid var(--line); }
.verdict-changed { background: var(--warn-bg); color: var(--warn); border: 1px solid #ffe066; }
.verdict-within-noise { background: var(--soft); color: var(--muted); border: 1px solid var(--line); }
.verdict-regressed { background: var(--bad-bg); color: var(--bad); border: 1px solid #ffc9c9; }
.verdict-improved { background: var(--ok-bg); color: var(--ok); border: 1px solid #b2f2bb; }
.verdict-no-significant-change, .verdict-not-compared { background: var(--soft); color: var(--muted); border: 1px solid var(--line); }
td.evidence { white-space: pre-line; font-size: 0.86rem; min-width: 340px; }

/* Charts */
.charts { display: grid; grid-template-columns: minmax(0, 1fr); gap: 22px; }
/* min-width 0: a grid item is otherwise as wide as its canvas, which Chart.js sizes from the item. */
.charts > figure { min-width: 0; }
@media (min-width: 1100px) { .charts { grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); } .charts .full { grid-column: 1 / -1; } }
figure.chart { margin: 0; padding: 14px 16px 10px; border: 1px solid var(--line); border-radius: 8px; background: #fff; break-inside: avoid; }
figure.chart h3 { margin: 0 0 2px; }
figure.chart figcaption { color: var(--muted); font-size: 0.85rem; margin: 0 0 8px; }
.chart-box { position: relative; height: 380px; }
.chart-empty { padding: 26px; text-align: center; color: var(--muted); background: var(--soft); border-radius: 6px; }
.chart-tools { display: flex; justify-content: flex-end; margin-top: 4px; }
button.scale-toggle {
  font: inherit; font-size: 0.8rem; padding: 2px 10px; border: 1px solid #ced4da; border-radius: 4px;
  background: #fff; color: var(--ink); cursor: pointer;
}
button.scale-toggle:hover { background: var(--soft); }

/* Memory and density: runtimes are columns, measures rows (each with how it is taken) */
table.density-table { table-layout: auto; }
table.density-table thead th.runtime-col { text-align: right; vertical-align: bottom; white-space: nowrap; }
table.density-table th.measure, table.isolation-table th.measure { font-weight: 600; width: 34%; min-width: 240px; }
table.density-table th.measure .how, table.isolation-table th.measure .how { display: block; font-weight: 400; color: var(--muted); font-size: 0.8rem; line-height: 1.35; margin-top: 1px; }
table.density-table tr.measure-group th, table.isolation-table tr.measure-group th {
  background: #eef1f5; color: var(--accent); font-size: 0.78rem; font-weight: 700; letter-spacing: 0.03em;
  text-transform: uppercase; padding-top: 7px; border-bottom: 1px solid #ced4da;
}
table.density-table td.num { vertical-align: top; }
table.density-table td.stop { text-align: right; min-width: 140px; }
table.density-table td.stop .cell-note { display: inline-block; max-width: 240px; white-space: normal; }
.cell-note { font-size: 0.78rem; }
td.nowrap { white-space: nowrap; }

/* Isolation: runtimes are columns, questions rows; answers are words, so left-aligned and in
   equal columns (fixed layout: the first row sets the widths), wrapping long names and masks */
table.isolation-table { table-layout: fixed; min-width: 760px; }
table.isolation-table thead th:first-child { width: 27%; }
table.isolation-table thead th.runtime-col { vertical-align: bottom; white-space: normal; overflow-wrap: anywhere; }
table.isolation-table td { overflow-wrap: anywhere; }
table.isolation-table td .answer { font-weight: 500; }
table.isolation-table td.leak { background: var(--bad-bg); }
table.isolation-table td.leak .answer { color: var(--bad); font-weight: 700; }
p.isolation-claims .verdict { margin-right: 4px; }
ul.density-ratios { margin: 6px 0 12px; padding-left: 20px; }
ul.density-ratios li { margin: 2px 0; }

/* Environment */
.overhead-facts { display: flex; flex-wrap: wrap; gap: 6px 28px; margin: 4px 0 14px; padding: 10px 14px; background: var(--soft); border-radius: 6px; font-size: 0.9rem; }
.overhead-facts div { display: flex; gap: 8px; }
.overhead-facts dt { color: var(--muted); }
.overhead-facts dd { margin: 0; font-weight: 600; font-variant-numeric: tabular-nums; }
dl.env { display: grid; grid-template-columns: minmax(200px, max-content) 1fr; gap: 0; margin: 0; font-size: 0.9rem; }
dl.env dt, dl.env dd { padding: 4px 8px; border-bottom: 1px solid var(--line); margin: 0; }
dl.env dt { font-family: ui-monospace, Menlo, Consolas, monospace; font-size: 0.85em; color: var(--muted); }
dl.env dd { overflow-wrap: anywhere; }
dl.env .hint { color: var(--muted); font-size: 0.85em; }
footer { margin-top: 48px; padding-top: 10px; border-top: 1px solid var(--line); color: var(--muted); font-size: 0.82rem; }
section.run-section { border-top: 4px solid var(--accent); margin-top: 56px; }

@media print {
  body { font-size: 10pt; }
  main { max-width: none; padding: 0; }
  nav.toc, .chart-tools { display: none; }
  h2 { break-after: avoid; }
  tr, figure.chart, .callout { break-inside: avoid; }
  .charts { grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); }
  .charts .full { grid-column: 1 / -1; }
  .chart-box { height: 300px; }
  a { color: inherit; text-decoration: none; }
  thead { display: table-header-group; }
}
`;
