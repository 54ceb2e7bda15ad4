/**
 * C3: all containers share the host kernel; each VM runs its own kernel.
 * Containers: every reported `uname -r` must equal the host's. VMs: any reported kernel is the
 * VM's own — even one whose release string equals the host's is a separate kernel booted by QEMU
 * (env.guestKernel), so a VM cannot contradict the claim, it can only fail to report.
 */
import type { RunData } from '../report-input.js';
import { CLAIM_STATEMENTS } from './claim-statements.js';
import type { ClaimVerdict } from './claim-verdict.js';
import { kernelsSeen, type KernelsOfRuntime } from './kernels-seen.js';
import { hasUserSpaceKernel } from '../run-facts.js';

function listKernels(g: KernelsOfRuntime): string {
  const kernels = [...g.kernels.entries()].map(([k, n]) => `${k} (${n}×)`).join(', ');
  return `${g.runtime}: ${kernels === '' ? 'none reported' : kernels}`;
}

export function evaluateC3(run: RunData): ClaimVerdict {
  const host = run.env.hostKernel;
  const groups = kernelsSeen(run);
  // gVisor answers system calls with its own user-space kernel: not an OS-level container in the
  // claim's sense, nor a VM; shown apart, never counted for or against the claim.
  const sandboxes = groups.filter((g) => g.kind === 'container' && g.kernels.size > 0 && hasUserSpaceKernel(g));
  const containers = groups.filter((g) => g.kind === 'container' && g.kernels.size > 0 && !hasUserSpaceKernel(g));
  const vms = groups.filter((g) => g.kind === 'vm' && g.kernels.size > 0);
  const foreign = containers.filter((g) => [...g.kernels.keys()].some((k) => k !== host));
  const lines = [`Host kernel: ${host}.`];
  if (containers.length > 0) lines.push(`Containers — ${containers.map(listKernels).join('; ')}.`);
  if (sandboxes.length > 0) {
    lines.push(
      `gVisor sandboxes — ${sandboxes.map(listKernels).join('; ')}: the release of gVisor's own user-space kernel (the sentry), which handles the workload's system calls and itself runs on the host kernel; a third kind of boundary, not counted for or against the claim.`,
    );
  }
  if (vms.length > 0) {
    const guest =
      run.env.guestKernel === null ? '' : ` Guest kernel booted by QEMU: ${run.env.guestKernel.path} (${run.env.guestKernel.source}).`;
    lines.push(`VMs — ${vms.map(listKernels).join('; ')}.${guest}`);
    const sameString = vms.filter((g) => g.kernels.has(host));
    if (sameString.length > 0) {
      lines.push(
        `${sameString.map((g) => g.runtime).join(', ')} reported the host's release string, but it is still a separate kernel running inside the VM.`,
      );
    }
  }
  const base = { id: 'C3' as const, claim: CLAIM_STATEMENTS.C3, chartId: 'kernels' };
  if (foreign.length > 0) {
    lines.unshift(`Container runtime(s) ${foreign.map((g) => g.runtime).join(', ')} reported a kernel other than the host's.`);
    return { ...base, verdict: 'not supported', evidence: lines.join('\n') };
  }
  if (containers.length === 0 || vms.length === 0) {
    const missing = [containers.length === 0 ? 'no container' : null, vms.length === 0 ? 'no VM' : null].filter((m) => m !== null);
    lines.unshift(
      `Not measured: ${missing.join(' and ')} sample reported its kernel (\`uname -r\`), so only part of the claim can be seen.`,
    );
    return { ...base, verdict: 'not measured', evidence: lines.join('\n') };
  }
  lines.unshift(`Every container reported the host kernel (${host}); every VM reported the kernel it booted itself.`);
  return { ...base, verdict: 'supported', evidence: lines.join('\n') };
}
