/** What the renderers take: one or more result directories, already read and parsed. */
import type { ComparisonResult } from '../harness/compare/compare-runs.js';
import type { RunData } from '../harness/results/run-data.js';

export type { RunData };

/** One run: a normal report. Several: a comparison, the first run being the baseline. */
export interface ReportInput {
  runs: RunData[];
  /** The comparison to show (vmbench compare --html); default: the first run against each other with default thresholds. */
  comparison?: ComparisonResult;
}
