/**
 * C2: containers have less overhead, so many more of them fit on one host than VMs.
 * Decided from the density part of summary.json when a density scenario ran
 * (summary.densityComparisons: container instances per GiB ÷ VM instances per GiB); otherwise
 * "not measured". The harness gives no interval for these ratios, so the evidence says so.
 */
import { formatRatio, threeSignificant } from '../format-numbers.js';
import type { RunData } from '../report-input.js';
import { CLAIM_STATEMENTS } from './claim-statements.js';
import type { ClaimVerdict } from './claim-verdict.js';
import { notMeasuredInThisRun } from './not-measured.js';

/** "Many more": at least this many containers per VM in the same memory. */
export const MANY_MORE_FACTOR = 2;

const notMeasured = notMeasuredInThisRun('C2');

export function evaluateC2(run: RunData): ClaimVerdict {
  const comparisons = run.summary.densityComparisons ?? [];
  if (comparisons.length === 0) return notMeasured(run);
  const density = run.summary.density ?? [];
  const perGiB = (scenario: string, runtime: string): string => {
    const d = density.find((x) => x.scenario === scenario && x.runtime === runtime);
    return d?.instancesPerGiB == null ? '?' : `${threeSignificant(d.instancesPerGiB)}/GiB`;
  };
  const supported = comparisons.every((c) => c.ratio >= MANY_MORE_FACTOR);
  const lines = [
    supported
      ? `In every pair at least ${MANY_MORE_FACTOR}× as many containers as VMs fit per GiB of host memory (no confidence interval: one density run per runtime).`
      : `Not every pair fits at least ${MANY_MORE_FACTOR}× as many containers as VMs per GiB of host memory.`,
    ...comparisons.map(
      (c) => `${c.scenario}: ${c.container} ${perGiB(c.scenario, c.container)} vs ${c.vm} ${perGiB(c.scenario, c.vm)} = ${formatRatio(c.ratio)}`,
    ),
  ];
  return {
    id: 'C2',
    claim: CLAIM_STATEMENTS.C2,
    verdict: supported ? 'supported' : 'not supported',
    evidence: lines.join('\n'),
    chartId: null,
  };
}
