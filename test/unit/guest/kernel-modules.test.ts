/**
 * The guest kernel's modules for a workload's devices: names per device and transport, the
 * release from a bzImage header, load order from modules.dep (dependencies first, each once),
 * and what an image gets: the modules and their list only when a workload needs a device.
 */
import { describe, it, expect } from 'vitest';
import { existsSync, readdirSync } from 'node:fs';
import { bzImageRelease, guestModules, modulesFor, parseModulesDep, resolveModuleOrder } from '../../../harness/guest/kernel-modules.js';
import { deviceExtras, scenarioTransports, DISK_MOUNTPOINT } from '../../../harness/guest/device-extras.js';
import { BUILTIN_WORKLOADS } from '../../../harness/workloads/builtin.js';
import { RUNTIME_PRESETS, type RuntimeSpec } from '../../../harness/scenario/types.js';

// The shape of Debian 6.1's modules.dep for these drivers (test/… of the real one below).
const DEP = [
  'kernel/drivers/virtio/virtio.ko: kernel/drivers/virtio/virtio_ring.ko',
  'kernel/drivers/virtio/virtio_ring.ko:',
  'kernel/drivers/virtio/virtio_pci_modern_dev.ko:',
  'kernel/drivers/virtio/virtio_pci_legacy_dev.ko:',
  'kernel/drivers/virtio/virtio_mmio.ko: kernel/drivers/virtio/virtio.ko kernel/drivers/virtio/virtio_ring.ko',
  'kernel/drivers/virtio/virtio_pci.ko: kernel/drivers/virtio/virtio_pci_legacy_dev.ko kernel/drivers/virtio/virtio_pci_modern_dev.ko kernel/drivers/virtio/virtio.ko kernel/drivers/virtio/virtio_ring.ko',
  'kernel/drivers/block/virtio_blk.ko: kernel/drivers/virtio/virtio.ko kernel/drivers/virtio/virtio_ring.ko',
  'kernel/drivers/net/virtio_net.ko: kernel/drivers/net/net_failover.ko kernel/net/core/failover.ko kernel/drivers/virtio/virtio.ko kernel/drivers/virtio/virtio_ring.ko',
  'kernel/drivers/net/net_failover.ko: kernel/net/core/failover.ko',
  'kernel/net/core/failover.ko:',
  'kernel/fs/xfs/xfs.ko.xz: kernel/lib/libcrc32c.ko',
  'kernel/lib/libcrc32c.ko:',
].join('\n');

const names = (paths: string[]): string[] => paths.map((p) => p.split('/').at(-1)!);

