/**
 * Everything about this host that decides which runtimes can run and how: tools, guest kernel,
 * guest image, KVM verdict, cgroup mode. Gathered once per command (doctor, list, run).
 */
import type { CgroupMode, KvmProbe } from '../results/format.js';
import { findHostTools, type HostTools } from './tools.js';
import { detectCgroupMode } from './cgroup-mode.js';
import { cacheDir } from './cache-dir.js';
import { findGuestKernel, type GuestKernel } from '../guest/kernel.js';
import { findStaticBusybox, type BusyboxInfo } from '../guest/busybox.js';
import { buildGuestImage, type GuestImage } from '../guest/image.js';
import { probeKvm } from '../runtimes/qemu/kvm-probe.js';
import { hostTscKhz } from './tsc-khz.js';

export type Found<T> = T | { error: string };
export const isError = <T extends object>(value: Found<T>): value is { error: string } => 'error' in value;

export interface HostContext {
  tools: HostTools;
  isRoot: boolean;
  cgroupMode: CgroupMode;
  cacheRoot: string;
  busybox: Found<BusyboxInfo>;
  kernel: Found<GuestKernel>;
  image: Found<GuestImage>;
  /** null when no probe was needed (no VM runtime asked for KVM). */
  kvm: KvmProbe | null;
  /** Host TSC rate for microvm guests under TCG; null when unknown. */
  tscKhz: number | null;
}

export interface HostContextOptions {
  kernel?: string;
  /** Probe KVM (a boot of up to 10 s, cached per host boot). */
  probeKvm: boolean;
  freshKvmProbe?: boolean;
  env?: NodeJS.ProcessEnv;
}

export async function gatherHostContext(options: HostContextOptions): Promise<HostContext> {
  const env = options.env ?? process.env;
  const cacheRoot = cacheDir(env);
  const tools = await findHostTools(env);
  const busybox = findStaticBusybox(env);
  const kernel = findGuestKernel(options.kernel, env);
  let image: Found<GuestImage>;
  try {
    image = isError(busybox) ? { error: busybox.error } : buildGuestImage(busybox, cacheRoot);
  } catch (error) {
    image = { error: `building the guest image failed: ${(error as Error).message}` };
  }
  let kvm: KvmProbe | null = null;
  if (options.probeKvm && tools.qemu && !isError(kernel) && !isError(image)) {
    kvm = await probeKvm({ qemuPath: tools.qemu.path, qemuVersion: tools.qemu.version, kernel, image, cacheRoot, fresh: options.freshKvmProbe });
  }
  return { tools, isRoot: process.getuid?.() === 0, cgroupMode: detectCgroupMode(), cacheRoot, busybox, kernel, image, kvm, tscKhz: hostTscKhz() };
}
