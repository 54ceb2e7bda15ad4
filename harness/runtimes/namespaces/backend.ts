/** The raw-namespaces backend's descriptor: util-linux `unshare` into the image tree, no runtime around it. */
import type { ContainerRuntimeSpec, RuntimeSpec } from '../../scenario/types.js';
import { isError } from '../../host/host-context.js';
import type { Backend, ToolSpec } from '../backend.js';
import { NamespacesRuntime } from './namespaces-runtime.js';

export const UNSHARE_TOOL: ToolSpec = {
  key: 'unshare',
  command: () => 'unshare',
  versionArgs: ['--version'],
  pickVersion: (o) => /util-linux\s+(\S+)/.exec(o)?.[1],
  remedy: 'apt-get install util-linux',
};

/** Joins the harness-made cgroup, then execs unshare (only for runtimes with limits). */
const SH_TOOL: ToolSpec = {
  key: 'sh',
  command: () => 'sh',
  versionArgs: ['-c', 'echo posix'],
  pickVersion: () => 'posix sh',
  remedy: 'apt-get install dash',
};

const asContainer = (spec: RuntimeSpec): ContainerRuntimeSpec => {
  if (spec.type !== 'namespaces') throw new Error(`namespaces backend given a ${spec.type} runtime`);
  return spec;
};

export const namespacesBackend: Backend = {
  type: 'namespaces',
  summary: 'raw Linux namespaces (pid, mnt, uts, ipc, net) made by unshare: a container without a runtime',
  tools: [UNSHARE_TOOL, SH_TOOL],

  availability(input, host) {
    const spec = asContainer(input);
    if (!host.isRoot) return { usable: false, reason: 'namespaces containers need root here (run vmbench as root)' };
    if (spec.userNamespace) {
      return {
        usable: false,
        reason:
          'userNamespace: true is not supported for raw namespaces yet (unshare needs newuidmap and a subordinate uid range for root); runc and crun support it',
      };
    }
    const unshare = host.tools.unshare;
    if (!unshare) return { usable: false, reason: `unshare not found (${UNSHARE_TOOL.remedy})` };
    return { usable: true, detail: `util-linux unshare ${unshare.version}: pid, mnt, uts, ipc, net namespaces` };
  },

  create(input, host, run) {
    const unshare = host.tools.unshare;
    if (!unshare || isError(host.image)) throw new Error('unreachable: checked by availability');
    return new NamespacesRuntime(asContainer(input), {
      unsharePath: unshare.path,
      image: host.image,
      tracker: run.tracker,
      cgroupMode: host.cgroupMode,
      shPath: host.tools.sh?.path ?? null,
      workDir: run.workDir,
    });
  },
};
