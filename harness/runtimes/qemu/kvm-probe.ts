/**
 * Is KVM usable? Opening /dev/kvm proves little: on a PVM host (kvm_pvm) the device opens and
 * KVM_CREATE_VM succeeds, yet a stock guest kernel spins forever before its init. Only a probe
 * boot with a timeout proves it. The verdict is cached per (host boot, QEMU, guest kernel).
 */
import { constants, existsSync, openSync, closeSync } from 'node:fs';
import { kvmModules } from '../../host/kvm-modules.js';
import { cachedPerBoot } from '../../host/boot-cache.js';
import type { KvmProbe } from '../../results/format.js';
import type { GuestImage } from '../../guest/image.js';
import { ProcessInstance } from '../../process/process-instance.js';
import { vmPhases } from '../phases.js';
import { qemuArgv } from './argv.js';

export const KVM_PROBE_TIMEOUT_MS = 10_000;

export interface KvmProbeInput {
  qemuPath: string;
  qemuVersion: string;
  kernel: { path: string; sha256: string };
  image: GuestImage;
  cacheRoot: string;
  /** Ignore a cached verdict. */
  fresh?: boolean;
}

function deviceUsable(): boolean {
  try {
    closeSync(openSync('/dev/kvm', constants.O_RDWR));
    return true;
  } catch {
    return false;
  }
}

export async function probeKvm(input: KvmProbeInput): Promise<KvmProbe> {
  const modules = kvmModules();
  if (!existsSync('/dev/kvm') || !deviceUsable()) {
    return {
      devicePresent: false,
      bootOk: false,
      bootMs: null,
      modules,
      probedAt: null,
      cached: false,
      reason: existsSync('/dev/kvm')
        ? '/dev/kvm exists but cannot be opened read-write (run as root or join the kvm group)'
        : 'no /dev/kvm: the CPU has no hardware virtualization exposed (or the kvm module is not loaded)',
    };
  }
  return cachedPerBoot(
    input.cacheRoot,
    'kvm-probe.json',
    [input.qemuVersion, input.kernel.sha256, input.image.key],
    input.fresh ?? false,
    () => bootProbe(input, modules),
  );
}

async function bootProbe(input: KvmProbeInput, modules: string[]): Promise<KvmProbe> {
  const args = qemuArgv({
    spec: { machine: 'q35', memoryMiB: 128, vcpus: 1 },
    accel: 'kvm',
    kernel: input.kernel.path,
    initramfs: input.image.initramfs,
    workload: 'hello',
    name: 'vmbench-kvm-probe',
  });
  const instance = new ProcessInstance('kvm-probe', { file: input.qemuPath, args }, KVM_PROBE_TIMEOUT_MS, { phases: vmPhases });
  const ready = await instance.waitReady();
  await instance.stop();
  const base = { devicePresent: true, modules, probedAt: new Date().toISOString(), cached: false };
  if (ready.state === 'ready') return { ...base, bootOk: true, bootMs: ready.startupMs, reason: null };
  const pvm = modules.includes('kvm_pvm');
  const why =
    ready.state === 'timeout'
      ? `/dev/kvm opens, but a probe guest (kernel ${input.kernel.path}) did not reach its init within ${KVM_PROBE_TIMEOUT_MS / 1000} s under -accel kvm`
      : `/dev/kvm opens, but the KVM probe boot failed: ${ready.reason}`;
  const remedy = pvm
    ? "This host's KVM is kvm_pvm (pagetable-based virtualization for hosts without nested VT-x/SVM): it only boots guest kernels built with CONFIG_PVM_GUEST. Pass one with --kernel or VMBENCH_KERNEL to use KVM."
    : 'Check that nested virtualization is enabled, or pass another guest kernel with --kernel.';
  return { ...base, bootOk: false, bootMs: null, reason: `${why.replace(/\.+$/, '')}. ${remedy} VMs fall back to TCG software emulation.` };
}
