/**
 * The QEMU command line for one guest. Built as an argv array: nothing from a scenario ever
 * passes through a shell.
 *
 * -display none -nodefaults -serial stdio: the serial console is the marker channel
 *   (-nographic with -serial file: gives an empty file on QEMU 7.2).
 * -no-reboot: the guest's `reboot -f` at the end of a workload makes QEMU exit.
 * tb-size=32: TCG's translation cache defaults to 1 GiB of host memory; 32 MiB keeps a 128 MiB
 *   guest near 200 MiB RSS without slowing a short boot.
 * quiet: every console byte costs emulated serial I/O; the boot log would lengthen the boot.
 * earlyprintk: the kernel's decompressor then prints one short line as it starts (two lines in
 *   all): the host timestamps it, the boundary between firmware and kernel. It must come after
 *   quiet: parameters are read in order, and an early console registered before quiet replays
 *   the boot log at full level (15 more lines over the emulated UART, ~0.4 s later first byte
 *   and a slower boot, measured on the build machine).
 */
import type { Accelerator } from '../../results/format.js';
import type { QemuRuntimeSpec } from '../../scenario/types.js';

export interface QemuArgvInput {
  spec: Pick<QemuRuntimeSpec, 'machine' | 'memoryMiB' | 'vcpus'>;
  accel: Accelerator;
  kernel: string;
  initramfs: string;
  /** A workload script name (an identifier: safe on the kernel command line). */
  workload: string;
  name: string;
  /** Host TSC kHz, for microvm under TCG (see host/tsc-khz.ts); null when unknown. */
  tscKhz?: number | null;
}

export function kernelCommandLine(machine: QemuRuntimeSpec['machine'], workload: string, accel: Accelerator = 'tcg', tscKhz: number | null = null): string {
  // microvm has no PCI bus; pci=off spares the kernel a failing probe (as Firecracker does).
  let extra = machine === 'microvm' ? ' pci=off' : '';
  // microvm under TCG: give the TSC rate instead of letting a PIT calibration fail and hang.
  if (machine === 'microvm' && accel === 'tcg' && tscKhz) extra += ` tsc_early_khz=${tscKhz}`;
  return `console=ttyS0 quiet earlyprintk=serial,ttyS0,115200 panic=-1${extra} -- vm ${workload}`;
}

export function qemuArgv(input: QemuArgvInput): string[] {
  const { spec, accel } = input;
  return [
    '-name', input.name,
    '-M', spec.machine,
    ...(accel === 'kvm' ? ['-accel', 'kvm', '-cpu', 'host'] : ['-accel', 'tcg,tb-size=32']),
    '-m', `${spec.memoryMiB}M`,
    '-smp', String(spec.vcpus),
    '-display', 'none',
    '-nodefaults',
    '-no-user-config',
    '-serial', 'stdio',
    '-no-reboot',
    '-kernel', input.kernel,
    '-initrd', input.initramfs,
    '-append', kernelCommandLine(spec.machine, input.workload, accel, input.tscKhz ?? null),
  ];
}
