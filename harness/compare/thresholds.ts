/**
 * Per-metric thresholds: the minimum effect a comparison must exceed to be called a change, or
 * that a metric is ignored. From --min-effect, a --baseline file or both (the file's rules first).
 */
import type { SeriesKey } from './metric-series.js';

export interface ThresholdRule {
  /** Globs (`*` matches any run of characters); an omitted scenario or runtime matches all. */
  scenario?: string;
  runtime?: string;
  metric: string;
  minEffect?: number;
  ignore?: boolean;
  /** Where the rule was written (file:line:column), for the report. */
  source?: string;
}

export interface Thresholds {
  alpha: number;
  /** Default minimum effect, as a fraction (0.05 = 5 %). */
  minEffect: number;
  rules: ThresholdRule[];
}

export const DEFAULT_ALPHA = 0.01;
export const DEFAULT_MIN_EFFECT = 0.05;

function globMatches(glob: string | undefined, value: string): boolean {
  if (glob === undefined) return true;
  const pattern = glob
    .split('*')
    .map((part) => part.replace(/[\\^$.+?()[\]{}|]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${pattern}$`).test(value);
}

/** The first rule matching the metric, or undefined. */
export function ruleFor(thresholds: Thresholds, key: SeriesKey): ThresholdRule | undefined {
  return thresholds.rules.find(
    (r) => globMatches(r.metric, key.metric) && globMatches(r.scenario, key.scenario) && globMatches(r.runtime, key.runtime),
  );
}
