/**
 * Startup phases from host arrival times of console bytes. All phases of one sample sum to its
 * startup time, and every boundary is a host CLOCK_MONOTONIC timestamp.
 *
 * VMs (the kernel command line has earlyprintk, so the kernel's decompressor prints a line as
 * soon as it runs; Kata's guest-clock phases go negative, Cloud Hypervisor reads host-side marks):
 *   vmm_firmware_kernel_load = launch → the guest's first console byte (QEMU start, firmware, kernel
 *                              and initramfs loading)
 *   kernel_to_init           = first byte → init marker arrived (decompression, kernel boot)
 *   init_to_ready            = init marker → ready marker arrived
 * The guest clock (/proc/uptime in the markers, 10 ms resolution, starting at timekeeping init)
 * is kept as a cross-check: guestClockSkewMs = host init→ready − guest init→ready.
 * Without a first byte before init (a kernel that ignores earlyprintk) the first two phases fall
 * back to the guest clock, as before.
 * Containers share the host clock and kernel:
 *   runtime_setup = launch → init marker arrived; init_to_ready = init marker → ready marker.
 *   Both lines are often written within microseconds and arrive in one pipe read, giving 0.
 */
import type { Phase } from '../results/format.js';
import { nsToMs, type PhaseInput } from '../process/process-instance.js';

export interface PhaseResult {
  phases: Phase[];
  guestUptimeAtReadyS: number | null;
  /** Host minus guest clock over init → ready, ms; null without both clocks. */
  guestClockSkewMs: number | null;
}

const uptimeMs = (fields: Record<string, string> | undefined): number | null => {
  const value = Number(fields?.uptime);
  return fields?.uptime !== undefined && Number.isFinite(value) ? value * 1000 : null;
};

export function vmPhases({ launchNs, firstOutputNs, init, ready }: PhaseInput): PhaseResult {
  const totalMs = nsToMs(ready.atNs - launchNs);
  const readyUp = uptimeMs(ready.fields);
  const initUp = uptimeMs(init?.fields);
  const guestUptimeAtReadyS = readyUp === null ? null : readyUp / 1000;
  const guestClockSkewMs = init && readyUp !== null && initUp !== null ? nsToMs(ready.atNs - init.atNs) - (readyUp - initUp) : null;
  if (init && firstOutputNs !== null && firstOutputNs < init.atNs) {
    return {
      phases: [
        { name: 'vmm_firmware_kernel_load', ms: nsToMs(firstOutputNs - launchNs) },
        { name: 'kernel_to_init', ms: nsToMs(init.atNs - firstOutputNs) },
        { name: 'init_to_ready', ms: nsToMs(ready.atNs - init.atNs) },
      ],
      guestUptimeAtReadyS,
      guestClockSkewMs,
    };
  }
  if (readyUp === null || initUp === null) return { phases: [], guestUptimeAtReadyS, guestClockSkewMs };
  return {
    phases: [
      { name: 'vmm_firmware_kernel_load', ms: totalMs - readyUp },
      { name: 'kernel_to_init', ms: initUp },
      { name: 'init_to_ready', ms: readyUp - initUp },
    ],
    guestUptimeAtReadyS,
    guestClockSkewMs,
  };
}

/**
 * VMs restored from a saved state (qemu/snapshot.ts), on the host clock:
 *   restore         = launch → the guest runs again and is sent its workload (QEMU start, state
 *                     load, and the harness noticing over QMP that the guest resumed)
 *   resume_to_ready = workload sent → ready marker arrived
 * The guest clock continues from when the state was saved: kept, but not compared.
 */
export function snapshotPhases({ launchNs, ready }: PhaseInput, goNs: bigint | null): PhaseResult {
  const readyUp = uptimeMs(ready.fields);
  const guestUptimeAtReadyS = readyUp === null ? null : readyUp / 1000;
  if (goNs === null || goNs > ready.atNs) return { phases: [], guestUptimeAtReadyS, guestClockSkewMs: null };
  return {
    phases: [
      { name: 'restore', ms: nsToMs(goNs - launchNs) },
      { name: 'resume_to_ready', ms: nsToMs(ready.atNs - goNs) },
    ],
    guestUptimeAtReadyS,
    guestClockSkewMs: null,
  };
}

export function containerPhases({ launchNs, init, ready }: PhaseInput): PhaseResult {
  if (!init) return { phases: [], guestUptimeAtReadyS: null, guestClockSkewMs: null };
  return {
    phases: [
      { name: 'runtime_setup', ms: nsToMs(init.atNs - launchNs) },
      { name: 'init_to_ready', ms: nsToMs(ready.atNs - init.atNs) },
    ],
    guestUptimeAtReadyS: null,
    guestClockSkewMs: null,
  };
}
