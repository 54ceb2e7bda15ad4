/**
 * Plain-English warnings next to the numbers (each with its scenario, runtime, metric and kind), in the spirit of hyperfine: tell the reader when
 * the statistics should not be trusted and what to do about it.
 */
import type { MetricSummary, RuntimeSummary, Warning } from '../results/format.js';
import { warning, type WarningScope } from './warning.js';
import { formatDurationBrief } from '../format-duration.js';
import type { LifecycleMetric } from '../vocabulary.js';

/** sd/mean above this is "noisy" (hyperfine warns on outliers; we also flag wide spread). */
export const NOISE_CV_THRESHOLD = 0.2;
/** First measured sample slower than this × median suggests warm-up was too short. */
export const FIRST_RUN_FACTOR = 2;
const MIN_CI_N = 3;

type MetricName = LifecycleMetric;

/** The first measured (non-warmup) sample of a group, when it succeeded. */
export interface FirstSample {
  startupMs: number | null;
  teardownMs: number | null;
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

function failureWarning(scope: WarningScope, label: string, m: MetricSummary): Warning | null {
  const { failures, timeouts } = m;
  if (failures === 0 && timeouts === 0) return null;
  const attempts = m.n + failures + timeouts;
  const what =
    failures > 0 && timeouts > 0
      ? `${failures} of ${attempts} launches failed and ${timeouts} timed out`
      : failures > 0
        ? `${failures} of ${attempts} launches failed`
        : `${timeouts} of ${attempts} launches timed out`;
  return warning(
    scope,
    null,
    'failures',
    `${label}: ${what}; they are excluded from the statistics. See the error field of those samples in samples.jsonl.`,
  );
}

function tooFewWarnings(label: string, rs: RuntimeSummary): Warning[] {
  const tooFew = (n: number): boolean => n > 0 && n < MIN_CI_N;
  const ok = (n: number): string => plural(n, 'successful sample', 'successful samples');
  const advice = `too few samples for a confidence interval. Use at least ${MIN_CI_N} iterations (10 or more recommended).`;
  if (rs.startup.n === 0)
    return [warning(rs, null, 'too-few-samples', `${label}: no successful samples, so there are no statistics for it.`)];
  const out: Warning[] = [];
  if (tooFew(rs.startup.n) && rs.teardown.n === rs.startup.n) {
    return [warning(rs, null, 'too-few-samples', `${label}: only ${ok(rs.startup.n)}; ${advice}`)];
  }
  if (tooFew(rs.startup.n)) out.push(warning(rs, 'startup', 'too-few-samples', `${label} startup: only ${ok(rs.startup.n)}; ${advice}`));
  // teardown.n = 0 with startup.n > 0 means teardown was not measured: nothing to warn about.
  if (tooFew(rs.teardown.n))
    out.push(warning(rs, 'teardown', 'too-few-samples', `${label} teardown: only ${ok(rs.teardown.n)}; ${advice}`));
  return out;
}

function metricWarnings(scope: WarningScope, label: string, metric: MetricName, m: MetricSummary, first: number | null): Warning[] {
  const out: Warning[] = [];
  const where = `${label} ${metric}`;
  const busy = 'the host may have been busy. Consider more iterations or a quieter machine.';
  if (m.outliers > 0) {
    const are = m.outliers === 1 ? 'is a statistical outlier' : 'are statistical outliers';
    out.push(warning(scope, metric, 'outliers', `${where}: ${m.outliers} of ${m.n} samples ${are}; ${busy}`));
  }
  if (m.n >= MIN_CI_N && m.sd !== null && m.mean !== null && m.mean > 0 && m.sd / m.mean > NOISE_CV_THRESHOLD) {
    const cv = Math.round((100 * m.sd) / m.mean);
    out.push(warning(scope, metric, 'noisy', `${where}: the samples vary widely (standard deviation is ${cv}% of the mean); ${busy}`));
  }
  if (m.n >= MIN_CI_N && first !== null && m.median !== null && first > FIRST_RUN_FACTOR * m.median) {
    out.push(
      warning(
        scope,
        metric,
        'first-run',
        `${where}: the first measured sample (${formatDurationBrief(first)}) took more than ${FIRST_RUN_FACTOR}× the median (${formatDurationBrief(m.median)}); first-run effect: consider more warmup iterations.`,
      ),
    );
  }
  return out;
}

/** Every warning for one (scenario, runtime), most fundamental first. */
/**
 * @param factsOnly the group ran the probe workload: one launch to collect facts, whose timing is
 *   incidental, so only failures are worth a warning
 */
export function runtimeWarnings(rs: RuntimeSummary, first: FirstSample | null, factsOnly = false): Warning[] {
  const label = `${rs.scenario}/${rs.runtime}`;
  const failure = failureWarning(rs, label, rs.startup);
  if (factsOnly) return failure === null ? [] : [failure];
  return [
    ...(failure === null ? [] : [failure]),
    ...tooFewWarnings(label, rs),
    ...metricWarnings(rs, label, 'startup', rs.startup, first?.startupMs ?? null),
    ...metricWarnings(rs, label, 'teardown', rs.teardown, first?.teardownMs ?? null),
  ];
}
