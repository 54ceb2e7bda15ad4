/**
 * How an OCI container is started: `runc run` (or `crun run`, `runsc run`) in the foreground,
 * stdout piped straight from the container's init. Teardown kills the process tree, then
 * `<runtime> delete --force` removes the runtime's state and the container's cgroup, and the
 * bundle dir goes. What differs between the runtimes is their OciFlavor (flavor.ts).
 */
import { chmodSync, cpSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
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
import type { OciFlavor } from './flavor.js';
import { afterDelete, deleteCommand, removeCgroups } from './release-container.js';
import { prepareDevices } from '../../plumbing/instance-devices.js';
import { netnsPath } from '../../plumbing/veth-link.js';
import { DISK_MOUNTPOINT } from '../../guest/device-extras.js';

export interface OciContext {
  flavor: OciFlavor;
  image: GuestImage;
  tracker: InstanceTracker;
  /** Private per-run directory (0700) holding the bundles. */
  workDir: string;
  cgroupMode: CgroupMode;
}

export class OciRuntime implements Runtime {
  readonly kind = 'container' as const;
  readonly accel = null;
  readonly configuredMemoryBytes = null;
  readonly memoryInside: 'own-kernel' | 'workload-processes';
  readonly machine: string | null;
  readonly name: string;
  readonly backend: OciFlavor['backend'];

  constructor(
    readonly spec: ContainerRuntimeSpec,
    private readonly ctx: OciContext,
  ) {
    this.name = spec.name;
    this.backend = ctx.flavor.backend;
    this.machine = ctx.flavor.variant;
    this.memoryInside = ctx.flavor.ownKernel ? 'own-kernel' : 'workload-processes';
  }

  start(request: StartRequest): Instance {
    const containerId = `vmbench-${request.id}`;
    const bundle = join(this.ctx.workDir, containerId);
    const tracked = this.ctx.tracker.begin(request.id, this.name);
    tracked.resource('dir', bundle);
    tracked.resource(this.backend, containerId);
    mkdirSync(bundle, { mode: 0o700 });
    const devices = prepareDevices(request.devices ?? [], { kind: 'oci' }, this.ctx.workDir, request.id, tracked);
    writeFileSync(
      join(bundle, 'config.json'),
      JSON.stringify(
        ociConfig({
          rootDir: this.spec.userNamespace ? this.#userNamespaceRoot() : this.ctx.image.rootDir,
          userNamespace: this.spec.userNamespace ? { hostId: USERNS_HOST_ID, size: USERNS_SIZE } : null,
          args: ['/init', 'container', request.workload],
          hostname: containerId.slice(0, 63),
          cgroupsPath: `/${containerId}`,
          limits: {
            memoryBytes: this.spec.memoryMiB === undefined ? null : this.spec.memoryMiB * 1024 * 1024,
            cpus: this.spec.cpus ?? null,
          },
          devices: {
            diskFile: devices.diskFile,
            diskTarget: DISK_MOUNTPOINT,
            netnsPath: devices.netns ? netnsPath(devices.netns) : null,
            env: devices.env,
          },
        }),
      ),
    );
    return new ProcessInstance(request.id, this.ctx.flavor.run(bundle, containerId, devices.netns !== null), request.readyTimeoutMs, {
      phases: containerPhases,
      cgroupName: this.ctx.flavor.makesCgroup ? containerId : undefined,
      onLaunched: (pid) => tracked.process(pid),
      watch: request.watch,
      // Graceful: `<runtime> kill <id> TERM` signals the container's init, which traps it and exits.
      ...(request.stop === 'graceful'
        ? {
            requestStop: async () => {
              const kill = this.ctx.flavor.kill(containerId, 'TERM');
              await execa(kill.file, kill.args, { reject: false });
            },
          }
        : {}),
      hostDiskCache: () => devices.hostDiskCache(),
      release: async () => {
        const problems = [await this.#release(containerId, bundle), await devices.release()].filter(Boolean);
        tracked.end();
        return problems.length ? problems.join('; ') : null;
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
    const dest = join(this.ctx.workDir, `userns-root-${this.ctx.image.key}`);
    if (!existsSync(dest)) {
      chmodSync(this.ctx.workDir, 0o711);
      cpSync(this.ctx.image.rootDir, dest, { recursive: true, verbatimSymlinks: true });
      chmodSync(dest, 0o755);
    }
    this.#usernsRoot = dest;
    return dest;
  }

  async #release(containerId: string, bundle: string): Promise<string | null> {
    const { flavor } = this.ctx;
    const problems: string[] = [];
    const del = deleteCommand(flavor, containerId);
    if (del) {
      const result = await execa(del.file, del.args, { reject: false });
      const problem = afterDelete(flavor, containerId, { ok: result.exitCode === 0, stderr: String(result.stderr) });
      if (problem) problems.push(problem);
    }
    problems.push(...removeCgroups(flavor, this.ctx.cgroupMode, containerId).left.map((dir) => `cgroup ${dir} left`));
    rmSync(bundle, { recursive: true, force: true });
    return problems.length ? problems.join('; ') : null;
  }
}
