/** The bare host's descriptor: the baseline, chroot into a copy of the image tree, nothing around it. */
import type { HostRuntimeSpec, RuntimeSpec } from '../../scenario/types.js';
import { isError } from '../../host/host-context.js';
import type { Backend, ToolSpec } from '../backend.js';
import { HostRuntime } from './host-runtime.js';

const CHROOT_TOOL: ToolSpec = {
  key: 'chroot',
  command: () => 'chroot',
  versionArgs: ['--version'],
  pickVersion: (o) => /\(GNU coreutils\)\s+(\S+)/.exec(o)?.[1],
  remedy: 'apt-get install coreutils',
};

const asHost = (spec: RuntimeSpec): HostRuntimeSpec => {
  if (spec.type !== 'host') throw new Error(`host backend given a ${spec.type} runtime`);
  return spec;
};

export const hostBackend: Backend = {
  type: 'host',
  summary: 'the bare host: the same workload chrooted into the image tree, no namespaces, no cgroup (the baseline)',
  tools: [CHROOT_TOOL],

  availability(_spec, host) {
    if (!host.isRoot)
      return { usable: false, reason: 'the host runtime chroots into the image tree, which needs root (run vmbench as root)' };
    const chroot = host.tools.chroot;
    if (!chroot) return { usable: false, reason: `chroot not found (${CHROOT_TOOL.remedy})` };
    return { usable: true, detail: `${chroot.path} into the image tree: no namespaces, no cgroup of its own (the baseline)` };
  },

  create(input, host, run) {
    const chroot = host.tools.chroot;
    if (!chroot || isError(host.image)) throw new Error('unreachable: checked by availability');
    return new HostRuntime(asHost(input), { chrootPath: chroot.path, image: host.image, tracker: run.tracker, workDir: run.workDir });
  },
};
