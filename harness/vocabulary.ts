/**
 * The words every layer shares (runtimes, measurement, results, reports): what an instance is,
 * which backend ran it, how a VM's CPU was provided, a named startup phase. Kept apart from the
 * results format so that runtimes do not depend on how results are written.
 */

/** 'host': the workload run directly on the host (chroot into the image tree), the baseline. */
export type InstanceKind = 'vm' | 'container' | 'host';
/** A backend's type as scenarios write it (runtimes/registry.ts lists them); fake is the unit tests' own. */
export type BackendName = 'qemu' | 'namespaces' | 'runc' | 'crun' | 'runsc' | 'host' | 'fake';
/** VMs: KVM or TCG software emulation. */
export type Accelerator = 'kvm' | 'tcg';
export type CgroupMode = 'v1' | 'v2' | 'hybrid' | 'none';

/** One named part of a startup, in milliseconds of host monotonic time (or guest clock for VMs). */
export interface Phase {
  name: string;
  ms: number;
}

/** The two timed ends of an instance's life, as summaries, comparisons and charts name them. */
export type LifecycleMetric = 'startup' | 'teardown';
