/**
 * C6: Containers are weaker than VMs at isolation: VMs have hardware-assisted isolation, containers do not.
 * Reported, not scored (shared/CLAIMS.md): "weaker" has no single measure a run could decide, so
 * the verdict stays "not measured" and the evidence summarizes the isolation matrix
 * (isolation-facts.ts): each VM's own kernel and whether it used KVM at all (a VM under TCG has
 * no hardware-assisted isolation), and each container's capabilities, seccomp mode and user
 * namespace. Without probe data it still says whether the run's VMs used hardware virtualization.
 */
import {
  decodeCapabilities,
  isolationColumns,
  NOTABLE_CAPABILITIES,
  notableCapabilities,
  readUserNamespace,
  seccompName,
  usedKvm,
  type IsolationColumn,
} from '../isolation-facts.js';
import type { RunData } from '../report-input.js';
import { CLAIM_STATEMENTS, WHAT_IT_TAKES } from './claim-statements.js';
import type { ClaimVerdict } from './claim-verdict.js';
import { hasUserSpaceKernel } from '../run-facts.js';

const CHART_ID = 'isolation';

function accelNote(run: RunData): string {
  const accels = [...new Set(run.samples.filter((s) => s.kind === 'vm' && s.accel !== null).map((s) => s.accel))];
  if (accels.length === 0) return '';
  return accels.includes('tcg') && !accels.includes('kvm')
    ? ' Note: the VMs of this run ran under TCG software emulation, so no hardware-assisted virtualization was in use for them.'
    : ` Note: the VMs of this run used ${accels.map((a) => String(a).toUpperCase()).join(' and ')}.`;
}

/** "qemu-q35: own kernel 6.1.0-56-cloud-amd64, TCG software emulation (no hardware virtualization)". */
function vmText(c: IsolationColumn): string {
  const kvm = usedKvm(c);
  const accel =
    kvm === null ? 'accelerator not reported' : kvm ? 'KVM (hardware-assisted)' : 'TCG software emulation (no hardware virtualization)';
  return `${c.runtime}: own kernel ${c.sample.instanceKernel ?? '(release not reported)'}, ${accel}`;
}

/** "runc: 3 capabilities (CAP_KILL, …), none of the notable ones, seccomp off, no user namespace (root inside is root outside)". */
function containerText(c: IsolationColumn): string {
  const caps = decodeCapabilities(c.probe.capEff);
  const capText =
    caps === null
      ? 'capabilities not reported'
      : caps.notable.length > 0
        ? `${caps.count} capabilities ${notableCapabilities(caps)}`
        : `${caps.count} capabilit${caps.count === 1 ? 'y' : 'ies'}${caps.count > 0 ? ` (${caps.names.join(', ')})` : ''}, none of the notable ones (${NOTABLE_CAPABILITIES.join(', ')})`;
  const u = readUserNamespace(c.probe);
  const user =
    u.state === 'none'
      ? 'no user namespace (root inside is root outside)'
      : u.state === 'mapped'
        ? `user namespace (uid 0 inside is uid ${u.outside} outside)`
        : 'user namespace not reported';
  const mode = c.probe.seccomp;
  return `${c.runtime}: ${capText}, seccomp ${seccompName(mode)}${mode === null ? '' : ` (${mode})`}, ${user}`;
}

export function evaluateC6(run: RunData): ClaimVerdict {
  const base = { id: 'C6' as const, claim: CLAIM_STATEMENTS.C6, verdict: 'not measured' as const, chartId: CHART_ID };
  const columns = isolationColumns(run);
  if (columns.length === 0) {
    return {
      ...base,
      evidence: `Not measured in this run: checking it takes ${WHAT_IT_TAKES.C6}, which this run did not record (run the isolation scenario).${accelNote(run)}`,
    };
  }
  const vms = columns.filter((c) => c.kind === 'vm');
  const sandboxes = columns.filter((c) => hasUserSpaceKernel(c));
  const containers = columns.filter((c) => c.kind === 'container' && !hasUserSpaceKernel(c));
  const lines = [
    'Reported, not scored: “weaker” has no single measure a run could decide; the isolation matrix shows per runtime what each had.',
  ];
  if (vms.length > 0) {
    const noKvm = vms.every((c) => usedKvm(c) === false);
    lines.push(
      `VMs — ${vms.map(vmText).join('; ')}.` +
        (noKvm
          ? ' None of the VMs used KVM here: their boundary was a separate kernel under software emulation, not hardware-assisted isolation.'
          : ''),
    );
  } else {
    lines.push(`No VM ran the probe.${accelNote(run)}`);
  }
  if (sandboxes.length > 0) {
    lines.push(
      `Between the two — gVisor: ${sandboxes.map((c) => `${c.runtime}: its own user-space kernel ${c.sample.instanceKernel ?? '(release not reported)'} (the sentry, ${c.machine ?? 'platform not recorded'}) answers the workload's system calls; the sentry itself is a host process on the host kernel, without hardware virtualization`).join('; ')}.`,
    );
  }
  if (containers.length > 0) {
    const kernels = [...new Set(containers.map((c) => c.sample.instanceKernel).filter((k): k is string => k !== null))];
    const shared = containers.every((c) => c.probe.ownKernel === false);
    const kernelText = shared
      ? `share the host kernel (${kernels.join(', ') || run.env.hostKernel})`
      : `kernels ${kernels.join(', ') || 'not reported'} (host: ${run.env.hostKernel})`;
    lines.push(`Containers — ${kernelText}, no hardware virtualization; ${containers.map(containerText).join('; ')}.`);
  } else {
    lines.push('No container ran the probe.');
  }
  return { ...base, evidence: lines.join('\n') };
}
