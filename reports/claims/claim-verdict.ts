/** What the report says about one claim of the source chapter (shared/CLAIMS.md). */
import type { RunData } from '../report-input.js';

export type ClaimId = 'C1' | 'C2' | 'C3' | 'C4' | 'C5' | 'C6' | 'C7' | 'C8' | 'C9';

export type Verdict = 'supported' | 'not supported' | 'not measured';

export interface ClaimVerdict {
  id: ClaimId;
  /** The chapter's claim, in one sentence. */
  claim: string;
  verdict: Verdict;
  /** The figures the verdict rests on, in words a reader can check against the tables. */
  evidence: string;
  /** Id of the chart or table that shows the evidence (an anchor in the page), null when none. */
  chartId: string | null;
}

/** One claim's evaluation: decides only from data present in the run. */
export type ClaimEvaluator = (run: RunData) => ClaimVerdict;
