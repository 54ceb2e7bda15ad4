/**
 * env.json's host fingerprint: the settings that make two runs of the same code on the same
 * machine differ (CPU frequency governor and boost, THP, swap, KSM, the page cache before the
 * run, microcode), so `vmbench compare` can name them before any verdict. Read from /proc and
 * /sys only (no tool to run); `root` lets tests read a fake tree.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { HostFingerprint } from '../results/format.js';

function read(root: string, path: string): string | null {
  try {
    return readFileSync(join(root, path), 'utf8').trim();
  } catch {
    return null;
  }
}

/** "always [madvise] never" → "madvise". */
export function selectedMode(text: string | null): string | null {
  if (text === null) return null;
  return /\[([^\]]+)\]/.exec(text)?.[1] ?? text;
}

/** /proc/meminfo "Key:   123 kB" → bytes. */
export function meminfoBytes(text: string | null, key: string): number | null {
  const m = text === null ? null : new RegExp(`^${key}:\\s+(\\d+) kB$`, 'm').exec(text);
  return m ? Number(m[1]) * 1024 : null;
}

function cpuinfoField(text: string | null, key: string): string | null {
  const m = text === null ? null : new RegExp(`^${key}\\s*:\\s*(.*)$`, 'm').exec(text);
  return m ? m[1]!.trim() : null;
}

/** Every CPU's governor: one value when all agree, else each distinct one. */
function governors(root: string): string | null {
  let cpus: string[];
  try {
    cpus = readdirSync(join(root, 'sys/devices/system/cpu')).filter((d) => /^cpu\d+$/.test(d));
  } catch {
    return null;
  }
  const values = [
    ...new Set(cpus.map((c) => read(root, `sys/devices/system/cpu/${c}/cpufreq/scaling_governor`)).filter((v): v is string => v !== null)),
  ];
  return values.length === 0 ? null : values.sort().join(', ');
}

/** acpi-cpufreq's boost switch, else intel_pstate's no_turbo (inverted), else null (no control: often a VM). */
function boost(root: string): string | null {
  const acpi = read(root, 'sys/devices/system/cpu/cpufreq/boost');
  if (acpi !== null) return acpi === '1' ? 'on' : 'off';
  const noTurbo = read(root, 'sys/devices/system/cpu/intel_pstate/no_turbo');
  if (noTurbo !== null) return noTurbo === '1' ? 'off' : 'on';
  return null;
}

export function hostFingerprint(root = '/'): HostFingerprint {
  const cpuinfo = read(root, 'proc/cpuinfo');
  const meminfo = read(root, 'proc/meminfo');
  const swapTotal = meminfoBytes(meminfo, 'SwapTotal');
  const swapFree = meminfoBytes(meminfo, 'SwapFree');
  const cached = meminfoBytes(meminfo, 'Cached');
  const buffers = meminfoBytes(meminfo, 'Buffers');
  const dirty = meminfoBytes(meminfo, 'Dirty');
  const swappiness = read(root, 'proc/sys/vm/swappiness');
  return {
    cpuModel: cpuinfoField(cpuinfo, 'model name') ?? 'unknown',
    microcode: cpuinfoField(cpuinfo, 'microcode'),
    cpuGovernor: governors(root),
    cpuBoost: boost(root),
    thp: selectedMode(read(root, 'sys/kernel/mm/transparent_hugepage/enabled')),
    thpDefrag: selectedMode(read(root, 'sys/kernel/mm/transparent_hugepage/defrag')),
    swapTotalBytes: swapTotal,
    swapUsedBytes: swapTotal !== null && swapFree !== null ? swapTotal - swapFree : null,
    swappiness: swappiness === null || !/^\d+$/.test(swappiness) ? null : Number(swappiness),
    ksmRun: read(root, 'sys/kernel/mm/ksm/run'),
    // runc and crun are started without --systemd-cgroup: they write cgroupfs themselves.
    cgroupDriver: `cgroupfs (runc/crun without --systemd-cgroup; PID 1 is ${read(root, 'proc/1/comm') ?? 'unknown'})`,
    pageCache:
      cached !== null && buffers !== null && dirty !== null ? { cachedBytes: cached, buffersBytes: buffers, dirtyBytes: dirty } : null,
    memAvailableBytes: meminfoBytes(meminfo, 'MemAvailable'),
  };
}
