/**
 * `vmbench compare`: every metric both sides measured, tested, corrected for the number of tests,
 * and judged. A metric is "regressed" or "improved" only when its Holm-adjusted p-value is below
 * α **and** its ratio of medians differs from 1 by at least the metric's minimum effect;
 * everything else is "no significant change", with the smallest change the data could have
 * detected. The Holm family is every test of the invocation (all pairs), so the exit code of
 * --fail-on regression has a family-wise false-alarm rate of at most α.
 */
import type { BootstrapOptions } from '../stats/bootstrap.js';
import { holmAdjust } from '../stats/holm.js';
import type { ComparableRun } from './comparable-run.js';
import { hostDifferences, type HostDifference } from './host-differences.js';
import { runSeries, seriesId, type Series, type SeriesKey } from './metric-series.js';
import { testSides, type SideFigures, type SideInput, type TestName, type TestOutcome } from './side-test.js';
import { ruleFor, type Thresholds } from './thresholds.js';
import type { Better } from '../results/format.js';

export type Verdict =
  | { state: 'regressed' | 'improved' }
  | { state: 'no significant change'; because: 'not significant' | 'below minimum effect' }
  | { state: 'not compared'; reason: string };

export interface MetricComparison extends SeriesKey {
  id: string;
  unit: string;
  better: Better;
  base: SideFigures | null;
  other: SideFigures | null;
  /** other − base median, in the metric's unit. */
  difference: number | null;
  /** other median / base median. */
  ratio: number | null;
  ratioCi95: [number, number] | null;
  test: TestName | null;
  p: number | null;
  /** Holm-adjusted over every test of the comparison. */
  pAdjusted: number | null;
  minEffect: number;
  /** The smallest relative change the test could have called significant here (never below minEffect); null: none. */
  detectable: number | null;
  verdict: Verdict;
}

export interface PairComparison {
  baseRuns: string[];
  otherRuns: string[];
  /** 'runs': ≥ 3 runs a side, the runs' medians are compared; 'samples': pooled samples. */
  level: 'samples' | 'runs';
  levelNote: string;
  hostDifferences: HostDifference[];
  metrics: MetricComparison[];
}

export interface ComparisonResult {
  alpha: number;
  correction: 'holm';
  /** Tests in the Holm family (every comparison that got a p-value). */
  tests: number;
  defaultMinEffect: number;
  pairs: PairComparison[];
  regressed: number;
  improved: number;
}

export interface SidePair {
  base: readonly ComparableRun[];
  other: readonly ComparableRun[];
}

function sideInput(id: string, perRunSeries: Map<string, Series>[]): SideInput | null {
  const present = perRunSeries.map((m) => m.get(id)).filter((s): s is Series => s !== undefined);
  if (present.length === 0) return null;
  const first = present[0]!;
  if (first.kind === 'estimate') {
    return { kind: 'estimate', perRun: present.filter((s) => s.kind === 'estimate').map((s) => ({ value: s.value, se: s.se })) };
  }
  return { kind: 'samples', perRun: present.filter((s) => s.kind === 'samples').map((s) => s.values) };
}

function levelNote(pair: SidePair): { level: PairComparison['level']; note: string } {
  const [b, o] = [pair.base.length, pair.other.length];
  if (b >= 3 && o >= 3) {
    return {
      level: 'runs',
      note: `${b} and ${o} runs: each run's median is one value (run-level test), so run-to-run variation is accounted for`,
    };
  }
  if (b === 1 && o === 1) {
    return {
      level: 'samples',
      note: 'one run a side: only within-run noise is accounted for (samples of one run share its host state; a run-to-run difference of the host shows as a change)',
    };
  }
  return {
    level: 'samples',
    note: `${b} and ${o} runs: samples are pooled, which treats samples of one run as independent (they are not); give ≥ 3 runs a side for a run-level test`,
  };
}

interface Pending {
  pair: number;
  key: Series;
  base: SideFigures | null;
  other: SideFigures | null;
  outcome: TestOutcome | null;
  reason: string | null;
}

function worse(better: Better, ratio: number): boolean {
  return better === 'lower' ? ratio > 1 : ratio < 1;
}

