/**
 * Startup phases from the two marker lines. All phases of one sample sum to its startup time.
 *
 * VMs: the guest clock (/proc/uptime, 10 ms resolution) starts when the guest kernel does, so
 *   vmm_firmware_kernel_load = host time to ready − guest uptime at ready
 *   kernel_to_init           = guest uptime when /init ran
 *   init_to_ready            = guest uptime at ready − guest uptime at init
 * Containers share the host clock and kernel, so phases come from host arrival times:
 *   runtime_setup = launch → init marker arrived; init_to_ready = init marker → ready marker.
 *   Both lines are often written within microseconds and arrive in one pipe read, giving 0.
 */
import type { Phase } from '../results/format.js';
import { nsToMs, type PhaseInput } from '../process/process-instance.js';

const uptimeMs = (fields: Record<string, string> | undefined): number | null => {
  const value = Number(fields?.uptime);
  return fields?.uptime !== undefined && Number.isFinite(value) ? value * 1000 : null;
};

export function vmPhases({ launchNs, init, ready }: PhaseInput): { phases: Phase[]; guestUptimeAtReadyS: number | null } {
  const totalMs = nsToMs(ready.atNs - launchNs);
  const readyUp = uptimeMs(ready.fields);
  const initUp = uptimeMs(init?.fields);
  if (readyUp === null || initUp === null) return { phases: [], guestUptimeAtReadyS: readyUp === null ? null : readyUp / 1000 };
  return {
    phases: [
      { name: 'vmm_firmware_kernel_load', ms: totalMs - readyUp },
      { name: 'kernel_to_init', ms: initUp },
      { name: 'init_to_ready', ms: readyUp - initUp },
    ],
    guestUptimeAtReadyS: readyUp / 1000,
  };
}

export function containerPhases({ launchNs, init, ready }: PhaseInput): { phases: Phase[]; guestUptimeAtReadyS: null } {
  if (!init) return { phases: [], guestUptimeAtReadyS: null };
  return {
    phases: [
      { name: 'runtime_setup', ms: nsToMs(init.atNs - launchNs) },
      { name: 'init_to_ready', ms: nsToMs(ready.atNs - init.atNs) },
    ],
    guestUptimeAtReadyS: null,
  };
}
