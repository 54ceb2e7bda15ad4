/**
 * Comparison of runs: the same (scenario, runtime, metric) in a baseline run and another run.
 * A difference counts as a change only when the two medians' 95% bootstrap intervals do not
 * overlap; anything smaller is within the noise the runs themselves show.
 */
import type { MetricSummary, RuntimeSummary } from '../harness/results/format.js';
import type { RunData } from './report-input.js';

export type MetricName = 'startup' | 'teardown';

export type DeltaVerdict = 'changed' | 'within noise' | 'no interval' | 'only in one run';

export interface MedianWithCi {
  runId: string;
  median: number | null;
  ci95: [number, number] | null;
  n: number;
}

export interface MetricDelta {
  scenario: string;
  runtime: string;
  metric: MetricName;
  baseline: MedianWithCi | null;
  other: MedianWithCi | null;
  /** other − baseline, ms. */
  difference: number | null;
  /** (other − baseline) / baseline. */
  relative: number | null;
  verdict: DeltaVerdict;
}

function medianOf(runId: string, m: MetricSummary | undefined): MedianWithCi | null {
  if (m === undefined || m.median === null) return null;
  return { runId, median: m.median, ci95: m.medianCi95, n: m.n };
}

function overlaps(a: [number, number], b: [number, number]): boolean {
  return a[0] <= b[1] && b[0] <= a[1];
}

function judge(baseline: MedianWithCi | null, other: MedianWithCi | null): DeltaVerdict {
  if (baseline === null || other === null) return 'only in one run';
  if (baseline.ci95 === null || other.ci95 === null) return 'no interval';
  return overlaps(baseline.ci95, other.ci95) ? 'within noise' : 'changed';
}

function key(rs: { scenario: string; runtime: string }): string {
  return JSON.stringify([rs.scenario, rs.runtime]);
}

/** Every (scenario, runtime, metric) present in either run, baseline order first. */
export function compareRuns(baseline: RunData, other: RunData): MetricDelta[] {
  const baseBy = new Map(baseline.summary.runtimes.map((rs) => [key(rs), rs] as const));
  const otherBy = new Map(other.summary.runtimes.map((rs) => [key(rs), rs] as const));
  const all = new Map<string, RuntimeSummary>([...otherBy, ...baseBy]);
  const order = [...new Set([...baseBy.keys(), ...otherBy.keys()])];
  const out: MetricDelta[] = [];
  for (const k of order) {
    const rs = all.get(k) as RuntimeSummary;
    for (const metric of ['startup', 'teardown'] as const) {
      const b = medianOf(baseline.meta.runId, baseBy.get(k)?.[metric]);
      const o = medianOf(other.meta.runId, otherBy.get(k)?.[metric]);
      if (b === null && o === null) continue;
      const difference = b !== null && o !== null ? (o.median as number) - (b.median as number) : null;
      const relative = difference !== null && b !== null && b.median !== 0 ? difference / (b.median as number) : null;
      out.push({ scenario: rs.scenario, runtime: rs.runtime, metric, baseline: b, other: o, difference, relative, verdict: judge(b, o) });
    }
  }
  return out;
}
