/** How a raw-namespace container is started: unshare into the guest image's root tree. */
import type { ContainerRuntimeSpec } from '../../scenario/types.js';
import type { Instance, Runtime, StartRequest } from '../runtime.js';
import type { GuestImage } from '../../guest/image.js';
import type { InstanceTracker } from '../../lifecycle/instance-tracker.js';
import { ProcessInstance } from '../../process/process-instance.js';
import { containerPhases } from '../phases.js';
import { unshareArgv } from './argv.js';

export interface NamespacesContext {
  unsharePath: string;
  image: GuestImage;
  tracker: InstanceTracker;
}

export class NamespacesRuntime implements Runtime {
  readonly kind = 'container' as const;
  readonly backend = 'namespaces' as const;
  readonly accel = null;
  readonly machine = null;
  readonly name: string;

  constructor(readonly spec: ContainerRuntimeSpec, private readonly ctx: NamespacesContext) {
    this.name = spec.name;
  }

  start(request: StartRequest): Instance {
    const tracked = this.ctx.tracker.begin(request.id, this.name);
    const args = unshareArgv(this.ctx.image.rootDir, request.workload);
    return new ProcessInstance(request.id, { file: this.ctx.unsharePath, args, env: { PATH: '/bin' } }, request.readyTimeoutMs, {
      phases: containerPhases,
      onLaunched: (pid) => tracked.process(pid),
      watch: request.watch,
      // Namespaces and the mount table die with their last process: nothing else to release.
      release: async () => { tracked.end(); return null; },
    });
  }
}
