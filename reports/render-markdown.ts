/**
 * summary.md: the report's tables as GitHub Markdown, for a pull request or an issue: caveats,
 * summary, VM/container ratios, memory and density, the isolation matrix, and claims (and, for several
 * runs, the differences).
 * Numbers are formatted exactly as in the HTML report.
 */
import { deriveCaveats } from './caveats.js';
import { MEMORY_METHODS } from './charts/memory-methods.js';
import { evaluateClaims } from './claims.js';
import { reportComparison } from './compare-runs.js';
import { renderComparisonMarkdown } from './markdown-compare.js';
import { densityGroups, densityScenarios, densityWarningsFor, hasDensity, isDensityOnlyWarning } from './density-facts.js';
import { formatRatio, formatRatioInterval, formatTimestamp } from './format-numbers.js';
import { KSM_COLUMNS, KSM_EXPLANATION, ksmRows, type NotedFigure } from './ksm-table.js';
import { columnTitle, ISOLATION_ROWS, isolationColumns, unprobedRuntimes, type MatrixCell } from './isolation-facts.js';
import { escapeMarkdownText, markdownTable, type MarkdownColumn } from './markdown-table.js';
import type { ReportInput, RunData } from './report-input.js';
import { describeInstance } from './run-facts.js';
import { DASH, DENSITY_MEASURES } from './density-table.js';
import { readRatio } from './sections/ratios-table.js';
import { performanceSection } from './markdown-performance.js';
import { metricFigures } from './summary-rows.js';
import { hasProvisioning, provisioningSummaries } from './provisioning-facts.js';
import { baseLine, METHOD_COLUMNS, methodNotes, methodRows, WRITE_COLUMNS, writeRows } from './provisioning-rows.js';

/** Claims C7 and C8: the methods' costs and the first-write test, as in the HTML report. */
function provisioningSection(run: RunData, level: string): string | null {
  if (!hasProvisioning(run)) return null;
  const table = (columns: readonly string[], rows: string[][]): string =>
    markdownTable(
      columns.map((title) => ({ title })),
      rows,
    );
  return [
    `${level} Provisioning (copy-on-write)`,
    ...provisioningSummaries(run).flatMap((s) => [
      escapeMarkdownText(`${s.scenario}: ${baseLine(s)}`),
      table(METHOD_COLUMNS, methodRows(s)),
      bullets(methodNotes(s)),
      table(WRITE_COLUMNS, writeRows(s)),
    ]),
  ].join('\n\n');
}

function summaryTable(run: RunData): string {
  if (run.summary.runtimes.length === 0) return '_No samples were measured._';
  return markdownTable(
    [
      { title: 'Scenario' },
      { title: 'Runtime' },
      { title: 'Ran as' },
      { title: 'Startup median', align: 'right' },
      { title: '95% CI', align: 'right' },
      { title: 'Min … max', align: 'right' },
      { title: 'p95', align: 'right' },
      { title: 'n', align: 'right' },
      { title: 'Teardown median', align: 'right' },
      { title: '95% CI', align: 'right' },
      { title: 'n', align: 'right' },
      { title: 'Failed', align: 'right' },
      { title: 'Timed out', align: 'right' },
    ],
    run.summary.runtimes.map((rs) => {
      const [startup, teardown] = [metricFigures(rs.startup), metricFigures(rs.teardown)];
      return [
        rs.scenario,
        rs.runtime,
        describeInstance(rs),
        startup.median,
        startup.ci,
        startup.range,
        startup.p95,
        startup.n,
        teardown.median,
        teardown.ci,
        teardown.n,
        String(rs.startup.failures),
        String(rs.startup.timeouts),
      ];
    }),
  );
}