export function compareSides(pairs: readonly SidePair[], thresholds: Thresholds, options?: BootstrapOptions): ComparisonResult {
  const pending: Pending[] = [];
  pairs.forEach((pair, index) => {
    const baseSeries = pair.base.map((r) => new Map(runSeries(r).map((s) => [seriesId(s), s] as const)));
    const otherSeries = pair.other.map((r) => new Map(runSeries(r).map((s) => [seriesId(s), s] as const)));
    const keys = new Map<string, Series>();
    for (const m of [...baseSeries, ...otherSeries]) for (const [id, s] of m) if (!keys.has(id)) keys.set(id, s);
    for (const [id, key] of keys) {
      if (ruleFor(thresholds, key)?.ignore) continue;
      const b = sideInput(id, baseSeries);
      const o = sideInput(id, otherSeries);
      if (b === null || o === null) {
        pending.push({
          pair: index,
          key,
          base: null,
          other: null,
          outcome: null,
          reason: b === null ? 'only in the new run' : 'only in the baseline',
        });
        continue;
      }
      const tested = testSides(b, o, options);
      pending.push(
        tested.ok
          ? { pair: index, key, base: tested.outcome.base, other: tested.outcome.other, outcome: tested.outcome, reason: null }
          : { pair: index, key, base: null, other: null, outcome: null, reason: tested.reason },
      );
    }
  });
  const tested = pending.filter((p) => p.outcome !== null);
  const adjusted = holmAdjust(tested.map((p) => p.outcome!.p));
  const adjustedBy = new Map(tested.map((p, i) => [p, adjusted[i]!] as const));
  // What a lone change must reach: Holm's first (strictest) step, α / m.
  const threshold = thresholds.alpha / Math.max(1, tested.length);
  const result: PairComparison[] = pairs.map((pair) => {
    const { level, note } = levelNote(pair);
    return {
      baseRuns: pair.base.map((r) => r.meta.runId),
      otherRuns: pair.other.map((r) => r.meta.runId),
      level,
      levelNote: note,
      hostDifferences: hostDifferences(pair.base, pair.other),
      metrics: [],
    };
  });
  let regressed = 0;
  let improved = 0;
  for (const p of pending) {
    const minEffect = ruleFor(thresholds, p.key)?.minEffect ?? thresholds.minEffect;
    const common = {
      scenario: p.key.scenario,
      runtime: p.key.runtime,
      metric: p.key.metric,
      id: seriesId(p.key),
      unit: p.key.unit,
      better: p.key.better,
      minEffect,
    };
    const o = p.outcome;
    if (o === null) {
      result[p.pair]!.metrics.push({
        ...common,
        base: null,
        other: null,
        difference: null,
        ratio: null,
        ratioCi95: null,
        test: null,
        p: null,
        pAdjusted: null,
        detectable: null,
        verdict: { state: 'not compared', reason: p.reason ?? 'not compared' },
      });
      continue;
    }
    const pAdjusted = adjustedBy.get(p)!;
    const big = Math.abs(o.ratio - 1) >= minEffect;
    const significant = pAdjusted < thresholds.alpha;
    const verdict: Verdict = !significant
      ? { state: 'no significant change', because: 'not significant' }
      : !big
        ? { state: 'no significant change', because: 'below minimum effect' }
        : { state: worse(p.key.better, o.ratio) ? 'regressed' : 'improved' };
    if (verdict.state === 'regressed') regressed++;
    if (verdict.state === 'improved') improved++;
    const d = o.detectable(threshold);
    result[p.pair]!.metrics.push({
      ...common,
      base: o.base,
      other: o.other,
      difference: o.other.median - o.base.median,
      ratio: o.ratio,
      ratioCi95: o.ratioCi95,
      test: o.test,
      p: o.p,
      pAdjusted,
      detectable: d === null ? null : Math.max(d, minEffect),
      verdict,
    });
  }
  return {
    alpha: thresholds.alpha,
    correction: 'holm',
    tests: tested.length,
    defaultMinEffect: thresholds.minEffect,
    pairs: result,
    regressed,
    improved,
  };
}
