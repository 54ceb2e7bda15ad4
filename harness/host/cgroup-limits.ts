/**
 * cgroup limits for containers the harness starts itself (raw namespaces), and what any
 * container's cgroup recorded (claim C5): memory limit with no swap beyond it, a CFS CPU quota,
 * and the readings (usage, peak, OOM kills, CPU time). cgroup v1 (also the hybrid layout, whose
 * controllers are v1) and v2. runc/crun get the same limits from the OCI config instead and
 * make the cgroup themselves; the readings are the same files.
 */
import { existsSync, mkdirSync, readFileSync, realpathSync, rmdirSync, writeFileSync } from 'node:fs';
import type { CgroupMode } from '../results/format.js';

/** The CFS period every quota is expressed in (the kernel's default). */
export const CFS_PERIOD_US = 100_000;

export interface CgroupLimits {
  memoryBytes: number | null;
  cpus: number | null;
}

export const hasLimits = (l: CgroupLimits): boolean => l.memoryBytes !== null || l.cpus !== null;

export const quotaUs = (cpus: number): number => Math.round(cpus * CFS_PERIOD_US);

/** What one cgroup recorded; null where this kernel or layout does not keep it. */
export interface CgroupReading {
  memoryBytes: number | null;
  /** v1 memory.max_usage_in_bytes, v2 memory.peak (kernel 5.19+). */
  peakBytes: number | null;
  /** v1 memory.oom_control oom_kill (kernel 4.13+), v2 memory.events oom_kill. */
  oomKills: number | null;
  /** Times usage hit the limit: v1 memory.failcnt, v2 memory.events max. */
  limitHits: number | null;
  /** v1 cpuacct.usage, v2 cpu.stat usage_usec, in ns. */
  cpuNs: number | null;
  /** Periods in which the quota ran out (cpu.stat nr_throttled). */
  throttledPeriods: number | null;
}

function v1Dirs(name: string, root: string): { memory: string; cpu: string; cpuacct: string } {
  return { memory: `${root}/memory/${name}`, cpu: `${root}/cpu/${name}`, cpuacct: `${root}/cpuacct/${name}` };
}

/** The directories a limited cgroup of this name needs (cpu and cpuacct may be one mount). */
export function limitedCgroupDirs(mode: CgroupMode, name: string, root = '/sys/fs/cgroup'): string[] {
  if (mode === 'v2') return [`${root}/${name}`];
  if (mode === 'none') return [];
  const d = v1Dirs(name, root);
  const cpuacctSame =
    existsSync(`${root}/cpuacct`) && existsSync(`${root}/cpu`) && realpathSync(`${root}/cpuacct`) === realpathSync(`${root}/cpu`);
  return cpuacctSame ? [d.memory, d.cpu] : [d.memory, d.cpu, d.cpuacct];
}

/** v2: a child gets memory.max and cpu.max only when its parent delegates the controllers. */
function enableV2Controllers(root: string): void {
  const enabled = (readText(`${root}/cgroup.subtree_control`) ?? '').split(/\s+/);
  const missing = ['memory', 'cpu'].filter((c) => !enabled.includes(c));
  if (missing.length) write(`${root}/cgroup.subtree_control`, missing.map((c) => `+${c}`).join(' '));
}

function write(file: string, value: string): void {
  writeFileSync(file, value);
}

/**
 * Makes the cgroup and sets its limits; returns the cgroup.procs files a process must join
 * (before it forks: children inherit their parent's cgroup). Throws with the file that refused.
 */
