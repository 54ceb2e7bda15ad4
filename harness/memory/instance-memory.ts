/**
 * One idle instance's memory, each way at once (see InstanceMemory in results/format.ts):
 * host PSS and RSS of all its processes, its cgroup's charge, and what the workload uses as
 * seen from inside, so that overhead = host cost − own use is explicit.
 */
import type { CgroupMode, InstanceMemory } from '../results/format.js';
import type { Instance, Runtime } from '../runtimes/runtime.js';
import { memoryOf } from './smaps.js';
import { cgroupMemoryBytes } from './cgroup-usage.js';

export function measureInstanceMemory(
  runtime: Runtime,
  instance: Instance,
  markerFields: Record<string, string>,
  cgroupMode: CgroupMode,
): InstanceMemory {
  const all = memoryOf(instance.hostPids());
  let insideBytes: number | null = null;
  if (runtime.memoryInside === 'own-kernel') {
    // The guest's own accounting: what its kernel and workload use of the RAM it was given
    // (gVisor's sentry keeps the same accounting for its sandbox).
    const total = Number(markerFields.memtotal_kb);
    const avail = Number(markerFields.memavail_kb);
    if (Number.isFinite(total) && Number.isFinite(avail) && total > 0) insideBytes = (total - avail) * 1024;
  } else {
    // A container's /proc/meminfo is the host's; its own use is the PSS of its own processes
    // (not RSS: that would charge it the shared busybox pages in full, and the overhead, host
    // PSS minus this, would come out negative).
    insideBytes = memoryOf(instance.workloadPids()).pssBytes;
  }
  return {
    pssBytes: all.counted ? all.pssBytes : null,
    rssBytes: all.counted ? all.rssBytes : null,
    cgroupBytes: instance.cgroupName ? cgroupMemoryBytes(cgroupMode, instance.cgroupName) : null,
    insideBytes,
    configuredBytes: runtime.configuredMemoryBytes,
  };
}
