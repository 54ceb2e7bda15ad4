/**
 * C6: Containers are weaker than VMs at isolation: VMs have hardware-assisted isolation, containers do not.
 * The isolation matrix is not in the results yet (when it is, the evaluator goes here), so this is
 * "not measured"; but the run does know whether its VMs used hardware virtualization at all, and a
 * reader should not assume "VM = hardware-assisted" when they ran under TCG.
 */
import type { RunData } from '../report-input.js';
import { CLAIM_STATEMENTS, WHAT_IT_TAKES } from './claim-statements.js';
import type { ClaimVerdict } from './claim-verdict.js';

export function evaluateC6(run: RunData): ClaimVerdict {
  const accels = [...new Set(run.samples.filter((s) => s.kind === 'vm' && s.accel !== null).map((s) => s.accel))];
  const note =
    accels.length === 0
      ? ''
      : accels.includes('tcg') && !accels.includes('kvm')
        ? ' Note: the VMs of this run ran under TCG software emulation, so no hardware-assisted virtualization was in use for them.'
        : ` Note: the VMs of this run used ${accels.map((a) => String(a).toUpperCase()).join(' and ')}.`;
  return {
    id: 'C6',
    claim: CLAIM_STATEMENTS.C6,
    verdict: 'not measured',
    evidence: `Not measured in this run: checking it takes ${WHAT_IT_TAKES.C6}, which this run did not record.${note}`,
    chartId: null,
  };
}
