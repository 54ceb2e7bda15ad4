/**
 * What env.hostVirtualization (systemd-detect-virt style) says about the host. Claim C9 and the
 * caveats need to know whether containers ran inside a virtual machine, on bare metal, or inside
 * another container, which is a different situation from either.
 */

export type HostPlatform = 'virtual machine' | 'container' | 'bare metal' | 'unknown';

/** Container managers systemd-detect-virt can name; everything else it names is a hypervisor. */
const CONTAINER_TYPES = new Set([
  'openvz',
  'lxc',
  'lxc-libvirt',
  'systemd-nspawn',
  'docker',
  'podman',
  'rkt',
  'wsl',
  'proot',
  'pouch',
  'container-other',
]);

export function classifyHostVirtualization(value: string): HostPlatform {
  const v = value.trim().toLowerCase();
  if (v === 'none' || v === 'bare-metal' || v === 'bare metal') return 'bare metal';
  if (v === '' || v === 'unknown' || v === 'null') return 'unknown';
  if (CONTAINER_TYPES.has(v)) return 'container';
  return 'virtual machine';
}
