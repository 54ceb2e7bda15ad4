/**
 * Which cgroup layout the host has. Matters because crun refuses hybrid mode (v1 controllers
 * plus an empty v2 tree, as on the build machines) while runc accepts all three.
 */
import { existsSync } from 'node:fs';
import type { CgroupMode } from '../results/format.js';

export function detectCgroupMode(root = '/sys/fs/cgroup'): CgroupMode {
  if (existsSync(`${root}/cgroup.controllers`)) return 'v2';
  const v1 = existsSync(`${root}/memory`) || existsSync(`${root}/cpu`) || existsSync(`${root}/pids`);
  if (v1 && existsSync(`${root}/unified`)) return 'hybrid';
  return v1 ? 'v1' : 'none';
}

/** Every directory where a cgroup of this name can appear, for checking it is gone. */
export function cgroupDirs(mode: CgroupMode, name: string, root = '/sys/fs/cgroup'): string[] {
  if (mode === 'v2') return [`${root}/${name}`];
  const controllers = ['memory', 'cpu', 'cpuacct', 'cpuset', 'pids', 'blkio', 'devices', 'freezer', 'systemd'];
  const dirs = controllers.map((c) => `${root}/${c}/${name}`);
  if (mode === 'hybrid') dirs.push(`${root}/unified/${name}`);
  return dirs;
}
