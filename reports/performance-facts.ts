/**
 * What the report says about performance workloads, shared by the HTML section, its charts and
 * the Markdown summary: which workloads ran, their rows, and how to read a relative speed.
 */
import type { PerformanceRatio, WorkloadSummary } from '../harness/results/format.js';
import type { RunData } from './report-input.js';
import { BUILTIN_WORKLOADS } from '../harness/workloads/builtin.js';
import { workloadKey } from '../harness/run-key.js';

export interface WorkloadGroup {
  scenario: string;
  workload: string;
  rows: WorkloadSummary[];
  vsHost: PerformanceRatio[];
  vmVsContainer: PerformanceRatio[];
  /** A VM in this workload ran under TCG: its CPU-bound figures are emulation's, not virtualization's. */
  tcg: boolean;
}

export function hasPerformance(run: RunData): boolean {
  return (run.summary.performance ?? []).length > 0;
}

export function workloadGroups(run: RunData): WorkloadGroup[] {
  const all = run.summary.performance ?? [];
  const ratios = run.summary.performanceRatios ?? [];
  const keys = [...new Set(all.map((w) => workloadKey(w.scenario, w.workload)))];
  return keys.map((key) => {
    const [scenario, workload] = JSON.parse(key) as [string, string];
    const rows = all.filter((w) => w.scenario === scenario && w.workload === workload);
    const mine = ratios.filter((r) => r.scenario === scenario && r.workload === workload);
    return {
      scenario,
      workload,
      rows,
      vsHost: mine.filter((r) => r.against === 'host'),
      vmVsContainer: mine.filter((r) => r.against === 'vm-container'),
      tcg: rows.some((r) => r.kind === 'vm' && r.accel === 'tcg'),
    };
  });
}

export const RELATIVE_SPEED_NOTE =
  'Relative speed: 1.00× = as fast as the baseline, below 1 = slower (for “lower is better” metrics such as seconds or ns per call, the baseline’s value is divided by the runtime’s).';

export const TCG_NOTE =
  'VMs here ran under TCG, QEMU’s software emulation (no KVM): every guest instruction is translated, so CPU- and memory-bound work runs several times slower than it would under KVM. These VM figures measure TCG, not the cost of hardware virtualization.';

export const TCG_DEVICE_NOTE =
  'VMs here ran under TCG, QEMU’s software emulation (no KVM): the guest’s CPU and its virtio devices are both emulated, so the guest’s driver, its kernel’s I/O or network stack and fio or iperf3 themselves run as translated code. These VM figures measure TCG, not the cost of a virtio disk or NIC under hardware virtualization.';

/** The TCG caveat for a workload: a disk or network workload's says the devices are emulated too. */
export function tcgNote(workload: string): string {
  return (BUILTIN_WORKLOADS[workload]?.devices.length ?? 0) > 0 ? TCG_DEVICE_NOTE : TCG_NOTE;
}

/** "0.97× of the host (95% CI 0.95–0.99×)" in words, for a table's reading column. */
export function readRelative(r: PerformanceRatio): string {
  const pct = Math.round(Math.abs(1 - r.relative) * 100);
  const words = r.relative < 1 ? `${pct}% slower than ${r.baseline}` : `${pct}% faster than ${r.baseline}`;
  if (r.ci95 === null) return `${pct === 0 ? `as fast as ${r.baseline}` : words} (no interval: fewer than 3 samples)`;
  if ((r.ci95[0] <= 1 && r.ci95[1] >= 1) || pct === 0) return `no clear difference from ${r.baseline}: interval includes 1`;
  return words;
}

export { BUFFERED_SHARE, hostDiskCacheNote } from '../harness/results/host-disk-cache-note.js';
