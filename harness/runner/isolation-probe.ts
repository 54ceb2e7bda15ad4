/**
 * Turns the probe workload's report into an IsolationProbe, adding what only the host can check:
 * that its own hostname did not change, and how many processes it has (the instance's count
 * means little alone).
 */
import { hostname, release } from 'node:os';
import { readdirSync } from 'node:fs';
import type { IsolationProbe } from '../results/format.js';
import type { Runtime } from '../runtimes/runtime.js';

const num = (v: string | undefined): number | null => (v === undefined || v === '' || !Number.isFinite(Number(v)) ? null : Number(v));

export function hostProcessCount(): number {
  return readdirSync('/proc').filter((n) => /^\d+$/.test(n)).length;
}

export function isolationFromProbe(
  fields: Record<string, string>,
  instanceKernel: string | null,
  runtime: Runtime,
  hostHostnameBefore: string,
): IsolationProbe {
  return {
    pidInside: num(fields.pid),
    processesVisible: num(fields.procs),
    hostProcesses: hostProcessCount(),
    interfaces: num(fields.ifaces),
    mounts: num(fields.mounts),
    capEff: fields.capeff ?? null,
    seccomp: num(fields.seccomp),
    uidMap: fields.uidmap ?? null,
    hostnameInside: fields.hostname ?? null,
    hostHostnameUnchanged: hostname() === hostHostnameBefore,
    ownKernel: instanceKernel === null ? null : instanceKernel !== release(),
    hardwareVirtualization: runtime.kind === 'vm' ? runtime.accel === 'kvm' : null,
  };
}
