/** runsc's global flags: where its state lives, its platform, its network, no cgroup. */
export const RUNSC_STATE_ROOT = '/run/runsc';

/**
 * --network=none: loopback only, like the other containers' empty net namespace. With a
 * network (a workload that needs one) --network=host: the sandbox joins the network namespace
 * the bundle names (the harness's veth end) and the sentry passes socket calls to the host
 * kernel there (hostinet). Not --network=sandbox (gVisor's own netstack): this 2022 runsc
 * decides "root namespace" by /proc/sys/net/core/rmem_default existing, which newer kernels
 * (6.11+, this host's 6.18) show in every namespace, so it refuses to start (gVisor #10704).
 * --net-raw keeps CAP_NET_RAW (hostinet still has no raw ICMP: ping fails inside).
 * --ignore-cgroups: this host's cgroup hybrid mode is not supported by the 2022 Debian runsc;
 * the sandbox's memory is accounted from its host processes (sentry, gofer) instead.
 */
export function runscArgs(platform: string, network: 'none' | 'host' = 'none'): string[] {
  return [
    '--root',
    RUNSC_STATE_ROOT,
    `--platform=${platform}`,
    `--network=${network}`,
    ...(network === 'host' ? ['--net-raw'] : []),
    '--ignore-cgroups',
  ];
}
