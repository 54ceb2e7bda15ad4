/**
 * Everything about this host that decides which runtimes can run and how: tools, guest kernel,
 * guest image, cgroup mode. Gathered once per command (doctor, list, run); the backends' own
 * probes (KVM, gVisor's platform) are added by runtimes/prepare-host.ts.
 */
import type { CgroupMode, KvmProbe } from '../results/format.js';
import { findHostTools, type HostTools, type ToolLookup } from './tools.js';
import { detectCgroupMode } from './cgroup-mode.js';
import { cacheDir } from './cache-dir.js';
import { findGuestKernel, type GuestKernel } from '../guest/kernel.js';
import { findStaticBusybox, type BusyboxInfo } from '../guest/busybox.js';
import { buildGuestImage, type GuestImage } from '../guest/image.js';
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
  /** null when no probe was needed (no VM runtime asked for KVM). Set by the QEMU backend's probe. */
  kvm: KvmProbe | null;
  /** Other backends' probe verdicts (e.g. which gVisor platform works here), by backend type. */
  probes: Record<string, BackendProbe>;
  /** Host TSC rate for microvm guests under TCG; null when unknown. */
  tscKhz: number | null;
}

/** A backend's verdict on something only a trial shows (a platform that hangs, a device that opens but fails). */
export interface BackendProbe {
  /** What will be used, e.g. "ptrace". */
  value: string;
  /** Why, in plain words (what was tried and what happened). */
  reason: string;
  cached: boolean;
}

export interface HostContextOptions {
  kernel?: string;
  /** The programs to look for: every registered backend's tools (runtimes/registry.ts). */
  tools: readonly ToolLookup[];
  env?: NodeJS.ProcessEnv;
}

export async function gatherHostContext(options: HostContextOptions): Promise<HostContext> {
  const env = options.env ?? process.env;
  const cacheRoot = cacheDir(env);
  const tools = await findHostTools(options.tools, env);
  const busybox = findStaticBusybox(env);
  const kernel = findGuestKernel(options.kernel, env);
  let image: Found<GuestImage>;
  try {
    image = isError(busybox) ? { error: busybox.error } : buildGuestImage(busybox, cacheRoot);
  } catch (error) {
    image = { error: `building the guest image failed: ${(error as Error).message}` };
  }
  return {
    tools,
    isRoot: process.getuid?.() === 0,
    cgroupMode: detectCgroupMode(),
    cacheRoot,
    busybox,
    kernel,
    image,
    kvm: null,
    probes: {},
    tscKhz: hostTscKhz(),
  };
}
