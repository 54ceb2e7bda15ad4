/**
 * `vmbench compare` on a terminal: host differences first, then how the verdict is reached, then
 * one row per metric (hyperfine-like: medians, change, ratio interval, p, verdict), then a tally.
 */
import type { ComparisonResult, MetricComparison } from '../compare/compare-runs.js';
import {
  formatP,
  formatPercent,
  formatRatioCi,
  formatValue,
  methodLines,
  notComparedLines,
  sideLabel,
  verdictText,
} from '../compare/describe.js';

const HEADERS = ['metric', 'baseline', 'new', 'change', 'ratio 95% CI', 'p (Holm)', 'verdict'];

function row(m: MetricComparison): string[] {
  return [
    m.id,
    formatValue(m.base?.median, m.unit),
    formatValue(m.other?.median, m.unit),
    formatPercent(m.ratio === null ? null : m.ratio - 1),
    formatRatioCi(m.ratioCi95),
    formatP(m.pAdjusted),
    verdictText(m),
  ];
}

function table(rows: string[][]): string[] {
  const widths = HEADERS.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  // Numbers right-aligned, names and verdicts left-aligned.
  const cell = (text: string, i: number): string =>
    i === 0 || i === HEADERS.length - 1 ? text.padEnd(widths[i]!) : text.padStart(widths[i]!);
  return [HEADERS, ...rows].map((r) => `  ${r.map(cell).join('  ').trimEnd()}`);
}

export function formatComparison(result: ComparisonResult): string {
  const lines: string[] = [];
  for (const pair of result.pairs) {
    lines.push(`Baseline ${sideLabel(pair.baseRuns)}  vs  new ${sideLabel(pair.otherRuns)}`);
    if (pair.hostDifferences.length > 0) {
      lines.push(
        `  WARNING: the hosts differ in ${pair.hostDifferences.length} way(s); a change may come from that, not from the software under test:`,
      );
      for (const d of pair.hostDifferences) lines.push(`    ${d.what}: ${d.base} → ${d.other}`);
    } else {
      lines.push('  Hosts: no difference in kernel, CPU, tools, accelerator, cgroups, THP, swap, KSM, governor or load.');
    }
    for (const l of methodLines(result, pair)) lines.push(`  ${l}`);
    lines.push('', ...table(pair.metrics.filter((m) => m.verdict.state !== 'not compared').map(row)), '');
    for (const l of notComparedLines(pair.metrics)) lines.push(`  ${l}`);
    const count = (s: string): number => pair.metrics.filter((m) => m.verdict.state === s).length;
    lines.push(
      `  ${count('regressed')} regressed, ${count('improved')} improved, ${count('no significant change')} no significant change, ${count('not compared')} not compared.`,
      '',
    );
  }
  return lines.join('\n');
}
