/**
 * How an OCI container is started: `runc run` (or `crun run`) in the foreground, stdout piped
 * straight from the container's init. Teardown kills the process tree, then `<runtime> delete
 * --force` removes the runtime's state and the container's cgroup, and the bundle dir goes.
 */
import { chmodSync, cpSync, existsSync, mkdirSync, rmSync, rmdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import type { CgroupMode } from '../../results/format.js';
import type { ContainerRuntimeSpec } from '../../scenario/types.js';
import type { Instance, Runtime, StartRequest } from '../runtime.js';
import type { GuestImage } from '../../guest/image.js';
import type { InstanceTracker } from '../../lifecycle/instance-tracker.js';
import { ProcessInstance } from '../../process/process-instance.js';
import { containerPhases } from '../phases.js';
import { ociConfig, USERNS_HOST_ID, USERNS_SIZE } from './bundle.js';
import { cgroupDirs } from '../../host/cgroup-mode.js';

export interface OciContext {
  binaryPath: string;
  image: GuestImage;
  tracker: InstanceTracker;
  /** Private per-run directory (0700) holding the bundles. */
  workDir: string;
  cgroupMode: CgroupMode;
}

/** Where runc and crun keep container state by default (as root). */
export const OCI_STATE_ROOTS = { runc: '/run/runc', crun: '/run/crun' } as const;

export class OciRuntime implements Runtime {
  readonly kind = 'container' as const;
  readonly accel = null;
  readonly machine = null;
  readonly name: string;
  readonly backend: 'runc' | 'crun';

  constructor(readonly spec: ContainerRuntimeSpec, private readonly ctx: OciContext) {
    this.name = spec.name;
    this.backend = spec.type === 'crun' ? 'crun' : 'runc';
  }

  start(request: StartRequest): Instance {
    const containerId = `vmbench-${request.id}`;
    const bundle = join(this.ctx.workDir, containerId);
    const tracked = this.ctx.tracker.begin(request.id, this.name);
    tracked.resource('dir', bundle);
    tracked.resource(this.backend, containerId);
    mkdirSync(bundle, { mode: 0o700 });
    writeFileSync(join(bundle, 'config.json'), JSON.stringify(ociConfig({
      rootDir: this.spec.userNamespace ? this.#userNamespaceRoot() : this.ctx.image.rootDir,
      userNamespace: this.spec.userNamespace ? { hostId: USERNS_HOST_ID, size: USERNS_SIZE } : null,
      args: ['/init', 'container', request.workload],
      hostname: containerId.slice(0, 63),
      cgroupsPath: `/${containerId}`,
      limits: { memoryBytes: this.spec.memoryMiB === undefined ? null : this.spec.memoryMiB * 1024 * 1024, cpus: this.spec.cpus ?? null },
    })));
    return new ProcessInstance(request.id, { file: this.ctx.binaryPath, args: ['run', '--bundle', bundle, containerId] },
      request.readyTimeoutMs, {
        phases: containerPhases,
        cgroupName: containerId,
        onLaunched: (pid) => tracked.process(pid),
        watch: request.watch,
        release: async () => {
          const problem = await this.#release(containerId, bundle);
          tracked.end();
          return problem;
        },
      });
  }

  #usernsRoot: string | null = null;

  /**
   * A user-namespaced container's root (host uid 100000) cannot traverse the private cache dir:
   * it gets a copy of the image tree, once per run, in the run's work dir opened to traversal
   * only (0711: nobody can list it). The copy is made before any launch is timed.
   */
  #userNamespaceRoot(): string {
    if (this.#usernsRoot) return this.#usernsRoot;
    const dest = join(this.ctx.workDir, 'userns-root');
    if (!existsSync(dest)) {
      chmodSync(this.ctx.workDir, 0o711);
      cpSync(this.ctx.image.rootDir, dest, { recursive: true, verbatimSymlinks: true });
      chmodSync(dest, 0o755);
    }
    this.#usernsRoot = dest;
    return dest;
  }

  async #release(containerId: string, bundle: string): Promise<string | null> {
    const problems: string[] = [];
    // A killed `runc run` cannot clean up after itself: its state dir and cgroup stay.
    if (existsSync(join(OCI_STATE_ROOTS[this.backend], containerId))) {
      const result = await execa(this.ctx.binaryPath, ['delete', '--force', containerId], { reject: false });
      if (result.exitCode !== 0 && existsSync(join(OCI_STATE_ROOTS[this.backend], containerId))) {
        problems.push(`${this.backend} delete failed: ${result.stderr.trim().slice(0, 300)}`);
      }
    }
    for (const dir of cgroupDirs(this.ctx.cgroupMode, containerId)) {
      if (!existsSync(dir)) continue;
      try {
        rmdirSync(dir);
      } catch (error) {
        problems.push(`cgroup ${dir} left: ${(error as Error).message}`);
      }
    }
    rmSync(bundle, { recursive: true, force: true });
    return problems.length ? problems.join('; ') : null;
  }
}
