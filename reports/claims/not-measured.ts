/**
 * The verdict for a claim this run has no data for. Claims C5, C7 and C8 use it until the harness
 * measures cgroups and copy-on-write (each then gets a real evaluator in its file); C2 uses it for
 * runs without density data.
 */
import { CLAIM_STATEMENTS, WHAT_IT_TAKES } from './claim-statements.js';
import type { ClaimEvaluator, ClaimId, ClaimVerdict } from './claim-verdict.js';

export function notMeasuredVerdict(id: ClaimId, why: string): ClaimVerdict {
  return { id, claim: CLAIM_STATEMENTS[id], verdict: 'not measured', evidence: why, chartId: null };
}

export function notMeasuredInThisRun(id: ClaimId): ClaimEvaluator {
  return () => notMeasuredVerdict(id, `Not measured in this run: checking it takes ${WHAT_IT_TAKES[id]}, which this run did not record.`);
}
