/**
 * The bare host as a runtime, the baseline every overhead is measured against: the same workload
 * script from the same image tree, started with `chroot` into a per-run copy of that tree. No
 * namespaces and no cgroup of its own, so it runs exactly as any host process does.
 *
 * The copy (made once per run, before any launch is timed) keeps the cached image untouched;
 * each instance gets a fresh, empty /tmp in it, writable and its own because instances of this
 * runtime run one at a time. Nothing is mounted: the host's mount table stays as it was, which
 * is why the host sees no /proc inside (the performance scripts need none).
 */
import { cpSync, existsSync, mkdirSync, rmSync, chmodSync } from 'node:fs';
import { join } from 'node:path';
import type { HostRuntimeSpec } from '../../scenario/types.js';
import type { Instance, Runtime, StartRequest } from '../runtime.js';
import type { GuestImage } from '../../guest/image.js';
import type { InstanceTracker } from '../../lifecycle/instance-tracker.js';
import { ProcessInstance } from '../../process/process-instance.js';
import { containerPhases } from '../phases.js';
import { prepareDevices } from '../../plumbing/instance-devices.js';

export interface HostContext {
  chrootPath: string;
  image: GuestImage;
  tracker: InstanceTracker;
  /** Private per-run directory (0700): the tree copy lives here and goes with it. */
  workDir: string;
}

export function hostArgv(root: string, workload: string): string[] {
  return [root, `/workloads/${workload}.sh`];
}

export class HostRuntime implements Runtime {
  readonly kind = 'host' as const;
  readonly backend = 'host' as const;
  readonly accel = null;
  readonly machine = null;
  readonly configuredMemoryBytes = null;
  readonly memoryInside = 'workload-processes' as const;
  readonly name: string;
  #root: string | null = null;
  #running: string | null = null;

  constructor(
    readonly spec: HostRuntimeSpec,
    private readonly ctx: HostContext,
  ) {
    this.name = spec.name;
  }

  start(request: StartRequest): Instance {
    if (this.#running) throw new Error(`the host runtime runs one instance at a time (${this.#running} is still running)`);
    const root = this.#tree();
    const tmp = join(root, 'tmp');
    rmSync(tmp, { recursive: true, force: true });
    mkdirSync(tmp);
    chmodSync(tmp, 0o1777);
    const tracked = this.ctx.tracker.begin(request.id, this.name);
    const devices = prepareDevices(request.devices ?? [], { kind: 'host', rootDir: root }, this.ctx.workDir, request.id, tracked);
    this.#running = request.id;
    return new ProcessInstance(
      request.id,
      {
        file: this.ctx.chrootPath,
        args: hostArgv(root, request.workload),
        env: { PATH: '/bin', VMBENCH_MODE: 'host', ...devices.env },
      },
      request.readyTimeoutMs,
      {
        phases: containerPhases,
        onLaunched: (pid) => tracked.process(pid),
        watch: request.watch,
        hostDiskCache: () => devices.hostDiskCache(),
        release: async () => {
          rmSync(tmp, { recursive: true, force: true });
          const problem = await devices.release();
          this.#running = null;
          tracked.end();
          return problem;
        },
      },
    );
  }

  #tree(): string {
    if (this.#root) return this.#root;
    // Per image too: a performance scenario may run several images (one per tool set).
    const dest = join(this.ctx.workDir, `host-root-${this.name}-${this.ctx.image.key}`);
    if (!existsSync(dest)) cpSync(this.ctx.image.rootDir, dest, { recursive: true, verbatimSymlinks: true });
    this.#root = dest;
    return dest;
  }
}
