/**
 * The host's TSC frequency in kHz. Under TCG a guest's TSC ticks at the host's rate; a microvm
 * guest has no HPET or ACPI PM timer to calibrate it against, and its PIT calibration fails when
 * the host is busy, after which the boot hangs (4 of 4 concurrent microvm boots hung under TCG
 * on the build machines; 12 of 12 reached ready with the rate given). Telling the guest kernel the frequency (tsc_early_khz=) skips that calibration
 * and keeps the guest clock, which the boot phases rely on, at the right rate.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

export function hostTscKhz(): number | null {
  // The kernel's own calibration is the TSC rate proper, when its log is readable…
  try {
    const log = execFileSync('dmesg', [], { encoding: 'utf8', timeout: 2000, stdio: ['ignore', 'pipe', 'ignore'] });
    const refined = /Refined TSC clocksource calibration: ([\d.]+) MHz/.exec(log) ?? /tsc: Detected ([\d.]+) MHz/.exec(log);
    if (refined) return Math.round(Number(refined[1]) * 1000);
  } catch {
    // not readable here (dmesg_restrict, a container): fall back
  }
  // …else /proc/cpuinfo's "cpu MHz": the TSC rate on constant-TSC CPUs without frequency scaling
  // (cloud VMs); on a laptop it may be the current frequency instead.
  try {
    const mhz = Number(/^cpu MHz\s*:\s*([\d.]+)/m.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1]);
    return Number.isFinite(mhz) && mhz > 0 ? Math.round(mhz * 1000) : null;
  } catch {
    return null;
  }
}
