import { describe, expect, it } from 'vitest';
import type { DensitySummary } from '../../../harness/results/format.js';
import { MEMORY_METHODS } from '../../../reports/charts/memory-methods.js';
import { MANY_MORE_FACTOR, evaluateC2 } from '../../../reports/claims/c2-density.js';
import { escapeHtml } from '../../../reports/escape.js';
import { formatCount, formatFigure, formatMiB, formatRatio, formatWithError } from '../../../reports/format-numbers.js';
import { formatDurationMs } from '../../../harness/format-duration.js';
import { renderHtmlReport } from '../../../reports/render-html.js';
import { renderMarkdownSummary } from '../../../reports/render-markdown.js';
import {
  DEFAULT_DENSITY,
  densityNamed,
  makeRunData,
  withDensityRecords,
  XSS_RUNTIME,
  type DensityFixture,
} from '../../fixtures/report/make-run-data.js';
import { idsIn, markupOnly } from '../../fixtures/report/html-helpers.js';

const MIB = 2 ** 20;
const run = makeRunData();
const page = renderHtmlReport({ runs: [run] });
const density = run.summary.density as DensitySummary[];
const of = (runtime: string): DensitySummary => density.find((d) => d.runtime === runtime) as DensitySummary;

/** The text of the density table cell for one runtime and measure, tags stripped. */
function cell(html: string, runtime: string, key: string): string {
  const match = new RegExp(`<td class="[^"]*" data-runtime="${escapeHtml(runtime)}" data-cell="${key}">([\\s\\S]*?)</td>`).exec(html);
  if (match === null) throw new Error(`no cell ${runtime}/${key}`);
  return (match[1] as string)
    .replace(/<br>/g, '\n')
    .replace(/<[^>]+>/g, '')
    .trim();
}

