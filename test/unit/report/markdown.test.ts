import { describe, expect, it } from 'vitest';
import { evaluateClaims } from '../../../reports/claims.js';
import { formatRatio } from '../../../reports/format-numbers.js';
import { formatDurationMs } from '../../../harness/format-duration.js';
import { escapeMarkdownCell, markdownTable } from '../../../reports/markdown-table.js';
import { renderMarkdownSummary } from '../../../reports/render-markdown.js';
import { DEFAULT_DENSITY, makeRunData, makeRunWithHostileName, XSS_RUNTIME } from '../../fixtures/report/make-run-data.js';
import { densityGroups } from '../../../reports/density-facts.js';
import { KSM_COLUMNS, ksmRows } from '../../../reports/ksm-table.js';
import { renderHtmlReport } from '../../../reports/render-html.js';
import { metricFigures } from '../../../reports/summary-rows.js';
import { DENSITY_MEASURES } from '../../../reports/density-table.js';
import { describeInstance } from '../../../reports/run-facts.js';

describe('escapeMarkdownCell', () => {
  it('keeps a pipe or a newline from breaking the table', () => {
    expect(escapeMarkdownCell('a|b\nc')).toBe('a\\|b<br>c');
  });

  it('turns markup and emphasis into literal text', () => {
    expect(escapeMarkdownCell('<b>x</b> *y* & _z_')).toBe('\\<b\\>x\\</b\\> \\*y\\* &amp; \\_z\\_');
  });

  it('keeps every row with as many cells as the header', () => {
    const table = markdownTable([{ title: 'a' }, { title: 'b', align: 'right' }], [['x|y', '1\n2']]);
    const rows = table.split('\n');
    expect(rows).toHaveLength(3);
    for (const row of rows) expect(row.replace(/\\\|/g, '').split('|').length).toBe(4);
    expect(rows[1]).toBe('| --- | ---: |');
  });
});

describe('renderMarkdownSummary, one run', () => {
  const run = makeRunData();
  const md = renderMarkdownSummary({ runs: [run] });

  it('has the summary table with the medians formatted as in the HTML report', () => {
    expect(md).toContain('| Scenario | Runtime | Ran as | Startup median |');
    for (const rs of run.summary.runtimes) {
      expect(md).toContain(`| ${formatDurationMs(rs.startup.median)} |`);
    }
  });

  it('has the summary rows with the same cells as the HTML table (summary-rows.ts)', () => {
    const html = renderHtmlReport({ runs: [run] });
    for (const rs of run.summary.runtimes) {
      const [s, t] = [metricFigures(rs.startup), metricFigures(rs.teardown)];
      expect(md).toContain(`| ${s.median} | ${s.ci} | ${s.range} | ${s.p95} | ${s.n} | ${t.median} | ${t.ci} | ${t.n} |`);
      expect(html).toContain(`<td class="num" data-cell="range">${s.range}</td>`);
    }
  });

  it('has the density rows with the same figures as the HTML table (density-table.ts)', () => {
    const html = renderHtmlReport({ runs: [run] });
    const measures = DENSITY_MEASURES.flatMap((g) => g.rows);
    const groups = densityGroups(run).filter((g) => g.summary !== null);
    expect(groups.length).toBeGreaterThan(0);
    for (const g of groups) {
      const figures = measures.map((m) => m.figure(g.summary!, g));
      const cells = figures.map((f) => escapeMarkdownCell(f.note === null ? f.main : `${f.main} (${f.note})`));
      expect(md).toContain(`| ${escapeMarkdownCell(g.runtime)} | ${escapeMarkdownCell(describeInstance(g))} | ${cells.join(' | ')} |`);
      const stop = figures[measures.findIndex((m) => m.key === 'stop')]!;
      expect(html).toContain(`<td class="stop" data-runtime="${g.runtime}" data-cell="stop"><strong>${stop.main}</strong>`);
    }
  });

  it('has the KSM table with the same cells as the HTML one', () => {
    const rows = ksmRows(densityGroups(run));
    expect(rows.map((r) => r.group.runtime)).toEqual(['qemu-q35', 'qemu-microvm', 'namespaces', 'runc']);
    expect(md).toContain(`| ${KSM_COLUMNS.join(' | ')} |`);
    for (const r of rows) {
      expect(md).toContain(
        `| ${r.group.runtime} | ${r.instances} | ${r.settled ? 'yes' : 'no'} (${r.waited}) | ${r.pagesSharing} | ${r.pssBeforeAfter} | ${r.pssSaved.main} (${r.pssSaved.note}) |`,
      );
    }
    const html = renderHtmlReport({ runs: [run] });
    for (const r of rows) expect(html).toContain(`<strong>${r.pssSaved.main}</strong>`);
  });

  it('has no KSM table when no runtime ran KSM', () => {
    const noKsm = makeRunData({ density: DEFAULT_DENSITY.map((d) => ({ ...d, ksmSaving: null })) });
    expect(renderMarkdownSummary({ runs: [noKsm] })).not.toContain('Kernel samepage merging');
  });

  it('has the ratios and the claims with their verdicts', () => {
    for (const c of run.summary.comparisons) expect(md).toContain(`| ${formatRatio(c.ratio)} |`);
    for (const v of evaluateClaims(run)) expect(md).toMatch(new RegExp(`\\| ${v.id} \\| .* \\| \\*\\*${v.verdict}\\*\\* \\|`));
  });

  it('has the caveats, TCG first among the warnings', () => {
    expect(md).toMatch(/## Caveats\n\n- VMs \(qemu-q35, qemu-microvm\) ran under TCG software emulation/);
  });

  it('marks an incomplete run', () => {
    expect(renderMarkdownSummary({ runs: [makeRunData({ status: 'interrupted' })] })).toContain('**INCOMPLETE RUN**');
    expect(md).not.toContain('INCOMPLETE');
  });

  it('keeps a hostile runtime name as text', () => {
    const hostile = renderMarkdownSummary({ runs: [makeRunWithHostileName()] });
    expect(hostile).not.toContain(XSS_RUNTIME);
    expect(hostile).not.toContain('<script>');
    expect(hostile).toContain(escapeMarkdownCell(XSS_RUNTIME));
  });
});

describe('renderMarkdownSummary, two runs', () => {
  it('compares against the baseline', () => {
    const a = makeRunData({ runId: 'run-a', seed: 1 });
    const b = makeRunData({ runId: 'run-b', seed: 2, scale: 1.5 });
    const md = renderMarkdownSummary({ runs: [a, b] });
    expect(md).toContain('# vmbench comparison of 2 runs');
    expect(md).toContain('## run-b vs baseline run-a');
    expect(md).toMatch(/\| busybox-echo \| qemu-q35 \| startup \| .* \| regressed \|/);
    expect(md).toMatch(/Holm's correction/);
  });
});
