/**
 * One metric, baseline side against new side: the ratio of medians with its 95 % interval, a
 * two-sided p-value and the smallest change the test could have detected at a given threshold.
 * Which test depends on what the sides hold:
 * - samples (1 or 2 runs a side): Mann-Whitney U on the pooled samples, percentile-bootstrap
 *   interval of the ratio of medians. Samples of one run share that run's host state, so this
 *   accounts for within-run noise only.
 * - runs (≥ 3 runs a side): the run is the unit; Welch's t on the logs of the runs' medians,
 *   its interval exponentiated.
 * - an estimate with a standard error (a density slope): z-test of the log ratio (delta method).
 */
import { bootstrapMedianCi, MIN_BOOTSTRAP_N, type BootstrapOptions } from '../stats/bootstrap.js';
import { detectableChange } from '../stats/detectable-change.js';
import { mannWhitneyU } from '../stats/mann-whitney.js';
import { normalIsf, twoSidedNormalP } from '../stats/normal.js';
import { medianSorted, sortAscending } from '../stats/percentile.js';
import { ratioOfMedians } from '../stats/ratio.js';
import { studentTQuantile } from '../stats/student-t.js';
import { welchT } from '../stats/welch-t.js';

export type TestName = 'mann-whitney-exact' | 'mann-whitney-asymptotic' | 'welch-t-log-run-medians' | 'z-log-ratio';

export const TEST_DESCRIPTIONS: Record<TestName, string> = {
  'mann-whitney-exact': 'two-sided Mann-Whitney U, exact (a permutation test of the rank sum)',
  'mann-whitney-asymptotic': 'two-sided Mann-Whitney U, normal approximation with tie and continuity corrections',
  'welch-t-log-run-medians': "Welch's t-test on the logs of the runs' medians (run-level)",
  'z-log-ratio': 'z-test of the log ratio of two fitted slopes (their standard errors, delta method)',
};

export interface SideFigures {
  runs: number;
  /** Values behind the figure: samples, runs (run level) or 1 (an estimate). */
  n: number;
  median: number;
  ci95: [number, number] | null;
}

export interface TestOutcome {
  base: SideFigures;
  other: SideFigures;
  ratio: number;
  ratioCi95: [number, number] | null;
  test: TestName;
  p: number;
  /** Given the family's threshold: filled in once the number of comparisons is known. */
  detectable: (threshold: number) => number | null;
}

export type SideInput = { kind: 'samples'; perRun: number[][] } | { kind: 'estimate'; perRun: Array<{ value: number; se: number | null }> };

/** Why no test could be made, for the "not compared" verdict; or the outcome. */
export type SideTestResult = { ok: true; outcome: TestOutcome } | { ok: false; reason: string };

function median(values: readonly number[]): number {
  return medianSorted(sortAscending(values));
}

function figures(values: readonly number[], runs: number, options?: BootstrapOptions): SideFigures {
  return { runs, n: values.length, median: median(values), ci95: bootstrapMedianCi(values, options) };
}

function sampleLevel(base: number[][], other: number[][], options?: BootstrapOptions): SideTestResult {
  const b = base.flat();
  const o = other.flat();
  if (b.length < MIN_BOOTSTRAP_N || o.length < MIN_BOOTSTRAP_N) {
    return { ok: false, reason: `too few samples (${b.length} and ${o.length}; a test needs at least ${MIN_BOOTSTRAP_N} a side)` };
  }
  const bm = median(b);
  if (!(bm > 0) || !(median(o) > 0)) return { ok: false, reason: 'a median is zero or negative: no ratio' };
  const mw = mannWhitneyU(o, b);
  const r = ratioOfMedians(o, b, options);
  return {
    ok: true,
    outcome: {
      base: figures(b, base.length, options),
      other: figures(o, other.length, options),
      ratio: r.ratio,
      ratioCi95: r.ci95,
      test: mw.method === 'exact' ? 'mann-whitney-exact' : 'mann-whitney-asymptotic',
      p: mw.p,
      // A zero phase (two timestamps in one read) cannot be scaled: the shift is found on the rest.
      detectable: (threshold) =>
        detectableChange(
          b.filter((v) => v > 0),
          o.filter((v) => v > 0),
          threshold,
        ),
    },
  };
}