describe('Memory and density section', () => {
  it('follows the startup charts, with its own entry in the table of contents', () => {
    const markup = markupOnly(page);
    expect(markup).toContain('<a href="#density">Memory and density</a>');
    const order = ['id="charts"', 'id="density"', 'id="claims"'].map((id) => markup.indexOf(id));
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(idsIn(page)).toContain('density-memory');
  });

  it('shows instances reached and the stop reason of every runtime', () => {
    for (const d of density) {
      expect(cell(page, d.runtime, 'instances')).toBe(formatCount(d.instances));
      expect(cell(page, d.runtime, 'stop')).toContain(escapeHtml(d.stopDetail));
    }
    expect(cell(page, 'runc', 'instances')).toBe('60');
  });

  it('gives per-instance memory by each method in MiB with 3 significant digits, absent methods as a dash', () => {
    for (const d of density) {
      for (const m of MEMORY_METHODS) {
        const bytes = d.perInstance[m.field];
        expect(cell(page, d.runtime, m.key)).toBe(bytes === null ? '—' : formatMiB(bytes));
      }
    }
    expect(cell(page, 'qemu-q35', 'pss')).toMatch(/^1\d\d MiB$/);
    expect(cell(page, 'namespaces', 'pss')).toMatch(/^0\.\d\d\d MiB$/);
    expect(cell(page, 'runc', 'configured')).toBe('—');
    expect(cell(page, 'qemu-q35', 'cgroup')).toBe('—');
  });

  it('says in one line how each method is measured', () => {
    for (const m of MEMORY_METHODS) expect(page).toContain(`${escapeHtml(m.label)}<span class="how">${escapeHtml(m.how)}</span>`);
  });

  it('gives overhead = PSS − inside', () => {
    const q35 = of('qemu-q35');
    expect(q35.overheadBytes).toBe((q35.perInstance.pssBytes as number) - (q35.perInstance.insideBytes as number));
    expect(cell(page, 'qemu-q35', 'overhead')).toBe(formatMiB(q35.overheadBytes));
  });

  it('gives the marginal costs as slope ± standard error with r², for MemAvailable and summed PSS', () => {
    for (const d of density) {
      const sys = d.marginalSystem!;
      expect(cell(page, d.runtime, 'marginal-system')).toBe(
        `${formatWithError(sys.slope / MIB, sys.slopeStdErr! / MIB, 'MiB')}\nr² ${formatFigure(sys.r2)} · n = ${sys.n}`,
      );
      const pss = d.marginalPss!;
      expect(cell(page, d.runtime, 'marginal-pss')).toContain(formatWithError(pss.slope / MIB, pss.slopeStdErr! / MIB, 'MiB'));
    }
    // The fixture's runc costs ~5.7 MiB of MemAvailable per instance.
    expect(of('runc').marginalSystem!.slope / MIB).toBeGreaterThan(5.3);
    expect(of('runc').marginalSystem!.slope / MIB).toBeLessThan(6.1);
  });

  it('gives instances per GiB, the projected maximum, startup slope, teardown and harness peak RSS', () => {
    for (const d of density) {
      expect(cell(page, d.runtime, 'per-gib')).toBe(`${formatFigure(d.instancesPerGiB)}\nfrom the MemAvailable slope`);
      expect(cell(page, d.runtime, 'projected-max')).toMatch(new RegExp(`^${formatCount(d.projectedMax!)}\\nreserve 2\\.40 GiB$`));
      expect(cell(page, d.runtime, 'startup-slope')).toContain(formatWithError(d.startupVsN!.slope, d.startupVsN!.slopeStdErr, 'ms'));
      expect(cell(page, d.runtime, 'teardown')).toBe(`${formatDurationMs(d.teardownMs)}\n${formatCount(d.instances)} instances`);
      expect(cell(page, d.runtime, 'harness-rss')).toBe(formatMiB(d.harnessPeakRssBytes));
      const cpu = d.harnessCpu!;
      const percent = Math.round(((cpu.nodeMs + cpu.launcherMs!) / cpu.wallMs) * 100);
      expect(cell(page, d.runtime, 'harness-cpu')).toBe(
        `${percent} %\nNode ${formatDurationMs(cpu.nodeMs)} + launcher ${formatDurationMs(cpu.launcherMs)} over ${formatDurationMs(cpu.wallMs)}`,
      );
    }
  });

  it('says when the harness CPU or its launcher share was not recorded (older results)', () => {
    const older = withDensityRecords(
      run,
      run.density.map((r) => (r.type === 'density-end' ? { ...r, launcherCpuMs: undefined } : r)),
    );
    const d = older.summary.density![0]!;
    expect(cell(renderHtmlReport({ runs: [older] }), d.runtime, 'harness-cpu')).toMatch(/ %\nNode .* \+ launcher not recorded over /);
    const summary = { ...older.summary, density: older.summary.density!.map((x) => ({ ...x, harnessCpu: undefined })) };
    expect(cell(renderHtmlReport({ runs: [{ ...older, summary }] }), d.runtime, 'harness-cpu')).toBe('—\nnot recorded');
  });

  it('says when instances per GiB comes from the summed-PSS slope', () => {
    const noisy: DensityFixture[] = [DEFAULT_DENSITY[0]!, { ...DEFAULT_DENSITY[2]!, systemMiB: -0.5 }];
    const r = makeRunData({ density: noisy });
    expect(cell(renderHtmlReport({ runs: [r] }), 'namespaces', 'per-gib')).toMatch(/from the summed PSS slope$/);
  });

  it('states the container/VM ratios from summary.densityComparisons', () => {
    for (const c of run.summary.densityComparisons ?? []) {
      expect(page).toContain(`<strong>${c.container}: ${formatRatio(c.ratio)} more instances per GiB than ${c.vm}</strong>`);
    }
    expect(run.summary.densityComparisons).toHaveLength(4);
  });

  it('shows the harness warnings about the density scenario next to its table, not under startup', () => {
    const warnings = run.summary.warnings.filter((w) => w.scenario === 'idle-density').map((w) => w.message);
    expect(warnings.every((w) => w.startsWith('idle-density/'))).toBe(true);
    expect(warnings.length).toBeGreaterThan(0); // containers' KSM does not settle, as on the real host
    const section = page.slice(page.indexOf('<section id="density">'), page.indexOf('<section id="claims">'));
    const startup = page.slice(page.indexOf('<section id="summary">'), page.indexOf('<section id="density">'));
    for (const w of warnings) {
      expect(section).toContain(escapeHtml(w));
      expect(startup).not.toContain(escapeHtml(w));
    }
  });

  it('has a KSM table: guests save about a third of their PSS, containers almost nothing', () => {
    const saved = (runtime: string) => Number(cell(page, runtime, 'pss-saved').split('%')[0]);
    expect(saved('qemu-q35')).toBeGreaterThan(30);
    expect(saved('runc')).toBeLessThan(1);
  });

  it('is absent, with its TOC entry and charts, when the run has no density data', () => {
    const plain = renderHtmlReport({ runs: [makeRunData({ density: 'none' })] });
    expect(plain).not.toContain('id="density"');
    expect(plain).not.toContain('href="#density"');
    expect(plain).not.toContain('>Memory and density<');
    expect(plain).not.toContain('density-memory');
  });

  it('treats a hostile runtime name as text', () => {
    const hostile = makeRunData({ density: [...densityNamed('qemu-q35'), { ...DEFAULT_DENSITY[3]!, runtime: XSS_RUNTIME }] });
    const html = renderHtmlReport({ runs: [hostile] });
    expect(markupOnly(html)).not.toContain(XSS_RUNTIME);
    expect(html).toContain(escapeHtml(XSS_RUNTIME));
  });
});

describe('comparison of runs with density data', () => {
  it('gives each run its own density section and charts, and every link resolves', () => {
    const html = renderHtmlReport({ runs: [run, makeRunData({ runId: 'other', seed: 3 })] });
    const ids = new Set(idsIn(html));
    expect(ids).toContain('run1-density');
    expect(ids).toContain('run2-density-memory');
    for (const m of markupOnly(html).matchAll(/href="#([^"]+)"/g)) expect(ids).toContain(m[1]);
  });
});

