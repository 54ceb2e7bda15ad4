/** The provisioning part of a run (claims C7, C8), summarized once for the section, the charts and the verdicts. */
import type { RunData } from './report-input.js';
import { summarizeProvisioning, type ProvisioningSummary } from '../harness/stats/summarize-provisioning.js';

export function hasProvisioning(run: RunData): boolean {
  return (run.provisioning ?? []).length > 0;
}

export function provisioningSummaries(run: RunData): ProvisioningSummary[] {
  return summarizeProvisioning(run.provisioning ?? []);
}
