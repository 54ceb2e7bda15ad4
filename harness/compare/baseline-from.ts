/**
 * `--baseline-from DIR --last N`: the baseline is the last N complete runs in a results
 * directory, and each metric's minimum effect comes from them instead of a hand-edited file
 * (whose bounds people keep retuning): a change must exceed the largest run-to-run deviation of
 * that metric's median the baseline runs themselves showed (and the default minimum).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { medianSorted, sortAscending } from '../stats/percentile.js';
import type { ComparableRun } from './comparable-run.js';
import { runSeries, seriesId, type Series } from './metric-series.js';
import type { ThresholdRule } from './thresholds.js';

/** The run directories under `dir` whose run.json says complete, newest first (by startedAt). */
export function recentRuns(dir: string, last: number, exclude: ReadonlySet<string> = new Set()): string[] {
  const runs: Array<{ path: string; startedAt: string }> = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (exclude.has(path) || !statSync(path, { throwIfNoEntry: false })?.isDirectory()) continue;
    try {
      const meta = JSON.parse(readFileSync(join(path, 'run.json'), 'utf8')) as { status?: unknown; startedAt?: unknown };
      if (meta.status === 'complete' && typeof meta.startedAt === 'string') runs.push({ path, startedAt: meta.startedAt });
    } catch {
      // Not a run (or a damaged one): not a baseline.
    }
  }
  return runs
    .sort((a, b) => b.startedAt.localeCompare(a.startedAt))
    .slice(0, last)
    .map((r) => r.path);
}

function median(values: readonly number[]): number {
  return medianSorted(sortAscending(values));
}

function center(s: Series): number | null {
  if (s.kind === 'estimate') return s.value;
  return s.values.length === 0 ? null : median(s.values);
}

/**
 * One rule per metric that at least two baseline runs measured: minEffect = the largest
 * |run median / median of run medians − 1|, never below `floor`.
 */
export function deriveRules(runs: readonly ComparableRun[], floor: number): ThresholdRule[] {
  const centers = new Map<string, { key: Series; values: number[] }>();
  for (const run of runs) {
    for (const s of runSeries(run)) {
      const c = center(s);
      if (c === null || !(c > 0)) continue;
      const entry = centers.get(seriesId(s)) ?? { key: s, values: [] };
      entry.values.push(c);
      centers.set(seriesId(s), entry);
    }
  }
  const rules: ThresholdRule[] = [];
  for (const { key, values } of centers.values()) {
    if (values.length < 2) continue;
    const mid = median(values);
    const spread = Math.max(...values.map((v) => Math.abs(v / mid - 1)));
    rules.push({
      scenario: key.scenario,
      runtime: key.runtime,
      metric: key.metric,
      minEffect: Math.max(floor, spread),
      source: `the largest run-to-run deviation of the median over the last ${runs.length} runs`,
    });
  }
  return rules;
}
