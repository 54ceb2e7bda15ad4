/**
 * Can this runtime run here, and if not, why and what would fix it. Decided before anything is
 * launched, so a run never discovers halfway that a runtime was never possible.
 */
import type { Accelerator } from '../results/format.js';
import type { RuntimeSpec } from '../scenario/types.js';
import { isError, type HostContext } from '../host/host-context.js';
import type { Availability } from './runtime.js';
import { findExecutable } from '../host/find-executable.js';

/** The accelerator a QEMU runtime will use: explicit, or KVM only when the probe boot passed. */
export function resolveAccel(requested: 'auto' | Accelerator, host: HostContext): Accelerator {
  if (requested !== 'auto') return requested;
  return host.kvm?.bootOk ? 'kvm' : 'tcg';
}

export function availability(spec: RuntimeSpec, host: HostContext): Availability {
  if (isError(host.image)) return { usable: false, reason: host.image.error };
  if (spec.type === 'qemu') {
    if (!host.tools.qemu) return { usable: false, reason: 'qemu-system-x86_64 not found (apt-get install qemu-system-x86)' };
    if (isError(host.kernel)) return { usable: false, reason: host.kernel.error };
    const accel = resolveAccel(spec.accel, host);
    if (accel === 'kvm' && !host.kvm?.bootOk) {
      return { usable: false, reason: `accel: kvm was asked for, but ${host.kvm?.reason ?? 'KVM was not probed'}` };
    }
    const why = accel === 'tcg' && spec.accel === 'auto' ? ' (KVM probe failed: see doctor)' : '';
    return { usable: true, detail: `QEMU ${host.tools.qemu.version}, -M ${spec.machine}, ${accel}${why}, ${spec.memoryMiB} MiB, ${spec.vcpus} vCPU` };
  }
  if (spec.type === 'host') {
    if (!host.isRoot) return { usable: false, reason: 'the host runtime chroots into the image tree, which needs root (run vmbench as root)' };
    const chroot = findExecutable('chroot');
    if (!chroot) return { usable: false, reason: 'chroot not found (apt-get install coreutils)' };
    return { usable: true, detail: `${chroot} into the image tree: no namespaces, no cgroup of its own (the baseline)` };
  }
  if (!host.isRoot) return { usable: false, reason: `${spec.type} containers need root here (run vmbench as root)` };
  if (spec.type === 'namespaces') {
    if (spec.userNamespace) {
      return { usable: false, reason: 'userNamespace: true is not supported for raw namespaces yet (unshare needs newuidmap and a subordinate uid range for root); runc and crun support it' };
    }
    if (!host.tools.unshare) return { usable: false, reason: 'unshare not found (apt-get install util-linux)' };
    return { usable: true, detail: `util-linux unshare ${host.tools.unshare.version}: pid, mnt, uts, ipc, net namespaces` };
  }
  const tool = spec.type === 'runc' ? host.tools.runc : host.tools.crun;
  if (!tool) return { usable: false, reason: `${spec.type} not found (apt-get install ${spec.type})` };
  if (spec.type === 'crun' && host.cgroupMode === 'hybrid') {
    return { usable: false, reason: 'crun refuses cgroup hybrid mode ("cgroups in hybrid mode not supported"); this host mixes v1 controllers with a v2 tree. runc works here.' };
  }
  if (host.cgroupMode === 'none') return { usable: false, reason: `no cgroup file system mounted at /sys/fs/cgroup; ${spec.type} needs one` };
  return { usable: true, detail: `${spec.type} ${tool.version}, cgroup ${host.cgroupMode}${spec.userNamespace ? ', user namespace (root inside = uid 100000 outside)' : ''}` };
}