function ratiosTable(run: RunData): string {
  if (run.summary.comparisons.length === 0) return '_No scenario has successful launches of both a VM and a container._';
  return markdownTable(
    [
      { title: 'Scenario' },
      { title: 'Metric' },
      { title: 'VM' },
      { title: 'Container' },
      { title: 'VM / container', align: 'right' },
      { title: '95% CI', align: 'right' },
      { title: 'Reading' },
    ],
    run.summary.comparisons.map((c) => [
      c.scenario,
      c.metric,
      c.vm,
      c.container,
      formatRatio(c.ratio),
      formatRatioInterval(c.ci95),
      readRatio(c),
    ]),
  );
}

/** A figure with its note in parentheses, as the Markdown cells carry the HTML's smaller line. */
function withNote(f: NotedFigure): string {
  return f.note === null ? f.main : `${f.main} (${f.note})`;
}

function densityTable(run: RunData, scenario: string): string {
  const groups = densityGroups(run).filter((g) => g.scenario === scenario);
  const measures = DENSITY_MEASURES.flatMap((group) => group.rows);
  const columns: MarkdownColumn[] = [
    { title: 'Runtime' },
    { title: 'Ran as' },
    ...measures.map((m) => ({ title: m.column, ...(m.text === true ? {} : { align: 'right' as const }) })),
  ];
  const table = markdownTable(
    columns,
    groups.map((g) => {
      const d = g.summary;
      return [g.runtime, describeInstance(g), ...measures.map((m) => (d === null ? DASH : withNote(m.figure(d, g))))];
    }),
  );
  const ratios = (run.summary.densityComparisons ?? [])
    .filter((c) => c.scenario === scenario)
    .map((c) => `${c.container}: ${formatRatio(c.ratio)} more instances per GiB than ${c.vm}`);
  const warnings = densityWarningsFor(run, scenario);
  return [
    `Scenario \`${scenario.replace(/`/g, "'")}\`:`,
    table,
    ratios.length === 0 ? '' : bullets(ratios),
    warnings.length === 0 ? '' : `Warnings from the harness about this scenario:\n\n${bullets(warnings.map((w) => w.message))}`,
  ]
    .filter((p) => p !== '')
    .join('\n\n');
}

/** The same cells as the HTML KSM table (reports/ksm-table.ts); notes in parentheses. */
function ksmTable(run: RunData): string | null {
  const rows = ksmRows(densityGroups(run));
  if (rows.length === 0) return null;
  const withScenario = densityScenarios(run).length > 1;
  const noted = (f: NotedFigure) => (f.note === null ? f.main : `${f.main} (${f.note})`);
  const table = markdownTable(
    KSM_COLUMNS.map((title, i) => ({ title, align: i === 0 || title === 'KSM settled' ? 'left' : 'right' })),
    rows.map((r) => [
      withScenario ? `${r.group.scenario} / ${r.group.runtime}` : r.group.runtime,
      r.instances,
      `${r.settled ? 'yes' : 'no'} (${r.waited})`,
      r.pagesSharing,
      r.pssBeforeAfter,
      noted(r.pssSaved),
      noted(r.memAvailableChange),
    ]),
  );
  return `Kernel samepage merging (KSM): ${KSM_EXPLANATION}\n\n${table}`;
}

function densitySection(run: RunData, level: string): string | null {
  if (!hasDensity(run)) return null;
  const how = MEMORY_METHODS.map((m) => `${m.label}: ${m.how}`);
  const ksm = ksmTable(run);
  return [
    `${level} Memory and density`,
    'Memory in MiB; per-instance figures are medians over the instances, marginal costs straight-line slopes (± standard error) over instances running. One density run per runtime: no confidence intervals.',
    `How each method is measured:\n\n${bullets(how)}`,
    ...densityScenarios(run).map((scenario) => densityTable(run, scenario)),
    ...(ksm === null ? [] : [ksm]),
  ].join('\n\n');
}

function matrixCell(cell: MatrixCell): string {
  const main = cell.leak === true ? `⚠ ${cell.main}` : cell.main;
  return cell.notes.length === 0 ? main : `${main} — ${cell.notes.join('; ')}`;
}