describe('guest kernel modules for devices', () => {
  it('names the transport of each machine type and the driver of each device, nothing without devices', () => {
    expect(modulesFor([], ['pci'])).toEqual([]);
    expect(modulesFor([{ type: 'disk', sizeMiB: 1 }], [])).toEqual([]);
    expect(modulesFor([{ type: 'disk', sizeMiB: 1 }], ['pci'])).toEqual(['virtio_pci', 'virtio_blk']);
    expect(modulesFor([{ type: 'network' }, { type: 'disk', sizeMiB: 1 }], ['pci', 'mmio'])).toEqual([
      'virtio_mmio',
      'virtio_pci',
      'virtio_net',
      'virtio_blk',
    ]);
    const specs: RuntimeSpec[] = [RUNTIME_PRESETS['qemu-q35']!, RUNTIME_PRESETS['qemu-microvm']!, RUNTIME_PRESETS.runc!];
    expect(scenarioTransports(specs)).toEqual(['mmio', 'pci']);
    expect(scenarioTransports([RUNTIME_PRESETS.runc!])).toEqual([]);
  });

  it('orders modules dependencies first, each once, from modules.dep', () => {
    const dep = parseModulesDep(DEP);
    expect(names(resolveModuleOrder(dep, ['virtio_pci', 'virtio_blk', 'virtio_net']))).toEqual([
      'virtio_pci_legacy_dev.ko',
      'virtio_pci_modern_dev.ko',
      'virtio_ring.ko',
      'virtio.ko',
      'virtio_pci.ko',
      'virtio_blk.ko',
      'failover.ko',
      'net_failover.ko',
      'virtio_net.ko',
    ]);
    expect(names(resolveModuleOrder(dep, ['virtio-mmio']))).toEqual(['virtio_ring.ko', 'virtio.ko', 'virtio_mmio.ko']);
  });

  it('says what is missing, and refuses a compressed module (busybox insmod loads plain .ko)', () => {
    const dep = parseModulesDep(DEP);
    expect(() => resolveModuleOrder(dep, ['virtio_scsi'])).toThrow(/no module virtio_scsi \(not in modules.dep\)/);
    expect(() => resolveModuleOrder(dep, ['xfs'])).toThrow(
      /compressed modules cannot be loaded by busybox insmod: kernel\/fs\/xfs\/xfs.ko.xz/,
    );
    expect(() => resolveModuleOrder(parseModulesDep('a/x.ko: a/y.ko'), ['x'])).toThrow(/lists a\/y.ko as a dependency but has no entry/);
  });

  it('reads the release from a bzImage boot header', () => {
    const image = Buffer.alloc(0x400);
    image.write('HdrS', 0x202, 'latin1');
    image.writeUInt16LE(0x100, 0x20e);
    image.write('6.1.0-57-cloud-amd64 (debian-kernel@lists.debian.org) #1 SMP\0', 0x300, 'latin1');
    expect(bzImageRelease(image)).toBe('6.1.0-57-cloud-amd64');
    expect(bzImageRelease(Buffer.from('\x7fELF'))).toBeNull();
  });

  // The real guest kernel (scripts/setup.sh installs it): its modules resolve from /lib/modules.
  const kernel = readdirSync('/boot')
    .filter((n) => n.startsWith('vmlinuz-'))
    .sort()
    .at(-1);
  it("resolves the real guest kernel's virtio modules, and an image gets them only with devices", () => {
    expect(kernel, 'a guest kernel in /boot (scripts/setup.sh installs one)').toBeDefined();
    const path = `/boot/${kernel}`;
    const found = guestModules(path, ['virtio_pci', 'virtio_blk']);
    expect(found.release).toBe(kernel!.slice('vmlinuz-'.length));
    expect(found.files.map((f) => f.name).at(-1)).toBe('virtio_blk.ko');
    for (const f of found.files) expect(existsSync(f.hostPath), f.hostPath).toBe(true);

    const none = deviceExtras([BUILTIN_WORKLOADS.cpu!], ['pci'], path);
    expect(none).toEqual({ files: [], skipped: [] });
    const disk = deviceExtras([BUILTIN_WORKLOADS.cpu!, BUILTIN_WORKLOADS.disk!], ['pci'], path);
    const paths = disk.files.map((f) => f.path);
    expect(paths).toContain(DISK_MOUNTPOINT);
    expect(paths).toContain('/modules/virtio_blk.ko');
    expect(paths).not.toContain('/modules/virtio_net.ko');
    const list = disk.files
      .find((f) => f.path === '/modules/load')!
      .data.toString()
      .trim()
      .split('\n');
    expect(list.at(-1)).toBe('virtio_blk.ko');
    // Containers only (no VM transport): the mount point, no module.
    expect(deviceExtras([BUILTIN_WORKLOADS.disk!], [], path).files.map((f) => f.path)).toEqual([DISK_MOUNTPOINT]);
    // A kernel whose modules are not on this host: the workload is skipped with the reason.
    const skipped = deviceExtras([BUILTIN_WORKLOADS.network!], ['pci'], '/proc/self/exe');
    expect(skipped.skipped[0]?.reason).toMatch(/network|modules|release/);
  });
});
