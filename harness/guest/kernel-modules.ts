/**
 * The guest kernel's own modules a workload's devices need. The Debian cloud kernel builds its
 * virtio drivers as modules, so a VM with a disk or a network must carry them in its initramfs:
 * exactly those (with their dependencies from modules.dep, in load order) and nothing more, so
 * the image of a workload without devices stays as it was.
 */
import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { DeviceNeed } from '../workloads/definition.js';

/** Where the image holds the modules, and the list /init loads in order (one file name a line). */
export const IMAGE_MODULE_DIR = '/modules';
export const IMAGE_MODULE_LIST = `${IMAGE_MODULE_DIR}/load`;

/** The transport of each machine type: q35 has a PCI bus, microvm only virtio-mmio. */
export type VirtioTransport = 'pci' | 'mmio';
const TRANSPORT_MODULE: Record<VirtioTransport, string> = { pci: 'virtio_pci', mmio: 'virtio_mmio' };
const DEVICE_MODULE: Record<DeviceNeed['type'], string> = { disk: 'virtio_blk', network: 'virtio_net' };

/** Module names (as modprobe spells them) for these devices over these transports; [] without devices. */
export function modulesFor(devices: readonly DeviceNeed[], transports: readonly VirtioTransport[]): string[] {
  if (devices.length === 0 || transports.length === 0) return [];
  const names = new Set<string>();
  for (const t of [...transports].sort()) names.add(TRANSPORT_MODULE[t]);
  for (const d of devices) names.add(DEVICE_MODULE[d.type]);
  return [...names];
}

/**
 * The release a bzImage was built from: the boot header's kernel_version pointer (at 0x20e,
 * relative to 0x200) names a NUL-terminated "6.1.0-57-cloud-amd64 (debian-kernel@…) #1 …".
 * null when the image has no such header (an ELF vmlinux).
 */
export function bzImageRelease(image: Buffer): string | null {
  if (image.length < 0x210 || image.subarray(0x202, 0x206).toString('latin1') !== 'HdrS') return null;
  const at = 0x200 + image.readUInt16LE(0x20e);
  if (at >= image.length) return null;
  const end = image.indexOf(0, at);
  const text = image.subarray(at, end < 0 ? Math.min(image.length, at + 256) : end).toString('latin1');
  const release = text.split(' ')[0] ?? '';
  return /^[A-Za-z0-9._+-]+$/.test(release) ? release : null;
}

/** modules.dep: "kernel/drivers/block/virtio_blk.ko: kernel/drivers/virtio/virtio.ko …". */
export function parseModulesDep(text: string): Map<string, { path: string; deps: string[] }> {
  const byName = new Map<string, { path: string; deps: string[] }>();
  for (const line of text.split('\n')) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const path = line.slice(0, colon).trim();
    const deps = line
      .slice(colon + 1)
      .trim()
      .split(/\s+/)
      .filter(Boolean);
    byName.set(moduleName(path), { path, deps });
  }
  return byName;
}

/** "kernel/drivers/net/virtio_net.ko" → "virtio_net" (modprobe treats - and _ alike). */
export function moduleName(path: string): string {
  return basename(path)
    .replace(/\.ko(\.(xz|gz|zst))?$/, '')
    .replace(/-/g, '_');
}

/**
 * The modules' files in load order: every dependency before what needs it, each once.
 * Throws naming what is missing, or a compressed module (busybox insmod loads plain .ko only).
 */
export function resolveModuleOrder(dep: Map<string, { path: string; deps: string[] }>, wanted: readonly string[]): string[] {
  const byPath = new Map([...dep.values()].map((m) => [m.path, m]));
  const order: string[] = [];
  const visit = (path: string, trail: string[]): void => {
    if (order.includes(path)) return;
    if (trail.includes(path)) throw new Error(`modules.dep has a dependency cycle: ${[...trail, path].join(' -> ')}`);
    const entry = byPath.get(path);
    if (!entry) throw new Error(`modules.dep lists ${path} as a dependency but has no entry for it`);
    for (const d of entry.deps) visit(d, [...trail, path]);
    order.push(path);
  };
  for (const name of wanted) {
    const entry = dep.get(name.replace(/-/g, '_'));
    if (!entry) throw new Error(`the guest kernel has no module ${name} (not in modules.dep); it may be built in, or the kernel lacks it`);
    visit(entry.path, []);
  }
  const compressed = order.filter((p) => !p.endsWith('.ko'));
  if (compressed.length) throw new Error(`compressed modules cannot be loaded by busybox insmod: ${compressed.join(', ')}`);
  return order;
}

export interface GuestModules {
  release: string;
  /** Host files, in load order. */
  files: { name: string; hostPath: string }[];
}

/** Resolves the modules of a guest kernel (bzImage) from /lib/modules/<release>/ of this host. */
export function guestModules(kernelPath: string, wanted: readonly string[], modulesRoot = '/lib/modules'): GuestModules {
  const release = bzImageRelease(readFileSync(kernelPath));
  if (!release)
    throw new Error(`cannot tell the release of guest kernel ${kernelPath} (no bzImage version string), so not where its modules are`);
  const dir = join(modulesRoot, release);
  let text: string;
  try {
    text = readFileSync(join(dir, 'modules.dep'), 'utf8');
  } catch (error) {
    throw new Error(
      `the guest kernel ${release} needs its modules for virtio devices, but ${join(dir, 'modules.dep')} cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); install the kernel's package (its modules come with it)`,
      { cause: error },
    );
  }
  const order = resolveModuleOrder(parseModulesDep(text), wanted);
  return { release, files: order.map((p) => ({ name: basename(p), hostPath: join(dir, p) })) };
}
