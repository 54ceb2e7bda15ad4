/**
 * The workload of an instance started from a clone (claim C7): it reads the base's token from its
 * root and puts it in the ready marker, so the host knows the instance really runs on the clone.
 * A container's root is the clone itself; a VM boots the usual initramfs and mounts its virtio
 * disk, the qcow2 overlay, read-only (ext4 is built into the guest kernel; virtio_blk comes as a
 * module with the image). Then it stays up until stopped.
 */
import type { ImageFile } from '../guest/image.js';
import { READY_MARKER } from './scripts.js';

export const CLONE_WORKLOAD = 'cloneboot';
/** Where the base keeps its token (provisioning/base-tree.ts writes it). */
export const BASE_TOKEN_FILE = '/etc/vmbench-base';
const VM_MOUNT = '/mnt/clone';

export function cloneBootScript(): string {
  return [
    '#!/bin/sh',
    '# vmbench workload "cloneboot": prove the instance runs on its clone (the base token), then stay up.',
    'export PATH=/bin',
    'if [ -b /dev/vda ]; then',
    `  mkdir -p ${VM_MOUNT}`,
    `  mount -t ext4 -o ro /dev/vda ${VM_MOUNT} && read base < ${VM_MOUNT}${BASE_TOKEN_FILE}`,
    'else',
    `  read base < ${BASE_TOKEN_FILE}`,
    'fi',
    'read up _ < /proc/uptime',
    'read kernel < /proc/sys/kernel/osrelease',
    `echo "${READY_MARKER} uptime=$up kernel=$kernel base=\${base:-none}"`,
    'exec sleep 2147483647',
    '',
  ].join('\n');
}

export function provisioningImageFiles(): ImageFile[] {
  return [{ path: `/workloads/${CLONE_WORKLOAD}.sh`, data: Buffer.from(cloneBootScript()), mode: 0o755 }];
}
