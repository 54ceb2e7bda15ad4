/** The performance section of summary.md: per workload the medians, then speeds relative to the host. */
import { formatRatio, formatRatioInterval, threeSignificant } from './format-numbers.js';
import { markdownTable } from './markdown-table.js';
import {
  hasPerformance,
  hostDiskCacheNote,
  readRelative,
  RELATIVE_SPEED_NOTE,
  TCG_NOTE,
  tcgNote,
  workloadGroups,
  type WorkloadGroup,
} from './performance-facts.js';
import type { RunData } from './report-input.js';
import { describeInstance } from './run-facts.js';

const figure = (v: number | null): string => (v === null ? '—' : threeSignificant(v));

function workloadPart(g: WorkloadGroup): string {
  const defs = g.rows[0]?.metrics ?? [];
  const medians = markdownTable(
    [
      { title: 'Runtime' },
      { title: 'Ran as' },
      ...defs.map((m) => ({ title: `${m.name} (${m.unit}, ${m.better} is better)`, align: 'right' as const })),
      { title: 'n', align: 'right' },
    ],
    g.rows.map((r) => [
      r.runtime,
      describeInstance(r),
      ...defs.map((d) => {
        const m = r.metrics.find((x) => x.name === d.name);
        return m?.medianCi95 ? `${figure(m.median)} (${figure(m.medianCi95[0])}–${figure(m.medianCi95[1])})` : figure(m?.median ?? null);
      }),
      String(r.metrics[0]?.n ?? 0),
    ]),
  );
  const ratios = [...g.vsHost, ...g.vmVsContainer];
  const table =
    ratios.length === 0
      ? '_No host baseline with successful samples for this workload._'
      : markdownTable(
          [
            { title: 'Runtime' },
            { title: 'Against' },
            { title: 'Metric' },
            { title: 'Relative speed', align: 'right' },
            { title: '95% CI', align: 'right' },
            { title: 'Reading' },
          ],
          ratios.map((r) => [r.runtime, r.baseline, r.metric, formatRatio(r.relative), formatRatioInterval(r.ci95), readRelative(r)]),
        );
  const cache = hostDiskCacheNote(g.rows);
  const note = [...(g.tcg && tcgNote(g.workload) !== TCG_NOTE ? [`> ${tcgNote(g.workload)}`] : []), ...(cache ? [`> ${cache}`] : [])];
  return [
    `Workload \`${g.workload.replace(/`/g, "'")}\` (scenario \`${g.scenario.replace(/`/g, "'")}\`), medians with 95% CI:`,
    ...note,
    medians,
    table,
  ].join('\n\n');
}

export function performanceSection(run: RunData, level: string): string | null {
  if (!hasPerformance(run)) return null;
  const groups = workloadGroups(run);
  return [
    `${level} Performance`,
    `${RELATIVE_SPEED_NOTE}${groups.some((g) => g.tcg) ? `\n\n> ${TCG_NOTE}` : ''}`,
    ...groups.map(workloadPart),
  ].join('\n\n');
}
