/** Memory charged to a container's own cgroup (runc/crun name it after the container). */
import { readFileSync } from 'node:fs';
import type { CgroupMode } from '../results/format.js';

export function cgroupMemoryBytes(mode: CgroupMode, name: string, root = '/sys/fs/cgroup'): number | null {
  const file = mode === 'v2' ? `${root}/${name}/memory.current` : mode === 'none' ? null : `${root}/memory/${name}/memory.usage_in_bytes`;
  if (!file) return null;
  try {
    return Number(readFileSync(file, 'utf8').trim());
  } catch {
    return null;
  }
}
