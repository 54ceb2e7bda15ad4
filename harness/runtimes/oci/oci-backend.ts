/**
 * A descriptor for an OCI runtime that runs vmbench's bundle: runc, crun and runsc differ only
 * in their flavor (flavor.ts) and availability; the journal resource (the container id) and its
 * cleanup after a crash are the same shape for all three.
 */
import { spawnSync } from 'node:child_process';
import type { ContainerRuntimeSpec, RuntimeSpec } from '../../scenario/types.js';
import { isError, type HostContext } from '../../host/host-context.js';
import { detectCgroupMode } from '../../host/cgroup-mode.js';
import type { Availability } from '../runtime.js';
import type { Backend, ProbeOptions, RunResources, ToolSpec } from '../backend.js';
import type { OciFlavor } from './flavor.js';
import { OciRuntime } from './oci-runtime.js';
import { afterDelete, deleteCommand, removeCgroups } from './release-container.js';

export interface OciBackendOptions {
  type: OciFlavor['backend'];
  summary: string;
  tools: readonly ToolSpec[];
  /** Runtime-specific refusals (after root, tool and cgroup checks), or the usable detail. */
  availability(spec: ContainerRuntimeSpec, host: HostContext): Availability;
  /** The flavor for a run on this host (tool paths, probe verdicts); may prepare run-wide state. */
  flavor(host: HostContext, run: RunResources): OciFlavor;
  /** The flavor `vmbench cleanup` uses: no host context, only what is on PATH now; null if the tool is gone. */
  cleanupFlavor(): OciFlavor | null;
  /** A property, not a method: it is handed on unbound as the backend's own probe. */
  probe?: (host: HostContext, specs: RuntimeSpec[], options: ProbeOptions) => Promise<void>;
}

const asContainer = (type: string, spec: RuntimeSpec): ContainerRuntimeSpec => {
  if (spec.type !== type) throw new Error(`${type} backend given a ${spec.type} runtime`);
  return spec as ContainerRuntimeSpec;
};

export function ociBackend(options: OciBackendOptions): Backend {
  const { type } = options;
  return {
    type,
    summary: options.summary,
    tools: options.tools,
    availability(input, host) {
      const spec = asContainer(type, input);
      if (!host.isRoot) return { usable: false, reason: `${type} containers need root here (run vmbench as root)` };
      const missing = options.tools.find((t) => !host.tools[t.key]);
      if (missing) return { usable: false, reason: `${missing.key} not found (${missing.remedy})` };
      if (host.cgroupMode === 'none')
        return { usable: false, reason: `no cgroup file system mounted at /sys/fs/cgroup; ${type} needs one` };
      return options.availability(spec, host);
    },
    create(input, host, run) {
      if (isError(host.image)) throw new Error('unreachable: checked by availability');
      return new OciRuntime(asContainer(type, input), {
        flavor: options.flavor(host, run),
        image: host.image,
        tracker: run.tracker,
        workDir: run.workDir,
        cgroupMode: host.cgroupMode,
      });
    },
    resources: [
      {
        kind: type,
        releaseBeforeKill(containerId) {
          const flavor = options.cleanupFlavor();
          const del = flavor && deleteCommand(flavor, containerId);
          if (!flavor || !del) return null;
          const result = spawnSync(del.file, del.args, { encoding: 'utf8', timeout: 10_000 });
          const problem = afterDelete(flavor, containerId, { ok: result.status === 0, stderr: result.stderr ?? '' });
          return problem === null ? `${type} delete ${containerId}` : `${type} delete ${containerId} FAILED (${problem})`;
        },
        removeAfterKill(containerId) {
          const { removed, left } = removeCgroups(options.cleanupFlavor(), detectCgroupMode(), containerId);
          return [...removed.map((dir) => `removed cgroup ${dir}`), ...left.map((dir) => `cgroup ${dir} could not be removed`)];
        },
      },
    ],
    probe: options.probe,
  };
}
