/** runc: the reference OCI runtime (Docker's and containerd's default). */
import { findExecutable } from '../../host/find-executable.js';
import type { ToolSpec } from '../backend.js';
import type { OciFlavor } from '../oci/flavor.js';
import { ociBackend } from '../oci/oci-backend.js';
import { stateDirOf } from '../oci/state-files.js';

const RUNC_TOOL: ToolSpec = {
  key: 'runc',
  command: () => 'runc',
  versionArgs: ['--version'],
  pickVersion: (o) => /runc version\s+(\S+)/.exec(o)?.[1],
  remedy: 'apt-get install runc',
};

/** runc's default state root as root. */
const STATE_ROOT = '/run/runc';

function runcFlavor(binary: string): OciFlavor {
  return {
    backend: 'runc',
    stateRoot: STATE_ROOT,
    stateFiles: (id) => stateDirOf(STATE_ROOT, id),
    makesCgroup: true,
    variant: null,
    ownKernel: false,
    run: (bundle, id) => ({ file: binary, args: ['run', '--bundle', bundle, id] }),
    delete: (id) => ({ file: binary, args: ['delete', '--force', id] }),
    kill: (id, signal) => ({ file: binary, args: ['kill', id, signal] }),
  };
}

export const runcBackend = ociBackend({
  type: 'runc',
  summary: 'an OCI container started by runc (the runtime under Docker, containerd, Kubernetes)',
  tools: [RUNC_TOOL],
  availability(spec, host) {
    return {
      usable: true,
      detail: `runc ${host.tools.runc?.version ?? '?'}, cgroup ${host.cgroupMode}${spec.userNamespace ? ', user namespace (root inside = uid 100000 outside)' : ''}`,
    };
  },
  flavor: (host) => runcFlavor(host.tools.runc!.path),
  cleanupFlavor: () => {
    const binary = findExecutable('runc');
    return binary ? runcFlavor(binary) : null;
  },
});
