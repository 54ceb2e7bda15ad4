/** `vmbench compare --markdown` (and the comparison part of `vmbench report A B -f markdown`). */
import type { ComparisonResult, MetricComparison } from '../harness/compare/compare-runs.js';
import {
  formatP,
  formatPercent,
  formatRatioCi,
  formatValue,
  methodLines,
  notComparedLines,
  sideLabel,
  verdictText,
} from '../harness/compare/describe.js';
import { escapeMarkdownText, markdownTable } from './markdown-table.js';

function rowOf(m: MetricComparison): string[] {
  return [
    m.scenario,
    m.runtime,
    m.metric,
    formatValue(m.base?.median, m.unit),
    formatValue(m.other?.median, m.unit),
    formatPercent(m.ratio === null ? null : m.ratio - 1),
    formatRatioCi(m.ratioCi95),
    formatP(m.p),
    formatP(m.pAdjusted),
    verdictText(m),
  ];
}

export function renderComparisonMarkdown(result: ComparisonResult, level = '##'): string {
  const parts: string[] = [];
  for (const pair of result.pairs) {
    parts.push(`${level} ${escapeMarkdownText(sideLabel(pair.otherRuns))} vs baseline ${escapeMarkdownText(sideLabel(pair.baseRuns))}`);
    parts.push(
      pair.hostDifferences.length === 0
        ? 'Hosts: no difference found.'
        : `**The hosts differ** (a change may come from that, not from the software under test):\n\n${pair.hostDifferences.map((d) => `- ${escapeMarkdownText(`${d.what}: ${d.base} → ${d.other}`)}`).join('\n')}`,
    );
    parts.push(methodLines(result, pair).map(escapeMarkdownText).join('\n'));
    parts.push(
      markdownTable(
        [
          { title: 'Scenario' },
          { title: 'Runtime' },
          { title: 'Metric' },
          { title: 'Baseline', align: 'right' },
          { title: 'New', align: 'right' },
          { title: 'Change', align: 'right' },
          { title: 'Ratio 95% CI', align: 'right' },
          { title: 'p', align: 'right' },
          { title: 'p (Holm)', align: 'right' },
          { title: 'Verdict' },
        ],
        pair.metrics.filter((m) => m.verdict.state !== 'not compared').map(rowOf),
      ),
    );
    const skipped = notComparedLines(pair.metrics);
    if (skipped.length > 0) parts.push(skipped.map((l) => `- ${escapeMarkdownText(l)}`).join('\n'));
  }
  return parts.join('\n\n');
}
