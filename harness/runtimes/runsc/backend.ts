/**
 * runsc: gVisor, a user-space kernel (the "sentry") between the container and the host kernel,
 * with file access through a separate "gofer" process. Same OCI bundle as runc. The platform
 * (how the sentry intercepts the workload's system calls) is recorded on every sample as
 * `machine`, like a VM's machine type.
 */
import { findExecutable } from '../../host/find-executable.js';
import { isError } from '../../host/host-context.js';
import type { ToolSpec } from '../backend.js';
import type { OciFlavor } from '../oci/flavor.js';
import { ociBackend } from '../oci/oci-backend.js';
import { stateFilesWithPrefix } from '../oci/state-files.js';
import { RUNSC_STATE_ROOT, runscArgs } from './argv.js';
import { probePlatform } from './platform-probe.js';

const RUNSC_TOOL: ToolSpec = {
  key: 'runsc',
  command: () => 'runsc',
  versionArgs: ['--version'],
  pickVersion: (o) => /runsc version\s+(\S+)/.exec(o)?.[1],
  remedy: 'apt-get install runsc',
};

/** Used until a probe proves another platform works. */
const DEFAULT_PLATFORM = 'ptrace';

export function runscFlavor(binary: string, platform: string): OciFlavor {
  return {
    backend: 'runsc',
    stateRoot: RUNSC_STATE_ROOT,
    stateFiles: (id) => stateFilesWithPrefix(RUNSC_STATE_ROOT, `${id}_sandbox:`),
    makesCgroup: false,
    variant: `platform ${platform}`,
    ownKernel: true,
    run: (bundle, id, ownNetwork) => ({
      file: binary,
      args: [...runscArgs(platform, ownNetwork ? 'host' : 'none'), 'run', '--bundle', bundle, id],
    }),
    delete: (id) => ({ file: binary, args: [...runscArgs(platform), 'delete', '--force', id] }),
    kill: (id, signal) => ({ file: binary, args: [...runscArgs(platform), 'kill', id, signal] }),
  };
}

export const runscBackend = ociBackend({
  type: 'runsc',
  summary: 'a gVisor sandbox: an OCI container whose system calls go to a user-space kernel (runsc)',
  tools: [RUNSC_TOOL],
  availability(spec, host) {
    if (spec.memoryMiB !== undefined || spec.cpus !== undefined) {
      return {
        usable: false,
        reason:
          "memory and cpus limits are not enforced for runsc here: it runs with --ignore-cgroups (this runsc does not support the host's cgroup hybrid mode)",
      };
    }
    if (spec.userNamespace)
      return {
        usable: false,
        reason: 'userNamespace: true is not supported for runsc here (gVisor runs its sandbox in its own user namespace already)',
      };
    const probe = host.probes.runsc;
    const platform = probe?.value ?? DEFAULT_PLATFORM;
    const why = probe ? ` (${probe.reason}${probe.cached ? ', cached verdict' : ''})` : ' (platform not probed)';
    return { usable: true, detail: `runsc ${host.tools.runsc?.version ?? '?'}, platform ${platform}${why}, no cgroup (--ignore-cgroups)` };
  },
  flavor: (host) => runscFlavor(host.tools.runsc!.path, host.probes.runsc?.value ?? DEFAULT_PLATFORM),
  cleanupFlavor: () => {
    const binary = findExecutable('runsc');
    return binary ? runscFlavor(binary, DEFAULT_PLATFORM) : null;
  },
  async probe(host, specs, options) {
    const runsc = host.tools.runsc;
    if (specs.length === 0 || !runsc || isError(host.image) || !host.isRoot) return;
    options.log('Probing which gVisor platform works here (a trial container, cached per host boot)…');
    host.probes.runsc = await probePlatform({
      runscPath: runsc.path,
      runscVersion: runsc.version,
      rootDir: host.image.rootDir,
      cacheRoot: host.cacheRoot,
      fresh: options.fresh,
    });
  },
});
