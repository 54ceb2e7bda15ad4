/** The limits part of a run (claim C5), summarized once for the section, the charts and the verdict. */
import type { RunData } from './report-input.js';
import { summarizeLimits, type LimitsSummary } from '../harness/stats/summarize-limits.js';

export function hasLimits(run: RunData): boolean {
  return (run.limits ?? []).length > 0;
}

export function limitsSummaries(run: RunData): LimitsSummary[] {
  return summarizeLimits(run.limits ?? []);
}