describe('environment: the harness overhead', () => {
  it('shows event-loop delay and peak RSS, also during density runs', () => {
    expect(page).toMatch(/data-overhead="event-loop-delay"><dt>Event-loop delay p99<\/dt><dd>0\.420 ms<\/dd>/);
    expect(page).toMatch(/data-overhead="peak-rss"><dt>Peak RSS<\/dt><dd>96\.0 MiB<\/dd>/);
    // (9.10 s + 0.64 s) / 131 s
    expect(page).toContain(
      '<div data-overhead="whole-run-cpu"><dt>Harness CPU over the whole run</dt><dd>7 % (Node 9.10 s + launcher 640 ms over 131 s)</dd></div>',
    );
    expect(page).toMatch(/data-overhead="density-peak-rss"><dt>Peak RSS during density runs<\/dt><dd>8\d\.\d MiB<\/dd>/);
  });
});

describe('Markdown export', () => {
  const md = renderMarkdownSummary({ runs: [run] });

  it('has the density table with the same numbers', () => {
    expect(md).toContain('## Memory and density');
    expect(md).toContain('| Runtime | Ran as | Instances | Stopped because | PSS (host, per process) | RSS (upper bound) | cgroup |');
    const q35 = of('qemu-q35');
    expect(md).toContain(
      // The stop reason and its detail, as the HTML cell shows them (reports/density-table.ts).
      `| qemu-q35 | VM · TCG · q35 | 8 | maximum reached (${q35.stopDetail.replace(/'/g, "'")}) | ${formatMiB(q35.perInstance.pssBytes)} | ${formatMiB(q35.perInstance.rssBytes)} | — |`,
    );
    expect(md).toContain(
      `runc: ${formatRatio(run.summary.densityComparisons?.find((c) => c.container === 'runc' && c.vm === 'qemu-q35')?.ratio)} more instances per GiB than qemu-q35`,
    );
  });

  it('keeps density warnings out of the startup warnings', () => {
    const startup = md.slice(md.indexOf('Warnings from the harness:'), md.indexOf('## VM / container ratios'));
    expect(startup).not.toContain('idle-density/');
    expect(md).toContain('Warnings from the harness about this scenario:');
  });

  it('has no density section without density data', () => {
    expect(renderMarkdownSummary({ runs: [makeRunData({ density: 'none' })] })).not.toContain('Memory and density');
  });
});

describe('C2: many more containers than VMs fit on one host', () => {
  it('is supported on the fixture, stating the threshold and the figures, linked to the memory chart', () => {
    const v = evaluateC2(run);
    expect(v.verdict).toBe('supported');
    expect(v.chartId).toBe('density-memory');
    expect(MANY_MORE_FACTOR).toBe(10);
    expect(v.evidence).toContain(`threshold: ≥ ${MANY_MORE_FACTOR}×`);
    const runc = of('runc');
    expect(v.evidence).toContain(
      `runc (container): PSS ${formatMiB(runc.perInstance.pssBytes)} per instance, ${formatFigure(runc.instancesPerGiB)} per GiB, projected max ${formatCount(runc.projectedMax!)} on this host`,
    );
    const pair = run.summary.densityComparisons?.find((c) => c.container === 'runc' && c.vm === 'qemu-q35');
    expect(v.evidence).toContain(`runc vs qemu-q35: ${formatRatio(pair?.ratio)} as many instances per GiB.`);
    expect(v.evidence).toContain('TCG');
  });

  it('is not supported when a container costs as much as a VM', () => {
    const heavy: DensityFixture = { ...DEFAULT_DENSITY[3]!, pssMiB: 200, systemMiB: 190, instances: 8 };
    const v = evaluateC2(makeRunData({ density: [...densityNamed('qemu-q35'), heavy] }));
    expect(v.verdict).toBe('not supported');
    expect(v.evidence).toMatch(/runc cost as much memory per instance as a VM or more/);
    expect(v.evidence).toMatch(/runc vs qemu-q35: [\d.]+× as many instances per GiB → costs as much as a VM/);
  });

  it('is not supported when containers fit more, but not 10× more', () => {
    const medium: DensityFixture = { ...DEFAULT_DENSITY[3]!, systemMiB: 45, pssMiB: 40, instances: 20 };
    const v = evaluateC2(makeRunData({ density: [...densityNamed('qemu-q35'), medium] }));
    expect(v.verdict).toBe('not supported');
    expect(v.evidence).toContain('more, but not many more');
  });

  it('is not measured without density data', () => {
    const v = evaluateC2(makeRunData({ density: 'none' }));
    expect(v).toMatchObject({ verdict: 'not measured', chartId: null });
    expect(v.evidence).toContain('instances per GiB');
  });

  it('is not measured when the density runs had no VM to compare with', () => {
    const v = evaluateC2(makeRunData({ density: densityNamed('namespaces', 'runc') }));
    expect(v.verdict).toBe('not measured');
    expect(v.evidence).toMatch(/no density scenario has both a VM and a container/);
  });
});
