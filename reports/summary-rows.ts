/**
 * The startup and teardown table as data: per (scenario, runtime) the figures of each metric,
 * formatted once. The HTML summary table and the Markdown summary both render these cells, so
 * the two reports cannot disagree on a figure (or on how a range is written).
 */
import type { MetricSummary } from '../harness/results/format.js';
import { formatDurationMs } from '../harness/format-duration.js';
import { formatMsInterval, formatMsRange } from './format-numbers.js';

export interface MetricFigures {
  /** false: no successful sample of this metric (the cells say "not measured"). */
  measured: boolean;
  median: string;
  /** The 95% interval of the median. */
  ci: string;
  range: string;
  p95: string;
  n: string;
}

export function metricFigures(m: MetricSummary): MetricFigures {
  return {
    measured: m.n > 0,
    median: formatDurationMs(m.median),
    ci: formatMsInterval(m.medianCi95),
    range: formatMsRange(m.min, m.max),
    p95: formatDurationMs(m.p95),
    n: String(m.n),
  };
}
