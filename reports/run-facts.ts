/** Small questions about a run that several sections and claims ask the same way. */
import type { RuntimeSummary, StartupSample } from '../harness/results/format.js';
import type { RunData } from './report-input.js';

/** Every launch that did not reach ready, warmups included: a failed warmup is still a failure. */
export function unsuccessfulSamples(run: RunData): StartupSample[] {
  return run.samples.filter((s) => s.outcome !== 'ok');
}

/** True when at least one VM sample ran under TCG software emulation. */
export function vmsRanUnderTcg(run: RunData): boolean {
  return run.samples.some((s) => s.kind === 'vm' && s.accel === 'tcg');
}

/** How an instance ran: the fields startup summaries and density summaries share. */
export type InstanceDescription = Pick<RuntimeSummary, 'scenario' | 'runtime' | 'kind' | 'backend' | 'accel' | 'machine'>;

/**
 * gVisor (runsc): a container whose system calls go to a user-space kernel (the sentry) rather
 * than to the host kernel directly; it reports that kernel's release (4.4.0). Between a
 * container that shares the host kernel and a VM with its own kernel: claims C3 and C6 and the
 * isolation matrix show it as its own class.
 */
export function hasUserSpaceKernel(rs: Pick<InstanceDescription, 'backend'>): boolean {
  return rs.backend === 'runsc';
}

/** "VM · TCG · q35" or "container · runc": how an instance ran, in words. */
/** The words of describeInstance: what ran it first, then the details (accelerator, backend, machine). */
function instanceParts(rs: InstanceDescription): string[] {
  if (hasUserSpaceKernel(rs)) return ['sandbox', 'gVisor (runsc)', rs.machine].filter((p) => p !== null);
  if (rs.kind === 'vm') return ['VM', rs.accel === null ? null : rs.accel.toUpperCase(), rs.machine].filter((p) => p !== null);
  if (rs.kind === 'host') return ['host', 'chroot, no namespaces (baseline)'];
  return ['container', rs.backend, rs.machine].filter((p) => p !== null);
}

export function describeInstance(rs: InstanceDescription): string {
  return instanceParts(rs).join(' · ');
}

/** describeInstance next to a kind badge: without the leading "VM" or "container", which the badge already says. */
export function describeInstanceBesideBadge(rs: InstanceDescription): string {
  const [first, ...details] = instanceParts(rs);
  return first === 'VM' || first === 'container' ? details.join(' · ') : describeInstance(rs);
}

/** Whether the run has more than one scenario: labels then need the scenario name too. */
export function hasSeveralScenarios(run: RunData): boolean {
  return new Set(run.summary.runtimes.map((r) => r.scenario)).size > 1;
}
