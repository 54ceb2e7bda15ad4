/**
 * A named network namespace for one container with a veth pair into it: the host's end in the
 * host's namespace, the container's end (eth0, as in a VM) inside, both addressed and up, and
 * loopback up. The container is then started in that namespace (runc: its network namespace
 * path; unshare: under nsenter), so the link exists before the container's first instruction.
 */
import type { LinkAddresses } from './link-names.js';

export const CONTAINER_IFNAME = 'eth0';

export function netnsPath(netns: string): string {
  return `/run/netns/${netns}`;
}

export function vethCreateArgv(netns: string, hostEnd: string, addrs: LinkAddresses): string[][] {
  // The peer is created in the namespace under a temporary unique name, then renamed eth0 there.
  const peer = `${hostEnd.slice(0, -1)}c`;
  return [
    ['netns', 'add', netns],
    ['link', 'add', hostEnd, 'type', 'veth', 'peer', 'name', peer, 'netns', netns],
    ['addr', 'add', `${addrs.host}/${addrs.prefix}`, 'dev', hostEnd],
    ['link', 'set', hostEnd, 'up'],
    ['-n', netns, 'link', 'set', peer, 'name', CONTAINER_IFNAME],
    ['-n', netns, 'addr', 'add', `${addrs.instance}/${addrs.prefix}`, 'dev', CONTAINER_IFNAME],
    ['-n', netns, 'link', 'set', CONTAINER_IFNAME, 'up'],
    ['-n', netns, 'link', 'set', 'lo', 'up'],
  ];
}

/** Deleting the namespace destroys the container's end, and with it the pair. */
export const netnsDeleteArgv = (netns: string): string[] => ['netns', 'del', netns];
