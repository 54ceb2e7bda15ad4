/** The QEMU backend's descriptor: q35 and microvm guests, KVM when a probe boot proves it, else TCG. */
import type { QemuRuntimeSpec, RuntimeSpec } from '../../scenario/types.js';
import { isError } from '../../host/host-context.js';
import type { Backend, ToolSpec } from '../backend.js';
import { QemuRuntime } from './qemu-runtime.js';
import { probeKvm } from './kvm-probe.js';
import { resolveAccel } from './accel.js';

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
    return { usable: true, detail: `QEMU ${qemu.version}, -M ${spec.machine}, ${accel}${why}, ${spec.memoryMiB} MiB, ${spec.vcpus} vCPU` };
  },

  create(input, host, run) {
    const spec = asQemu(input);
    const qemu = host.tools.qemu;
    if (isError(host.kernel) || isError(host.image) || !qemu) throw new Error('unreachable: checked by availability');
    return new QemuRuntime(spec, resolveAccel(spec.accel, host), {
      qemuPath: qemu.path, kernelPath: host.kernel.path, image: host.image, tracker: run.tracker, tscKhz: host.tscKhz, workDir: run.workDir,
    });
  },

  async probe(host, specs, options) {
    const qemu = host.tools.qemu;
    if (!specs.some((s) => s.type === 'qemu' && s.accel !== 'tcg')) return;
    if (!qemu || isError(host.kernel) || isError(host.image)) return;
    host.kvm = await probeKvm({ qemuPath: qemu.path, qemuVersion: qemu.version, kernel: host.kernel, image: host.image, cacheRoot: host.cacheRoot, fresh: options.fresh });
    if (!host.kvm.bootOk && specs.some((s) => s.type === 'qemu' && s.accel === 'auto')) options.log(`KVM not used: ${host.kvm.reason ?? ''}`);
  },
};
