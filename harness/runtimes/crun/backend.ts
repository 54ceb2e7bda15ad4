/**
 * crun: the OCI runtime written in C (Podman's default). On a cgroup-hybrid host it is started
 * inside a mount namespace without the v2 tree (cgroup-v1-namespace.ts), and every sample says
 * so (`machine`); on pure v1 or v2 hosts it is started directly.
 */
import { findExecutable } from '../../host/find-executable.js';
import { detectCgroupMode } from '../../host/cgroup-mode.js';
import type { RunResources, ToolSpec } from '../backend.js';
import type { Command, OciFlavor } from '../oci/flavor.js';
import { ociBackend } from '../oci/oci-backend.js';
import { stateDirOf } from '../oci/state-files.js';
import { makeCgroupV1Namespace, removeCgroupV1Namespace } from './cgroup-v1-namespace.js';

const tool = (key: string, remedy: string, pick: (o: string) => string | undefined): ToolSpec => ({
  key,
  command: () => key,
  versionArgs: ['--version'],
  pickVersion: pick,
  remedy,
});
const CRUN_TOOL = tool('crun', 'apt-get install crun', (o) => /crun version\s+(\S+)/.exec(o)?.[1]);
const UTIL_LINUX = (o: string): string | undefined => /util-linux\s+(\S+)/.exec(o)?.[1];
/** For the hybrid-host namespace: make it, enter it, unmount it. */
const NS_TOOLS = [
  tool('nsenter', 'apt-get install util-linux', UTIL_LINUX),
  tool('mount', 'apt-get install mount', UTIL_LINUX),
  tool('umount', 'apt-get install mount', UTIL_LINUX),
  tool('unshare', 'apt-get install util-linux', UTIL_LINUX),
];

const STATE_ROOT = '/run/crun';
/** One namespace per run, shared by every crun runtime of it. */
const namespaces = new WeakMap<RunResources, string>();
export const HYBRID_VARIANT = 'via nsenter: a mount namespace without cgroup v2 (hybrid host)';

function crunFlavor(crun: string, nsenter: { path: string; nsFile: string } | null): OciFlavor {
  const wrap = (args: string[]): Command =>
    nsenter ? { file: nsenter.path, args: [`--mount=${nsenter.nsFile}`, '--', crun, ...args] } : { file: crun, args };
  return {
    backend: 'crun',
    stateRoot: STATE_ROOT,
    stateFiles: (id) => stateDirOf(STATE_ROOT, id),
    makesCgroup: true,
    variant: nsenter ? HYBRID_VARIANT : null,
    ownKernel: false,
    run: (bundle, id) => wrap(['run', '--bundle', bundle, id]),
    delete: (id) => wrap(['delete', '--force', id]),
    kill: (id, signal) => wrap(['kill', id, signal]),
  };
}

/** After a crash the run's namespace may be gone: a throwaway one does for `crun delete`. */
function cleanupFlavor(): OciFlavor | null {
  const crun = findExecutable('crun');
  const unshare = findExecutable('unshare');
  if (!crun) return null;
  const flavor = crunFlavor(crun, null);
  if (detectCgroupMode() !== 'hybrid' || !unshare) return flavor;
  return {
    ...flavor,
    delete: (id) => ({
      file: unshare,
      args: [
        '--mount',
        '--propagation',
        'private',
        '--',
        'sh',
        '-c',
        'umount /sys/fs/cgroup/unified && exec crun delete --force "$1"',
        'sh',
        id,
      ],
    }),
  };
}

export const crunBackend = ociBackend({
  type: 'crun',
  summary: 'an OCI container started by crun (the runtime under Podman)',
  tools: [CRUN_TOOL, ...NS_TOOLS],
  availability(spec, host) {
    const how = host.cgroupMode === 'hybrid' ? `, cgroup v1 controllers, started ${HYBRID_VARIANT}` : `, cgroup ${host.cgroupMode}`;
    return {
      usable: true,
      detail: `crun ${host.tools.crun?.version ?? '?'}${how}${spec.userNamespace ? ', user namespace (root inside = uid 100000 outside)' : ''}`,
    };
  },
  flavor(host, run) {
    const crun = host.tools.crun!.path;
    if (host.cgroupMode !== 'hybrid') return crunFlavor(crun, null);
    const made = namespaces.get(run);
    if (made) return crunFlavor(crun, { path: host.tools.nsenter!.path, nsFile: made });
    const tracked = run.tracker.begin(`crun-mntns-${process.pid}`, 'harness');
    const ns = makeCgroupV1Namespace(run.workDir, { unshare: host.tools.unshare!.path, mount: host.tools.mount!.path }, (point) =>
      tracked.resource('mount', point),
    );
    namespaces.set(run, ns.file);
    run.atRunEnd(() => {
      removeCgroupV1Namespace(ns, host.tools.umount!.path);
      tracked.end();
    });
    return crunFlavor(crun, { path: host.tools.nsenter!.path, nsFile: ns.file });
  },
  cleanupFlavor,
});
