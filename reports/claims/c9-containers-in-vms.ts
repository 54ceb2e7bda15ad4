/**
 * C9: containers run well inside VMs and on any Linux host, with no special kernel.
 * The run can show one thing: whether its container runtimes worked on this host, and what the host
 * itself is. Only a host that is a virtual machine tests the "inside VMs" part; containers working
 * on bare metal is the ordinary case and says nothing about it.
 */
import { classifyHostVirtualization } from '../host-virtualization.js';
import type { RunData } from '../report-input.js';
import { CLAIM_STATEMENTS } from './claim-statements.js';
import type { ClaimVerdict } from './claim-verdict.js';

interface ContainerRuntimeOutcome {
  runtime: string;
  ok: number;
  notOk: number;
}

/** Every container launch of the run: startup samples and the launches of density runs alike. */
function containerOutcomes(run: RunData): ContainerRuntimeOutcome[] {
  const byRuntime = new Map<string, ContainerRuntimeOutcome>();
  const launches = [...run.samples, ...run.density.filter((r) => r.type === 'density-step')];
  for (const s of launches) {
    if (s.kind !== 'container') continue;
    let o = byRuntime.get(s.runtime);
    if (o === undefined) byRuntime.set(s.runtime, (o = { runtime: s.runtime, ok: 0, notOk: 0 }));
    if (s.outcome === 'ok') o.ok++;
    else o.notOk++;
  }
  return [...byRuntime.values()];
}

export function evaluateC9(run: RunData): ClaimVerdict {
  const base = { id: 'C9' as const, claim: CLAIM_STATEMENTS.C9, chartId: 'environment' };
  const virt = run.env.hostVirtualization;
  const platform = classifyHostVirtualization(virt);
  const outcomes = containerOutcomes(run);
  const working = outcomes.filter((o) => o.ok > 0);
  const broken = outcomes.filter((o) => o.ok === 0);
  const perRuntime = outcomes.map((o) => `${o.runtime}: ${o.ok} ok, ${o.notOk} not ok`).join('; ');
  const hostLine = `Host: ${platform} (hostVirtualization: "${virt}"), kernel ${run.env.hostKernel}, cgroups ${run.env.cgroupMode}.`;
  const brokenLine =
    broken.length > 0 ? `\n${broken.map((o) => o.runtime).join(', ')} produced no successful launch here (see Failures).` : '';

  if (outcomes.length === 0) {
    return { ...base, verdict: 'not measured', evidence: `Not measured: this run launched no containers.\n${hostLine}` };
  }
  if (platform !== 'virtual machine') {
    const why =
      platform === 'bare metal'
        ? 'the host is not a virtual machine, so the "inside VMs" part of the claim was not tested here (containers working on bare metal is the ordinary case). Run the harness inside a VM to check it.'
        : platform === 'container'
          ? 'the host is itself a container, not a virtual machine, so the "inside VMs" part was not tested here.'
          : "the host's own virtualization is unknown, so whether containers ran inside a VM cannot be said.";
    return { ...base, verdict: 'not measured', evidence: `Not measured: ${why}\n${hostLine}\nContainers — ${perRuntime}.${brokenLine}` };
  }
  if (working.length === 0) {
    return {
      ...base,
      verdict: 'not supported',
      evidence: `No container runtime produced a successful launch inside this virtual machine.\n${hostLine}\nContainers — ${perRuntime}.`,
    };
  }
  return {
    ...base,
    verdict: 'supported',
    evidence:
      `${working.map((o) => o.runtime).join(', ')} ran successfully inside this virtual machine (${virt}) on its stock host kernel; ` +
      `the harness loads no kernel module or patch for containers, but whether "${run.env.hostKernel}" counts as special is for the reader to judge.` +
      `\n${hostLine}\nContainers — ${perRuntime}.${brokenLine}`,
  };
}
