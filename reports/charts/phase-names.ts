/** Readable names for the phase ids the harness records (StartupSample.phases). */
const KNOWN: Record<string, string> = {
  vmm_firmware_kernel_load: 'QEMU + firmware + kernel load',
  kernel_to_init: 'Guest kernel boot → init',
  init_to_ready: 'init → workload ready',
  runtime_setup: 'Runtime setup (namespaces, cgroups, rootfs)',
};

export function phaseLabel(name: string): string {
  return KNOWN[name] ?? name.replace(/_/g, ' ');
}

/** Phase colors: ordered from first to last phase, distinct from the runtime colors. */
const PHASE_COLORS = ['#364fc7', '#1098ad', '#74b816', '#f59f00', '#e64980', '#7048e8'];

export function phaseColor(index: number): string {
  return PHASE_COLORS[index % PHASE_COLORS.length] as string;
}
