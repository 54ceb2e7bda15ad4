/**
 * The chapter's claims C1–C9 checked against one run. One evaluator per claim, in reports/claims/;
 * a claim the results cannot speak to yet is "not measured" with what it would take.
 */
import type { RunData } from './report-input.js';
import { evaluateC1 } from './claims/c1-start-stop-speed.js';
import { evaluateC2 } from './claims/c2-density.js';
import { evaluateC3 } from './claims/c3-kernel-sharing.js';
import { evaluateC4 } from './claims/c4-namespaces.js';
import { evaluateC5 } from './claims/c5-cgroups.js';
import { evaluateC6 } from './claims/c6-isolation-strength.js';
import { evaluateC7 } from './claims/c7-cow-snapshot-cost.js';
import { evaluateC8 } from './claims/c8-cow-first-write.js';
import { evaluateC9 } from './claims/c9-containers-in-vms.js';
import type { ClaimEvaluator, ClaimVerdict } from './claims/claim-verdict.js';

export type { ClaimEvaluator, ClaimId, ClaimVerdict, Verdict } from './claims/claim-verdict.js';

export const CLAIM_EVALUATORS: readonly ClaimEvaluator[] = [
  evaluateC1,
  evaluateC2,
  evaluateC3,
  evaluateC4,
  evaluateC5,
  evaluateC6,
  evaluateC7,
  evaluateC8,
  evaluateC9,
];

export function evaluateClaims(run: RunData): ClaimVerdict[] {
  return CLAIM_EVALUATORS.map((evaluate) => evaluate(run));
}