function isolationSection(run: RunData, level: string): string {
  const columns = isolationColumns(run);
  const heading = `${level} Isolation`;
  if (columns.length === 0) {
    return `${heading}\n\n_No probe sample in this run: run the isolation scenario (vmbench run isolation) to fill this matrix._`;
  }
  const table = markdownTable(
    [{ title: 'Question' }, ...columns.map((c) => ({ title: columnTitle(c) }))],
    ISOLATION_ROWS.map((row) => [row.label, ...columns.map((c) => matrixCell(row.cell(c, run)))]),
  );
  const unprobed = unprobedRuntimes(run).map((m) => `${m.runtime}: ${m.why}`);
  return [
    heading,
    'What each instance could see of the host and was allowed to do, reported from inside by the probe workload and checked from the host. One probe launch per runtime; reported, not scored (⚠: the instance saw or changed something of the host’s).',
    table,
    `How each row is measured:\n\n${bullets(ISOLATION_ROWS.map((r) => `${r.label}: ${r.how}`))}`,
    unprobed.length === 0 ? '' : `Not probed:\n\n${bullets(unprobed)}`,
  ]
    .filter((p) => p !== '')
    .join('\n\n');
}

function claimsTable(run: RunData): string {
  return markdownTable(
    [{ title: '#' }, { title: 'Claim' }, { title: 'Verdict' }, { title: 'Evidence' }],
    evaluateClaims(run).map((v) => [v.id, v.claim, { markdown: `**${v.verdict}**` }, v.evidence]),
  );
}

function bullets(lines: readonly string[]): string {
  return lines.length === 0 ? '_None._' : lines.map((l) => `- ${escapeMarkdownText(l)}`).join('\n');
}

function runSections(run: RunData, level: string): string {
  const status =
    run.meta.status === 'complete' && run.summary.complete
      ? ''
      : `\n\n> **INCOMPLETE RUN** (status: ${escapeMarkdownText(run.meta.status)}): the figures cover only the ${run.meta.samples} samples recorded before it stopped.`;
  return [
    `Run \`${run.meta.runId.replace(/`/g, "'")}\`, started ${formatTimestamp(run.meta.startedAt)}; host ${escapeMarkdownText(run.env.cpuModel)}, ${run.env.cores} cores, kernel ${escapeMarkdownText(run.env.hostKernel)} (virtualization: ${escapeMarkdownText(run.env.hostVirtualization)}).${status}`,
    `${level} Caveats\n\n${bullets(deriveCaveats(run).map((c) => c.text))}`,
    `${level} Startup and teardown\n\n${summaryTable(run)}`,
    `Warnings from the harness:\n\n${bullets(run.summary.warnings.filter((w) => !isDensityOnlyWarning(run, w)).map((w) => w.message))}`,
    `${level} VM / container ratios\n\n${ratiosTable(run)}`,
    performanceSection(run, level),
    densitySection(run, level),
    provisioningSection(run, level),
    isolationSection(run, level),
    `${level} Claims\n\n${claimsTable(run)}`,
  ]
    .filter((part): part is string => part !== null)
    .join('\n\n');
}

export function renderMarkdownSummary(input: ReportInput): string {
  const [baseline, ...others] = input.runs;
  if (baseline === undefined) throw new RangeError('renderMarkdownSummary needs at least one run');
  if (others.length === 0) return `# vmbench summary\n\n${runSections(baseline, '##')}\n`;
  const parts = [
    `# vmbench comparison of ${input.runs.length} runs\n\nBaseline: \`${baseline.meta.runId}\`.`,
    renderComparisonMarkdown(reportComparison(input)),
    ...input.runs.map((r, i) => `## Run ${i === 0 ? 'baseline' : i + 1}: ${escapeMarkdownText(r.meta.runId)}\n\n${runSections(r, '###')}`),
  ];
  return `${parts.join('\n\n')}\n`;
}
