/**
 * Welch's two-sample t-test (unequal variances), for the run-level comparison: with ≥ 3 runs a
 * side the unit of replication is the run, and a rank test on 3 + 3 values cannot go below
 * p = 0.1. Applied to log values, so the difference of means is a log ratio.
 */
import { mean, sampleVariance } from './descriptive.js';
import { studentTCdf, studentTQuantile } from './student-t.js';

export interface WelchResult {
  /** mean(y) − mean(x). */
  difference: number;
  t: number;
  df: number;
  p: number;
  /** 95% interval of the difference. */
  ci95: [number, number];
  /** Standard error of the difference. */
  se: number;
}

/** null when either side has fewer than 2 values or both have no spread. */
export function welchT(x: readonly number[], y: readonly number[], confidence = 0.95): WelchResult | null {
  const vx = sampleVariance(x);
  const vy = sampleVariance(y);
  if (vx === null || vy === null) return null;
  const ax = vx / x.length;
  const ay = vy / y.length;
  const se = Math.sqrt(ax + ay);
  if (!(se > 0)) return null;
  const difference = mean(y) - mean(x);
  const df = (ax + ay) ** 2 / (ax ** 2 / (x.length - 1) + ay ** 2 / (y.length - 1));
  const t = difference / se;
  const p = Math.min(1, 2 * studentTCdf(-Math.abs(t), df));
  const half = studentTQuantile(1 - (1 - confidence) / 2, df) * se;
  return { difference, t, df, p, ci95: [difference - half, difference + half], se };
}