export function createLimitedCgroup(mode: CgroupMode, name: string, limits: CgroupLimits, root = '/sys/fs/cgroup'): string[] {
  if (mode === 'none') throw new Error('no cgroup file system is mounted on this host: limits cannot be applied');
  const dirs = limitedCgroupDirs(mode, name, root);
  if (mode === 'v2') enableV2Controllers(root);
  for (const dir of dirs) mkdirSync(dir);
  try {
    if (mode === 'v2') {
      const dir = dirs[0]!;
      if (limits.memoryBytes !== null) {
        write(`${dir}/memory.max`, String(limits.memoryBytes));
        if (existsSync(`${dir}/memory.swap.max`)) write(`${dir}/memory.swap.max`, '0');
      }
      if (limits.cpus !== null) write(`${dir}/cpu.max`, `${quotaUs(limits.cpus)} ${CFS_PERIOD_US}`);
    } else {
      const d = v1Dirs(name, root);
      if (limits.memoryBytes !== null) {
        write(`${d.memory}/memory.limit_in_bytes`, String(limits.memoryBytes));
        // Without swap accounting the file is absent; with it, memory+swap gets the same limit: no swapping past it.
        if (existsSync(`${d.memory}/memory.memsw.limit_in_bytes`))
          write(`${d.memory}/memory.memsw.limit_in_bytes`, String(limits.memoryBytes));
      }
      if (limits.cpus !== null) {
        write(`${d.cpu}/cpu.cfs_period_us`, String(CFS_PERIOD_US));
        write(`${d.cpu}/cpu.cfs_quota_us`, String(quotaUs(limits.cpus)));
      }
    }
  } catch (error) {
    removeCgroupDirs(dirs);
    throw new Error(`cannot set the limits of cgroup ${name}: ${(error as Error).message}`, { cause: error });
  }
  return dirs.map((d) => `${d}/cgroup.procs`);
}

/** rmdir each (the processes must be gone); the problem, or null. Never throws. */
export function removeCgroupDirs(dirs: readonly string[]): string | null {
  const problems: string[] = [];
  for (const dir of dirs) {
    if (!existsSync(dir)) continue;
    try {
      rmdirSync(dir);
    } catch (error) {
      problems.push(`cgroup ${dir} left: ${(error as Error).message}`);
    }
  }
  return problems.length ? problems.join('; ') : null;
}

function readText(file: string): string | null {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return null;
  }
}

function readNumber(file: string): number | null {
  const text = readText(file);
  if (text === null) return null;
  const n = Number(text.trim());
  return Number.isFinite(n) ? n : null;
}

/** `key value` lines (memory.events, cpu.stat, memory.oom_control). */
export function readKeyed(file: string, key: string): number | null {
  const text = readText(file);
  if (text === null) return null;
  for (const line of text.split('\n')) {
    const [k, v] = line.trim().split(/\s+/);
    if (k === key && v !== undefined && Number.isFinite(Number(v))) return Number(v);
  }
  return null;
}

export function readCgroup(mode: CgroupMode, name: string, root = '/sys/fs/cgroup'): CgroupReading {
  if (mode === 'v2') {
    const dir = `${root}/${name}`;
    const usageUs = readKeyed(`${dir}/cpu.stat`, 'usage_usec');
    return {
      memoryBytes: readNumber(`${dir}/memory.current`),
      peakBytes: readNumber(`${dir}/memory.peak`),
      oomKills: readKeyed(`${dir}/memory.events`, 'oom_kill'),
      limitHits: readKeyed(`${dir}/memory.events`, 'max'),
      cpuNs: usageUs === null ? null : usageUs * 1000,
      throttledPeriods: readKeyed(`${dir}/cpu.stat`, 'nr_throttled'),
    };
  }
  if (mode === 'none') return { memoryBytes: null, peakBytes: null, oomKills: null, limitHits: null, cpuNs: null, throttledPeriods: null };
  const d = v1Dirs(name, root);
  return {
    memoryBytes: readNumber(`${d.memory}/memory.usage_in_bytes`),
    peakBytes: readNumber(`${d.memory}/memory.max_usage_in_bytes`),
    oomKills: readKeyed(`${d.memory}/memory.oom_control`, 'oom_kill'),
    limitHits: readNumber(`${d.memory}/memory.failcnt`),
    cpuNs: readNumber(`${d.cpuacct}/cpuacct.usage`),
    throttledPeriods: readKeyed(`${d.cpu}/cpu.stat`, 'nr_throttled'),
  };
}
