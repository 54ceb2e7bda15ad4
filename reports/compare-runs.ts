/**
 * The comparison a report shows: the one `vmbench compare` computed, or (for `vmbench report A
 * B`) the first run against each other run with the default thresholds, by the same code
 * (harness/compare/): the same verdicts on the terminal, in Markdown and in HTML.
 */
import { compareSides, type ComparisonResult } from '../harness/compare/compare-runs.js';
import { DEFAULT_ALPHA, DEFAULT_MIN_EFFECT } from '../harness/compare/thresholds.js';
import type { ReportInput } from './report-input.js';

export function reportComparison(input: ReportInput): ComparisonResult {
  if (input.comparison !== undefined) return input.comparison;
  const [baseline, ...others] = input.runs;
  const pairs = baseline === undefined ? [] : others.map((o) => ({ base: [baseline], other: [o] }));
  return compareSides(pairs, { alpha: DEFAULT_ALPHA, minEffect: DEFAULT_MIN_EFFECT, rules: [] });
}
