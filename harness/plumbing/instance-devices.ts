/**
 * The host side of a workload's devices, for one instance: made before it launches, journaled
 * under its id as each piece exists (so `vmbench cleanup` removes what a killed run left), and
 * removed by release() once its processes are gone, in reverse order of creation. A failure
 * half-way removes what was made, then throws (the sample fails with the reason).
 *
 *   disk     a backing file of the asked size; a VM gets it as virtio-blk (/dev/vda), runc as a
 *            bind mount in config.json, a raw-namespaces container as a bind mount made here onto
 *            the image's /vmbench-disk, the host runtime as that file in its own tree copy.
 *   network  a VM: a tap device; a container: a network namespace with a veth pair into it; the
 *            host: loopback. An iperf3 server listens on the host's end.
 * What the instance needs to find them comes back as environment variables (VMBENCH_DISK,
 * VMBENCH_PEER, VMBENCH_PORT, VMBENCH_ECHO_PORT, VMBENCH_ADDR for a VM, which configures its own eth0).
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { DeviceNeed } from '../workloads/definition.js';
import type { TrackedInstance } from '../lifecycle/instance-tracker.js';
import { DISK_MOUNTPOINT } from '../guest/device-extras.js';
import type { HostDiskCache } from '../results/format.js';
import { createBackingFile } from './backing-file.js';
import { dropFromPageCache, pageCacheResidency } from './page-cache.js';
import { bindMount, unmount } from './bind-mount.js';
import { LINK_PREFIX, NETNS_PREFIX, pickAddresses, plumbingToken } from './link-names.js';
import { linkDeleteArgv, tapCreateArgv } from './tap-link.js';
import { netnsDeleteArgv, vethCreateArgv } from './veth-link.js';
import { runIp, runIpQuietly } from './ip-command.js';
import { startIperf3Server } from './iperf3-server.js';
import { startEchoServer } from './echo-server.js';

/** How the instance reaches its devices: decides what is made. */
export type DeviceMode = { kind: 'vm' } | { kind: 'oci' } | { kind: 'bind-mount'; rootDir: string } | { kind: 'host'; rootDir: string };

export const VM_DISK = '/dev/vda';

export interface PreparedDevices {
  env: Record<string, string>;
  /** The disk's backing file on the host (VM: the -drive file; runc: the bind mount's source). */
  diskFile: string | null;
  /** The disk file's format for QEMU (raw unless the caller gave a qcow2 image). */
  diskFormat?: 'raw' | 'qcow2';
  /** A VM's tap device. */
  tap: string | null;
  /** A container's network namespace (named, under /run/netns). */
  netns: string | null;
  /**
   * The disk's backing file in the host's page cache now (dropped from it before the launch):
   * read once the workload is done, before release. null without a disk of ours or fincore.
   */
  hostDiskCache(): HostDiskCache | null;
  /** Removes everything, last made first; never throws. null, or what could not be removed. */
  release(): Promise<string | null>;
}

type Undo = () => string | null | Promise<string | null>;

export const NO_DEVICES: PreparedDevices = {
  env: {},
  diskFile: null,
  tap: null,
  netns: null,
  hostDiskCache: () => null,
  release: () => Promise.resolve(null),
};

export function prepareDevices(
  needs: readonly DeviceNeed[],
  mode: DeviceMode,
  workDir: string,
  id: string,
  tracked: TrackedInstance,
): PreparedDevices {
  if (needs.length === 0) return NO_DEVICES;
  const undo: Undo[] = [];
  const release = async (): Promise<string | null> => {
    const problems: string[] = [];
    for (const step of undo.splice(0).reverse()) {
      try {
        const p = await step();
        if (p) problems.push(p);
      } catch (error) {
        problems.push((error as Error).message);
      }
    }
    return problems.length ? problems.join('; ') : null;
  };
  let ownDisk: string | null = null;
  const out: PreparedDevices = {
    env: {},
    diskFile: null,
    tap: null,
    netns: null,
    release,
    hostDiskCache: () => (ownDisk ? pageCacheResidency(ownDisk) : null),
  };
  try {
    for (const need of needs) {
      if (need.type === 'disk' && need.file !== undefined) useDisk(need.file, need.format ?? 'raw', mode, out);
      else if (need.type === 'disk') ownDisk = prepareDisk(need.sizeMiB, mode, workDir, id, tracked, undo, out);
      else prepareNetwork(mode, tracked, undo, out);
    }
  } catch (error) {
    // What was made is removed (a server that did not start is never among it), then the
    // instance's journal entry is closed: nothing of it is left.
    void release().finally(() => tracked.end());
    throw error;
  }
  return out;
}

