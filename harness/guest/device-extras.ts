/**
 * What devices add to a scenario's image: the guest kernel's virtio modules for the scenario's
 * machine types (with /modules/load, which /init reads in VMs), and the empty files containers
 * bind-mount a disk onto. A workload whose modules cannot be found is skipped with the reason
 * when the scenario has VMs; containers and the host need no module.
 */
import type { RuntimeSpec } from '../scenario/types.js';
import type { DeviceNeed, PerformanceWorkload } from '../workloads/definition.js';
import type { ImageFile } from './image.js';
import { guestModules, IMAGE_MODULE_DIR, IMAGE_MODULE_LIST, modulesFor, type VirtioTransport } from './kernel-modules.js';
import { readFileSync } from 'node:fs';

/** Where a container's (and the host runtime's) disk appears: a bind mount onto this file. */
export const DISK_MOUNTPOINT = '/vmbench-disk';

export function scenarioTransports(runtimes: readonly RuntimeSpec[]): VirtioTransport[] {
  const set = new Set<VirtioTransport>();
  for (const r of runtimes) if ('machine' in r) set.add(r.machine === 'microvm' ? 'mmio' : 'pci');
  return [...set].sort();
}

export function deviceExtras(
  workloads: readonly PerformanceWorkload[],
  transports: readonly VirtioTransport[],
  kernelPath: string | null,
): {
  files: ImageFile[];
  skipped: { workload: string; reason: string }[];
} {
  const skipped: { workload: string; reason: string }[] = [];
  const kept: PerformanceWorkload[] = [];
  for (const w of workloads.filter((x) => x.devices.length > 0)) {
    if (transports.length === 0 || kernelPath === null) {
      kept.push(w);
      continue;
    }
    try {
      guestModules(kernelPath, modulesFor(w.devices, transports));
      kept.push(w);
    } catch (error) {
      skipped.push({ workload: w.name, reason: `its devices need guest kernel modules: ${(error as Error).message}` });
    }
  }
  const devices = kept.flatMap((w) => w.devices);
  const files: ImageFile[] = [];
  if (devices.some((d) => d.type === 'disk')) files.push({ path: DISK_MOUNTPOINT, data: Buffer.alloc(0), mode: 0o644 });
  files.push(...moduleFiles(devices, transports, kernelPath));
  return { files, skipped };
}

/** The guest kernel's modules for these devices, and the list /init loads them from; none without a kernel or VMs. */
export function moduleFiles(
  devices: readonly DeviceNeed[],
  transports: readonly VirtioTransport[],
  kernelPath: string | null,
): ImageFile[] {
  const wanted = modulesFor(devices, transports);
  if (wanted.length === 0 || kernelPath === null) return [];
  const modules = guestModules(kernelPath, wanted);
  return [
    ...modules.files.map((m) => ({ path: `${IMAGE_MODULE_DIR}/${m.name}`, data: readFileSync(m.hostPath), mode: 0o644 })),
    { path: IMAGE_MODULE_LIST, data: Buffer.from(modules.files.map((m) => `${m.name}\n`).join('')), mode: 0o644 },
  ];
}
