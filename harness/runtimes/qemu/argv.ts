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
  /** A workload's devices (plumbing/instance-devices.ts): the disk's backing file, the tap. */
  devices?: { diskFile: string | null; diskFormat?: 'raw' | 'qcow2'; tap: string | null; env: Record<string, string> };
  /** A second serial port (the guest's ttyS1) on this unix socket, QEMU listening: the graceful stop's channel. */
  controlSocket?: string | null;
  /** A guest that is saved or restored (snapshot.ts): its go channel, QMP socket, and the state to load. */
  snapshot?: SnapshotDevices;
}

export interface SnapshotDevices {
  /** Base path of the FIFO pair <go>.in / <go>.out behind the guest's ttyS1. */
  goPipe: string;
  qmpSocket: string;
  /** The saved state to start from; null when booting to save one. */
  incoming: string | null;
}

/** Paths that go into QEMU option strings: a comma would start another option. */
const SAFE_PATH = /^[A-Za-z0-9/._-]+$/;

export function checkOptionPath(path: string): string {
  if (!SAFE_PATH.test(path))
    throw new Error(`path ${JSON.stringify(path)} cannot be passed in a QEMU option (expected only letters, digits and / . _ -)`);
  return path;
}

/**
 * The same devices for saving and restoring (a migration needs identical machines): ttyS1 on a
 * FIFO pair, a QMP socket; restoring adds -incoming. `exec:` runs through /bin/sh in QEMU, so
 * the state file's path is checked to hold no shell or option characters.
 */
function snapshotArgs(devices: SnapshotDevices): string[] {
  return [
    '-chardev',
    `pipe,id=go,path=${checkOptionPath(devices.goPipe)}`,
    '-serial',
    'chardev:go',
    '-qmp',
    `unix:${checkOptionPath(devices.qmpSocket)},server=on,wait=off`,
    ...(devices.incoming === null ? [] : ['-incoming', `exec:cat ${checkOptionPath(devices.incoming)}`]),
  ];
}

/** Harness-made values only (paths under the work dir, link names, addresses): checked anyway. */
const SAFE_VALUE = /^[A-Za-z0-9_./:-]+$/;

function safe(what: string, value: string): string {
  if (!SAFE_VALUE.test(value))
    throw new Error(`${what} ${JSON.stringify(value)} cannot go on a QEMU or kernel command line (expected ${SAFE_VALUE})`);
  return value;
}

/**
 * virtio devices: q35 on its PCI bus, microvm on virtio-mmio. The disk is the raw backing file
 * with cache=none (O_DIRECT on the host: no host page cache between the guest and the file, as
 * for a container's direct I/O) and aio=io_uring; the network a tap the harness made.
 */
export function deviceArgv(machine: QemuRuntimeSpec['machine'], devices: QemuArgvInput['devices']): string[] {
  if (!devices) return [];
  const bus = machine === 'microvm' ? 'device' : 'pci';
  const out: string[] = [];
  if (devices.diskFile) {
    out.push(
      '-drive',
      `file=${safe('disk file', devices.diskFile)},format=${devices.diskFormat ?? 'raw'},if=none,id=vmbdisk,cache=none,aio=io_uring`,
      '-device',
      `virtio-blk-${bus},drive=vmbdisk`,
    );
  }
  if (devices.tap) {
    out.push(
      '-netdev',
      `tap,id=vmbnet,ifname=${safe('tap', devices.tap)},script=no,downscript=no`,
      '-device',
      `virtio-net-${bus},netdev=vmbnet`,
    );
  }
  return out;
}

/** KEY=value words before "--": the kernel hands parameters it does not know to init's environment. */
function initEnvironment(env: Record<string, string>): string {
  return Object.entries(env)
    .map(([k, v]) => ` ${safe('variable', k)}=${safe(k, v)}`)
    .join('');
}

export function kernelCommandLine(
  machine: QemuRuntimeSpec['machine'],
  workload: string,
  accel: Accelerator = 'tcg',
  tscKhz: number | null = null,
  env: Record<string, string> = {},
): string {
  // microvm has no PCI bus; pci=off spares the kernel a failing probe (as Firecracker does).
  let extra = machine === 'microvm' ? ' pci=off' : '';
  // microvm under TCG: give the TSC rate instead of letting a PIT calibration fail and hang.
  if (machine === 'microvm' && accel === 'tcg' && tscKhz) extra += ` tsc_early_khz=${tscKhz}`;
  // microvm under TCG has no HPET or ACPI PM timer to check the TSC against: under load (iperf3)
  // the guest gave up its TSC and its clock ran on jiffies, so vmbench-echo's round trips came
  // out as 0 or 4000 µs (one 250 Hz tick) on every probe. TCG's TSC follows the host's clock;
  // tsc=reliable keeps it (no watchdog), and the round trips are continuous again.
  if (machine === 'microvm' && accel === 'tcg') extra += ' tsc=reliable';
  return `console=ttyS0 quiet earlyprintk=serial,ttyS0,115200 panic=-1${extra}${initEnvironment(env)} -- vm ${workload}`;
}

export function qemuArgv(input: QemuArgvInput): string[] {
  const { spec, accel } = input;
  return [
    '-name',
    input.name,
    '-M',
    spec.machine,
    ...(accel === 'kvm' ? ['-accel', 'kvm', '-cpu', 'host'] : ['-accel', 'tcg,tb-size=32']),
    '-m',
    `${spec.memoryMiB}M`,
    '-smp',
    String(spec.vcpus),
    '-display',
    'none',
    '-nodefaults',
    '-no-user-config',
    '-serial',
    'stdio',
    '-no-reboot',
    '-kernel',
    input.kernel,
    '-initrd',
    input.initramfs,
    '-append',
    kernelCommandLine(spec.machine, input.snapshot ? 'snapshot' : input.workload, accel, input.tscKhz ?? null, input.devices?.env ?? {}),
    ...deviceArgv(spec.machine, input.devices),
    ...(input.controlSocket
      ? [
          '-chardev',
          `socket,id=vmbctl,path=${safe('control socket', input.controlSocket)},server=on,wait=off`,
          '-device',
          'isa-serial,chardev=vmbctl',
        ]
      : []),
    ...(input.snapshot ? snapshotArgs(input.snapshot) : []),
  ];
}