/** An image the caller made, journaled and removes (a provisioning clone): attached as it is. VMs only. */
function useDisk(file: string, format: 'raw' | 'qcow2', mode: DeviceMode, out: PreparedDevices): void {
  if (mode.kind !== 'vm') throw new Error(`a given disk image (${file}) is attached to VMs only`);
  out.diskFile = file;
  out.diskFormat = format;
  out.env.VMBENCH_DISK = VM_DISK;
}

/** Makes the backing file (and its bind mount); returns its path. */
function prepareDisk(
  sizeMiB: number,
  mode: DeviceMode,
  workDir: string,
  id: string,
  tracked: TrackedInstance,
  undo: Undo[],
  out: PreparedDevices,
): string {
  // The host runtime has no mount of its own: its disk is the file at the same place in its tree.
  const file = mode.kind === 'host' ? join(mode.rootDir, DISK_MOUNTPOINT) : join(workDir, `disk-${id}.img`);
  tracked.resource('file', file);
  undo.push(() => {
    rmSync(file, { force: true });
    return null;
  });
  createBackingFile(file, sizeMiB);
  // Out of the host's page cache, so that what is in it after the workload is what the
  // workload's I/O put there (see page-cache.ts). Direct I/O never reads these pages.
  dropFromPageCache(file);
  out.diskFile = file;
  out.env.VMBENCH_DISK = mode.kind === 'vm' ? VM_DISK : DISK_MOUNTPOINT;
  if (mode.kind === 'bind-mount') {
    const target = join(mode.rootDir, DISK_MOUNTPOINT);
    tracked.resource('mount', target);
    undo.push(() => unmount(target));
    bindMount(file, target);
  }
  return file;
}

function prepareNetwork(mode: DeviceMode, tracked: TrackedInstance, undo: Undo[], out: PreparedDevices): void {
  let serverAddress = '127.0.0.1';
  if (mode.kind !== 'host') {
    const addrs = pickAddresses();
    const token = plumbingToken();
    serverAddress = addrs.host;
    if (mode.kind === 'vm') {
      const tap = `${LINK_PREFIX}${token}t`;
      tracked.resource('link', tap);
      undo.push(() => runIpQuietly(linkDeleteArgv(tap)));
      for (const args of tapCreateArgv(tap, addrs)) runIp(args);
      out.tap = tap;
      out.env.VMBENCH_ADDR = `${addrs.instance}/${addrs.prefix}`;
    } else {
      const netns = `${NETNS_PREFIX}${token}`;
      const hostEnd = `${LINK_PREFIX}${token}h`;
      tracked.resource('netns', netns);
      tracked.resource('link', hostEnd);
      undo.push(() => runIpQuietly(linkDeleteArgv(hostEnd)));
      undo.push(() => runIpQuietly(netnsDeleteArgv(netns)));
      for (const args of vethCreateArgv(netns, hostEnd, addrs)) runIp(args);
      out.netns = netns;
    }
  }
  const server = startIperf3Server(serverAddress, (pid) => tracked.process(pid));
  undo.push(() => server.stop());
  const echo = startEchoServer(serverAddress, (pid) => tracked.process(pid));
  undo.push(() => echo.stop());
  out.env.VMBENCH_PEER = serverAddress;
  out.env.VMBENCH_PORT = String(server.port);
  out.env.VMBENCH_ECHO_PORT = String(echo.port);
}
