/**
 * The performance part of the terminal summary: per workload and runtime each metric's median
 * with its 95% interval, then each runtime's speed relative to the host baseline.
 */
import type { PerformanceRatio, Summary, WorkloadSummary } from '../results/format.js';
import { formatFigure } from './format.js';
import { workloadKey } from '../run-key.js';
import { hostDiskCacheNote } from '../results/host-disk-cache-note.js';

const label = (w: Pick<WorkloadSummary, 'runtime' | 'accel'>): string => (w.accel ? `${w.runtime} (${w.accel})` : w.runtime);

export function formatPerformance(summary: Summary): string[] {
  const lines: string[] = [];
  const all = summary.performance ?? [];
  const keys = [...new Set(all.map((w) => workloadKey(w.scenario, w.workload)))];
  for (const key of keys) {
    const [scenario, workload] = JSON.parse(key) as [string, string];
    const rows = all.filter((w) => w.scenario === scenario && w.workload === workload);
    lines.push('', `Workload ${workload} (scenario ${scenario})`);
    for (const w of rows) {
      const figures = w.metrics.map((m) => {
        if (m.median === null) return `${m.name} —`;
        const ci = m.medianCi95 ? ` [${formatFigure(m.medianCi95[0])} … ${formatFigure(m.medianCi95[1])}]` : '';
        return `${m.name} ${formatFigure(m.median)} ${m.unit}${ci}`;
      });
      const failed = w.metrics[0] ? w.metrics[0].failures + w.metrics[0].timeouts : 0;
      lines.push(`  ${label(w).padEnd(18)} ${figures.join(', ')}${failed ? ` (${failed} failed)` : ''}`);
    }
    const vsHost = (summary.performanceRatios ?? []).filter(
      (r) => r.scenario === scenario && r.workload === workload && r.against === 'host',
    );
    for (const runtime of [...new Set(vsHost.map((r) => r.runtime))]) {
      const mine = vsHost.filter((r) => r.runtime === runtime);
      lines.push(`  ${runtime} vs ${mine[0]!.baseline}: ${mine.map(ratioText).join(', ')}`);
    }
    const cache = hostDiskCacheNote(rows);
    if (cache) lines.push(`  ${cache}`);
  }
  if (all.some((w) => w.accel === 'tcg')) {
    lines.push(
      '',
      '  (speed relative to the host: 1.00× = the same, below 1 = slower. VMs under TCG emulate every instruction in software: CPU-bound work runs many times slower than under KVM.)',
    );
  }
  return lines;
}

function ratioText(r: PerformanceRatio): string {
  const ci = r.ci95 ? ` [${r.ci95[0].toFixed(2)}–${r.ci95[1].toFixed(2)}]` : '';
  return `${r.metric} ${r.relative.toFixed(2)}×${ci}`;
}
