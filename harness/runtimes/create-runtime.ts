/** From a scenario's runtime spec to the executor that runs it (one class per backend). */
import type { RuntimeSpec } from '../scenario/types.js';
import { isError, type HostContext } from '../host/host-context.js';
import type { InstanceTracker } from '../lifecycle/instance-tracker.js';
import type { Runtime } from './runtime.js';
import { QemuRuntime } from './qemu/qemu-runtime.js';
import { NamespacesRuntime } from './namespaces/namespaces-runtime.js';
import { OciRuntime } from './oci/oci-runtime.js';
import { HostRuntime } from './host/host-runtime.js';
import { findExecutable } from '../host/find-executable.js';
import { availability, resolveAccel } from './availability.js';

export interface RunResources {
  tracker: InstanceTracker;
  /** Private per-run temp dir (0700), removed at the end of the run. */
  workDir: string;
}

/** Throws when the runtime is not usable: callers check availability() first. */
export function createRuntime(spec: RuntimeSpec, host: HostContext, run: RunResources): Runtime {
  const usable = availability(spec, host);
  if (!usable.usable || isError(host.image)) throw new Error(`runtime ${spec.name} is not usable: ${usable.usable ? '' : usable.reason}`);
  const image = host.image;
  if (spec.type === 'qemu') {
    if (isError(host.kernel) || !host.tools.qemu) throw new Error('unreachable: checked by availability');
    return new QemuRuntime(spec, resolveAccel(spec.accel, host), {
      qemuPath: host.tools.qemu.path, kernelPath: host.kernel.path, image, tracker: run.tracker, tscKhz: host.tscKhz,
    });
  }
  if (spec.type === 'namespaces') {
    return new NamespacesRuntime(spec, { unsharePath: host.tools.unshare!.path, image, tracker: run.tracker, cgroupMode: host.cgroupMode, shPath: findExecutable('sh') });
  }
  if (spec.type === 'host') {
    return new HostRuntime(spec, { chrootPath: findExecutable('chroot')!, image, tracker: run.tracker, workDir: run.workDir });
  }
  const tool = spec.type === 'runc' ? host.tools.runc : host.tools.crun;
  return new OciRuntime(spec, { binaryPath: tool!.path, image, tracker: run.tracker, workDir: run.workDir, cgroupMode: host.cgroupMode });
}
