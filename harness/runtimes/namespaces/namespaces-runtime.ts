/**
 * How a raw-namespace container is started: unshare into the guest image's root tree. With
 * `memory` or `cpus` the harness makes the container's cgroup itself (nothing else would) and
 * starts unshare through a tiny `sh` that joins it first, so every process of the container is
 * in it from its fork on; the cgroup is journaled and removed at teardown. A workload with a
 * network runs in the network namespace the harness made (unshare under nsenter, without --net);
 * one with a disk sees its backing file bind-mounted onto the image's /vmbench-disk.
 */
import type { CgroupMode } from '../../results/format.js';
import type { ContainerRuntimeSpec } from '../../scenario/types.js';
import type { Instance, Runtime, StartRequest } from '../runtime.js';
import type { GuestImage } from '../../guest/image.js';
import type { InstanceTracker } from '../../lifecycle/instance-tracker.js';
import { ProcessInstance } from '../../process/process-instance.js';
import { containerPhases } from '../phases.js';
import { joinCgroupArgv, nsenterArgv, unshareArgv } from './argv.js';
import { prepareDevices } from '../../plumbing/instance-devices.js';
import { netnsPath } from '../../plumbing/veth-link.js';
import { findExecutable } from '../../host/find-executable.js';
import { descendantPids } from '../../host/proc-table.js';
import { createLimitedCgroup, hasLimits, limitedCgroupDirs, removeCgroupDirs, type CgroupLimits } from '../../host/cgroup-limits.js';

export interface NamespacesContext {
  unsharePath: string;
  image: GuestImage;
  tracker: InstanceTracker;
  cgroupMode: CgroupMode;
  /** A POSIX shell on the host: joins the cgroup, then execs unshare (only with limits). */
  shPath: string | null;
  /** Private per-run directory (0700): disks' backing files. */
  workDir: string;
}

export class NamespacesRuntime implements Runtime {
  readonly kind = 'container' as const;
  readonly backend = 'namespaces' as const;
  readonly accel = null;
  readonly machine = null;
  readonly configuredMemoryBytes = null;
  readonly memoryInside = 'workload-processes' as const;
  readonly name: string;
  readonly #limits: CgroupLimits;

  constructor(
    readonly spec: ContainerRuntimeSpec,
    private readonly ctx: NamespacesContext,
  ) {
    this.name = spec.name;
    this.#limits = { memoryBytes: spec.memoryMiB === undefined ? null : spec.memoryMiB * 1024 * 1024, cpus: spec.cpus ?? null };
  }

  start(request: StartRequest): Instance {
    const tracked = this.ctx.tracker.begin(request.id, this.name);
    const rootDir = this.ctx.image.rootDir;
    const devices = prepareDevices(request.devices ?? [], { kind: 'bind-mount', rootDir }, this.ctx.workDir, request.id, tracked);
    const nsenter = devices.netns ? findExecutable('nsenter') : null;
    if (devices.netns && !nsenter) {
      void devices.release().finally(() => tracked.end());
      throw new Error('nsenter (util-linux) is not installed: a namespaces container with a network needs it');
    }
    let launch =
      devices.netns && nsenter
        ? { file: nsenter, args: nsenterArgv(netnsPath(devices.netns), this.ctx.unsharePath, rootDir, request.workload) }
        : { file: this.ctx.unsharePath, args: unshareArgv(rootDir, request.workload) };
    let cgroup: { name: string; dirs: string[] } | null = null;
    if (hasLimits(this.#limits)) {
      if (this.ctx.shPath === null) throw new Error('no sh on this host: a namespaces container with limits joins its cgroup through sh');
      const name = `vmbench-${request.id}`;
      const dirs = limitedCgroupDirs(this.ctx.cgroupMode, name);
      for (const dir of dirs) tracked.resource('cgroup', dir);
      const procs = createLimitedCgroup(this.ctx.cgroupMode, name, this.#limits);
      cgroup = { name, dirs };
      launch = { file: this.ctx.shPath, args: joinCgroupArgv(procs, launch.file, launch.args) };
    }
    const made = cgroup;
    return new ProcessInstance(request.id, { ...launch, env: { PATH: '/bin', ...devices.env } }, request.readyTimeoutMs, {
      phases: containerPhases,
      ...(made ? { cgroupName: made.name } : {}),
      onLaunched: (pid) => tracked.process(pid),
      watch: request.watch,
      // Graceful: SIGTERM to the namespace's init (unshare's child), which traps it and exits.
      ...(request.stop === 'graceful'
        ? {
            // eslint-disable-next-line @typescript-eslint/require-await -- async so that a throw of the kill is a rejection, as callers of requestStop expect
            requestStop: async (rootPid: number) => {
              signalChild(rootPid, 'SIGTERM');
            },
          }
        : {}),
      // Namespaces and the mount table die with their last process: a cgroup of ours and the
      // devices' plumbing are left.
      hostDiskCache: () => devices.hostDiskCache(),
      release: async () => {
        const problems = [made ? removeCgroupDirs(made.dirs) : null, await devices.release()].filter(Boolean);
        tracked.end();
        return problems.length ? problems.join('; ') : null;
      },
    });
  }
}

/** The first child of `rootPid` (unshare --fork's: the namespace's init); gone already: nothing to do. */
function signalChild(rootPid: number, signal: NodeJS.Signals): void {
  const child = descendantPids(rootPid)[1];
  if (child === undefined) return;
  try {
    process.kill(child, signal);
  } catch {
    // exited meanwhile
  }
}
