/**
 * What the host can read of one instance while a limits test runs: its cgroup (containers with
 * one), else the CPU time of its host processes (a VM's QEMU, an unlimited container), QEMU's
 * peak RSS, and the host-wide OOM kill count.
 */
import { readFileSync } from 'node:fs';
import type { CgroupMode } from '../results/format.js';
import { readCgroup, readKeyed, type CgroupReading } from '../host/cgroup-limits.js';
import type { Instance } from '../runtimes/runtime.js';

/** USER_HZ: /proc/<pid>/stat times are in these ticks on every Linux architecture vmbench runs on. */
const TICKS_PER_S = 100;

/** utime + stime of each process (own time only: the loop is shell builtins, it forks nothing), ms. */
export function processCpuMs(pids: readonly number[]): number {
  let ticks = 0;
  for (const pid of pids) {
    try {
      const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // exited meanwhile: its time is lost, which only makes the figure lower
    }
  }
  return (ticks * 1000) / TICKS_PER_S;
}

/** VmHWM of a process: its peak resident set, bytes; null when gone. */
export function peakRssBytes(pid: number): number | null {
  try {
    const kb = readKeyed(`/proc/${pid}/status`, 'VmHWM:');
    return kb === null ? null : kb * 1024;
  } catch {
    return null;
  }
}

export function hostOomKills(): number | null {
  return readKeyed('/proc/vmstat', 'oom_kill');
}

export interface CpuReading {
  atNs: bigint;
  cpuMs: number | null;
  source: 'cgroup' | 'processes';
  cgroup: CgroupReading | null;
}

export function readCpu(instance: Instance, mode: CgroupMode): CpuReading {
  const atNs = process.hrtime.bigint();
  if (instance.cgroupName !== null) {
    const cgroup = readCgroup(mode, instance.cgroupName);
    return { atNs, cpuMs: cgroup.cpuNs === null ? null : cgroup.cpuNs / 1e6, source: 'cgroup', cgroup };
  }
  const pids = instance.hostPids();
  return { atNs, cpuMs: pids.length ? processCpuMs(pids) : null, source: 'processes', cgroup: null };
}