function runLevel(base: number[][], other: number[][], options?: BootstrapOptions): SideTestResult {
  const bMed = base.filter((r) => r.length > 0).map(median);
  const oMed = other.filter((r) => r.length > 0).map(median);
  if (bMed.length < 3 || oMed.length < 3) return sampleLevel(base, other, options);
  if (![...bMed, ...oMed].every((v) => v > 0)) return { ok: false, reason: 'a run median is zero or negative: no ratio' };
  const w = welchT(bMed.map(Math.log), oMed.map(Math.log));
  if (w === null) return { ok: false, reason: "the runs' medians do not vary: no run-level test" };
  const spread = (meds: number[]): SideFigures => ({ runs: meds.length, n: meds.length, median: median(meds), ci95: null });
  return {
    ok: true,
    outcome: {
      base: spread(bMed),
      other: spread(oMed),
      ratio: Math.exp(w.difference),
      ratioCi95: [Math.exp(w.ci95[0]), Math.exp(w.ci95[1])],
      test: 'welch-t-log-run-medians',
      p: w.p,
      detectable: (threshold) => Math.exp(studentTQuantile(1 - threshold / 2, w.df) * w.se) - 1,
    },
  };
}

/** Inverse-variance mean of one side's estimates. */
function pooledEstimate(list: Array<{ value: number; se: number | null }>): { value: number; se: number } | null {
  if (list.length === 0 || list.some((e) => e.se === null || !(e.se > 0))) return null;
  const w = list.map((e) => 1 / (e.se as number) ** 2);
  const sw = w.reduce((a, b) => a + b, 0);
  return { value: list.reduce((s, e, i) => s + e.value * w[i]!, 0) / sw, se: Math.sqrt(1 / sw) };
}

function estimateLevel(
  base: Array<{ value: number; se: number | null }>,
  other: Array<{ value: number; se: number | null }>,
): SideTestResult {
  const b = pooledEstimate(base);
  const o = pooledEstimate(other);
  if (b === null || o === null) return { ok: false, reason: 'a fit has no standard error (fewer than 3 points)' };
  if (!(b.value > 0 && o.value > 0)) return { ok: false, reason: 'a slope is zero or negative: no ratio' };
  const ratio = o.value / b.value;
  const seLog = Math.hypot(b.se / b.value, o.se / o.value);
  const z95 = normalIsf(0.025);
  const est = (v: { value: number; se: number }, runs: number): SideFigures => ({
    runs,
    n: 1,
    median: v.value,
    ci95: [v.value - z95 * v.se, v.value + z95 * v.se],
  });
  return {
    ok: true,
    outcome: {
      base: est(b, base.length),
      other: est(o, other.length),
      ratio,
      ratioCi95: [ratio * Math.exp(-z95 * seLog), ratio * Math.exp(z95 * seLog)],
      test: 'z-log-ratio',
      p: twoSidedNormalP(Math.log(ratio) / seLog),
      detectable: (threshold) => Math.exp(normalIsf(threshold / 2) * seLog) - 1,
    },
  };
}

/** `options`: the bootstrap's resamples and seed (defaults as everywhere: 2000, the fixed seed). */
export function testSides(base: SideInput, other: SideInput, options?: BootstrapOptions): SideTestResult {
  if (base.kind === 'estimate' && other.kind === 'estimate') return estimateLevel(base.perRun, other.perRun);
  if (base.kind === 'samples' && other.kind === 'samples') {
    return base.perRun.length >= 3 && other.perRun.length >= 3
      ? runLevel(base.perRun, other.perRun, options)
      : sampleLevel(base.perRun, other.perRun, options);
  }
  return { ok: false, reason: 'the runs measured this metric differently' };
}
