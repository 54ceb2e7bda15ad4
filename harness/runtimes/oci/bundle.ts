/**
 * The OCI bundle (config.json) for one runc/crun container. The root filesystem is the shared
 * guest image tree, read-only; each container only gets its own small bundle directory.
 * Defaults follow `runc spec`: the same three capabilities, no new privileges, masked /proc
 * paths; no network namespace device but loopback; no seccomp profile (recorded as such).
 */
import { CFS_PERIOD_US, quotaUs } from '../../host/cgroup-limits.js';

export interface BundleInput {
  rootDir: string;
  args: string[];
  hostname: string;
  cgroupsPath: string;
  /** Map root inside to this unprivileged host uid/gid range (a user namespace); null: none. */
  userNamespace?: { hostId: number; size: number } | null;
  /** cgroup limits (claim C5): the runtime writes them into the cgroup it makes. */
  limits?: { memoryBytes: number | null; cpus: number | null };
  /** A workload's devices: its disk's backing file (bind-mounted at diskTarget), its network namespace, their variables. */
  devices?: { diskFile: string | null; diskTarget: string; netnsPath: string | null; env: Record<string, string> };
}

/** Where a user-namespaced container's root lands on the host: far above ordinary users. */
export const USERNS_HOST_ID = 100_000;
export const USERNS_SIZE = 65_536;

const CAPS = ['CAP_AUDIT_WRITE', 'CAP_KILL', 'CAP_NET_BIND_SERVICE'];

/** OCI linux.resources: swap equal to the limit means no swap beyond it (memory+swap, as in v1). */
function resources(limits: BundleInput['limits']): Record<string, unknown> {
  if (!limits || (limits.memoryBytes === null && limits.cpus === null)) return {};
  return {
    resources: {
      ...(limits.memoryBytes === null ? {} : { memory: { limit: limits.memoryBytes, swap: limits.memoryBytes } }),
      ...(limits.cpus === null ? {} : { cpu: { quota: quotaUs(limits.cpus), period: CFS_PERIOD_US } }),
    },
  };
}

// With a network, CAP_NET_RAW as well (Docker's defaults have it): busybox ping needs a raw
// socket, and its network namespace is the container's own.
const capabilitySets = (caps: string[]): Record<string, string[]> => ({ bounding: caps, effective: caps, permitted: caps, ambient: caps });

export function ociConfig(input: BundleInput): Record<string, unknown> {
  return {
    ociVersion: '1.0.2',
    process: {
      terminal: false,
      user: { uid: 0, gid: 0 },
      args: input.args,
      env: ['PATH=/bin', ...Object.entries(input.devices?.env ?? {}).map(([k, v]) => `${k}=${v}`)],
      cwd: '/',
      capabilities: capabilitySets(input.devices?.netnsPath ? [...CAPS, 'CAP_NET_RAW'] : CAPS),
      rlimits: [{ type: 'RLIMIT_NOFILE', hard: 1024, soft: 1024 }],
      noNewPrivileges: true,
    },
    root: { path: input.rootDir, readonly: true },
    hostname: input.hostname,
    mounts: [
      { destination: '/proc', type: 'proc', source: 'proc' },
      { destination: '/dev', type: 'tmpfs', source: 'tmpfs', options: ['nosuid', 'strictatime', 'mode=755', 'size=65536k'] },
      {
        destination: '/dev/pts',
        type: 'devpts',
        source: 'devpts',
        options: ['nosuid', 'noexec', 'newinstance', 'ptmxmode=0666', 'mode=0620'],
      },
      { destination: '/dev/shm', type: 'tmpfs', source: 'shm', options: ['nosuid', 'noexec', 'nodev', 'mode=1777', 'size=65536k'] },
      { destination: '/sys', type: 'sysfs', source: 'sysfs', options: ['nosuid', 'noexec', 'nodev', 'ro'] },
      { destination: '/tmp', type: 'tmpfs', source: 'tmpfs', options: ['nosuid', 'nodev', 'size=16m'] },
      ...(input.devices?.diskFile
        ? [{ destination: input.devices.diskTarget, type: 'bind', source: input.devices.diskFile, options: ['bind', 'rw'] }]
        : []),
    ],
    linux: {
      cgroupsPath: input.cgroupsPath,
      ...resources(input.limits),
      // With a network: the namespace the harness made, its veth end inside.
      namespaces: [
        { type: 'pid' },
        { type: 'network', ...(input.devices?.netnsPath ? { path: input.devices.netnsPath } : {}) },
        { type: 'ipc' },
        { type: 'uts' },
        { type: 'mount' },
        ...(input.userNamespace ? [{ type: 'user' }] : []),
      ],
      ...(input.userNamespace
        ? {
            uidMappings: [{ containerID: 0, hostID: input.userNamespace.hostId, size: input.userNamespace.size }],
            gidMappings: [{ containerID: 0, hostID: input.userNamespace.hostId, size: input.userNamespace.size }],
          }
        : {}),
      maskedPaths: [
        '/proc/acpi',
        '/proc/asound',
        '/proc/kcore',
        '/proc/keys',
        '/proc/latency_stats',
        '/proc/timer_list',
        '/proc/timer_stats',
        '/proc/sched_debug',
        '/sys/firmware',
        '/proc/scsi',
      ],
      readonlyPaths: ['/proc/bus', '/proc/fs', '/proc/irq', '/proc/sys', '/proc/sysrq-trigger'],
    },
  };
}
