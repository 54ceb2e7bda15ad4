/**
 * The ways vmbench measures what one idle instance costs (InstanceMemory in
 * harness/results/format.ts, plus the host's MemAvailable drop): the name each has in every
 * legend and table, its color, and how it is measured in one line. One list, so the chart, the
 * table and the Markdown export cannot name a method differently.
 */
import type { DensitySummary } from '../../harness/results/format.js';

export type MemoryMethodField = keyof DensitySummary['perInstance'];

export interface MemoryMethod {
  field: MemoryMethodField;
  /** Short id for DOM attributes and tests. */
  key: 'pss' | 'rss' | 'cgroup' | 'inside' | 'system' | 'configured';
  label: string;
  /** How it is measured, one line. */
  how: string;
  color: string;
}

export const MEMORY_METHODS: readonly MemoryMethod[] = [
  {
    field: 'pssBytes',
    key: 'pss',
    label: 'PSS (host, per process)',
    how: 'Pss of /proc/<pid>/smaps_rollup summed over the instance’s host processes; a page shared by k processes counts 1/k to each.',
    color: '#364fc7',
  },
  {
    field: 'rssBytes',
    key: 'rss',
    label: 'RSS (upper bound)',
    how: 'Resident pages of the same processes, shared pages (busybox, libraries, QEMU’s own) counted in full: overstates the cost.',
    color: '#91a7ff',
  },
  {
    field: 'cgroupBytes',
    key: 'cgroup',
    label: 'cgroup',
    how: 'The instance’s own cgroup charge (v2 memory.current, v1 memory.usage_in_bytes), page cache included; runc and crun only.',
    color: '#1098ad',
  },
  {
    field: 'insideBytes',
    key: 'inside',
    label: "inside (workload's own use)",
    how: 'VM: the guest’s MemTotal − MemAvailable, its own view. Container: PSS of the workload’s processes, the runtime’s excluded.',
    color: '#74b816',
  },
  {
    field: 'systemBytes',
    key: 'system',
    label: 'MemAvailable drop (system)',
    how: 'How far the host’s MemAvailable fell when the instance was added (page cache dropped first): all the host paid, kernel included; noisy.',
    color: '#f59f00',
  },
  {
    field: 'configuredBytes',
    key: 'configured',
    label: 'configured RAM',
    how: 'The RAM the VM was given (-m): what its guest may use at most, not what it uses. Containers have none.',
    color: '#868e96',
  },
];
