/** The claims of the source chapter, as listed in shared/CLAIMS.md, and what checking each takes. */
import type { ClaimId } from './claim-verdict.js';

export const CLAIM_STATEMENTS: Record<ClaimId, string> = {
  C1: 'Starting and stopping a container is much faster than starting and stopping a VM.',
  C2: 'Containers have less overhead, so many more of them fit on one host than VMs ("hundreds of guests").',
  C3: 'All containers share the host kernel; each VM runs its own kernel.',
  C4: 'Six namespaces isolate what a container sees: pid, net, ipc, mnt, uts, user.',
  C5: 'cgroups account for and limit resources (memory, CPU, disk I/O) of a group of processes.',
  C6: 'Containers are weaker than VMs at isolation: VMs have hardware-assisted isolation, containers do not.',
  C7: 'Copy-on-write snapshots are created almost instantly and take little space.',
  C8: 'The first write to a block of a COW snapshot is slower; later writes and unchanged reads are not affected.',
  C9: 'Containers run well inside VMs and on any Linux host, with no special kernel.',
};

/** What a run has to measure before the claim can be judged (for "not measured" verdicts). */
export const WHAT_IT_TAKES: Record<ClaimId, string> = {
  C1: 'startup and teardown of at least one VM and one container in the same scenario',
  C2: 'memory per idle instance (PSS, host MemAvailable drop) and a density curve (instances per GiB)',
  C3: '`uname -r` inside containers and VMs, compared with the host kernel',
  C4: 'namespace probes inside each instance (own PID 1, interfaces, IPC, mounts, hostname, uid mapping)',
  C5: 'a memory-limited container driven past its limit (OOM) and a CPU quota checked against measured CPU time',
  C6: 'an isolation matrix per runtime (separate kernel, KVM or TCG, namespaces, capabilities, seccomp)',
  C7: 'provisioning time and bytes per instance for full copy, overlayfs, btrfs snapshot and qcow2 backing file',
  C8: 'write latency to fresh vs already-written blocks of a COW clone, and read latency of unchanged data',
  C9: 'container runs on a host whose own virtualization is recorded',
};
