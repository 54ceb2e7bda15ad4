/** The QEMU backend's descriptor: q35 and microvm guests, KVM when a probe boot proves it, else TCG. */
import type { QemuRuntimeSpec, RuntimeSpec } from '../../scenario/types.js';
import { isError } from '../../host/host-context.js';
import type { Backend, ToolSpec } from '../backend.js';
import { QemuRuntime } from './qemu-runtime.js';
import { probeKvm } from './kvm-probe.js';
import { resolveAccel } from './accel.js';
import { savedState, snapshotKey, type SnapshotInput } from './snapshot.js';
import type { Accelerator } from '../../vocabulary.js';
import type { Tool } from '../../host/tools.js';
import type { GuestKernel } from '../../guest/kernel.js';
import type { GuestImage } from '../../guest/image.js';

function snapshotInput(
  spec: QemuRuntimeSpec,
  accel: Accelerator,
  qemu: Tool,
  kernel: GuestKernel,
  image: GuestImage,
  cacheRoot: string,
): SnapshotInput {
  return { qemuPath: qemu.path, qemuVersion: qemu.version, kernel, image, spec, accel, cacheRoot };
}

/** Where the saved state's verdict is kept in host.probes (one per key: runtimes may share it). */
const snapshotProbeKey = (input: SnapshotInput): string => `qemu-snapshot-${snapshotKey(input)}`;

const QEMU_TOOL: ToolSpec = {
  key: 'qemu',
  command: (env) => env.VMBENCH_QEMU ?? 'qemu-system-x86_64',
  versionArgs: ['--version'],
  pickVersion: (o) => /version\s+(\S+)/.exec(o)?.[1],
  remedy: 'apt-get install qemu-system-x86',
};

const asQemu = (spec: RuntimeSpec): QemuRuntimeSpec => {
  if (spec.type !== 'qemu') throw new Error(`qemu backend given a ${spec.type} runtime`);
  return spec;
};

export const qemuBackend: Backend = {
  type: 'qemu',
  summary: 'a QEMU virtual machine: its own guest kernel (Debian cloud kernel) booting the vmbench initramfs',
  tools: [QEMU_TOOL],

  availability(input, host) {
    const spec = asQemu(input);
    const qemu = host.tools.qemu;
    if (!qemu) return { usable: false, reason: `qemu-system-x86_64 not found (${QEMU_TOOL.remedy})` };
    if (isError(host.kernel)) return { usable: false, reason: host.kernel.error };
    const accel = resolveAccel(spec.accel, host);
    if (accel === 'kvm' && !host.kvm?.bootOk) {
      return { usable: false, reason: `accel: kvm was asked for, but ${host.kvm?.reason ?? 'KVM was not probed'}` };
    }
    const why = accel === 'tcg' && spec.accel === 'auto' ? ' (KVM probe failed: see doctor)' : '';
    let restored = '';
    if (spec.snapshot) {
      if (isError(host.image)) return { usable: false, reason: host.image.error };
      const saved = host.probes[snapshotProbeKey(snapshotInput(spec, accel, qemu, host.kernel, host.image, host.cacheRoot))];
      if (!saved) {
        return {
          usable: false,
          reason:
            'no saved guest state for this image: snapshot runtimes run the lifecycle workloads (hello, idle, probe) of the default image, whose state is saved before the run',
        };
      }
      if (saved.value === '') return { usable: false, reason: saved.reason };
      restored = `, restored from a saved state (${saved.reason})`;
    }
    return {
      usable: true,
      detail: `QEMU ${qemu.version}, -M ${spec.machine}, ${accel}${why}, ${spec.memoryMiB} MiB, ${spec.vcpus} vCPU${restored}`,
    };
  },

  create(input, host, run) {
    const spec = asQemu(input);
    const qemu = host.tools.qemu;
    if (isError(host.kernel) || isError(host.image) || !qemu) throw new Error('unreachable: checked by availability');
    const accel = resolveAccel(spec.accel, host);
    const saved = spec.snapshot
      ? host.probes[snapshotProbeKey(snapshotInput(spec, accel, qemu, host.kernel, host.image, host.cacheRoot))]
      : undefined;
    return new QemuRuntime(spec, accel, {
      qemuPath: qemu.path,
      kernelPath: host.kernel.path,
      image: host.image,
      tracker: run.tracker,
      tscKhz: host.tscKhz,
      savedState: saved?.value ?? null,
      workDir: run.workDir,
    });
  },

  async probe(host, specs, options) {
    const qemu = host.tools.qemu;
    if (!qemu || isError(host.kernel) || isError(host.image)) return;
    if (specs.some((s) => s.type === 'qemu' && s.accel !== 'tcg')) {
      host.kvm = await probeKvm({
        qemuPath: qemu.path,
        qemuVersion: qemu.version,
        kernel: host.kernel,
        image: host.image,
        cacheRoot: host.cacheRoot,
        fresh: options.fresh,
      });
      if (!host.kvm.bootOk && specs.some((s) => s.type === 'qemu' && s.accel === 'auto'))
        options.log(`KVM not used: ${host.kvm.reason ?? ''}`);
    }
    for (const input of specs) {
      const spec = asQemu(input);
      if (!spec.snapshot) continue;
      const state = snapshotInput(spec, resolveAccel(spec.accel, host), qemu, host.kernel, host.image, host.cacheRoot);
      const key = snapshotProbeKey(state);
      if (host.probes[key]) continue;
      options.log(`Saving a booted guest's state for ${spec.name} (once per kernel, image, machine and QEMU version)…`);
      try {
        const saved = await savedState(state);
        const size = `${(saved.bytes / 2 ** 20).toFixed(0)} MiB`;
        host.probes[key] = {
          value: saved.path,
          cached: saved.madeInMs === null,
          reason: saved.madeInMs === null ? `${size}, cached` : `${size}, booted and saved in ${(saved.madeInMs / 1000).toFixed(1)} s`,
        };
      } catch (error) {
        host.probes[key] = { value: '', cached: false, reason: `saving a booted guest's state failed: ${(error as Error).message}` };
      }
    }
  },
};
