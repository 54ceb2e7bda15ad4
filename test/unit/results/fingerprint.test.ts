import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { hostFingerprint, meminfoBytes, selectedMode } from '../../../harness/host/fingerprint.js';

const root = mkdtempSync(join(tmpdir(), 'vmbench-fingerprint-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function put(path: string, text: string): void {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), text);
}

describe('host fingerprint', () => {
  it('reads governor, boost, THP, swap, KSM, page cache and microcode from /proc and /sys', () => {
    put('proc/cpuinfo', 'processor\t: 0\nmodel name\t: AMD EPYC 7B13\nmicrocode\t: 0xa0011d1\n\nprocessor\t: 1\nmodel name\t: AMD EPYC 7B13\nmicrocode\t: 0xa0011d1\n');
    put('proc/meminfo', 'MemTotal:       24576000 kB\nMemAvailable:   20000000 kB\nBuffers:            4000 kB\nCached:           900000 kB\nSwapTotal:       2097148 kB\nSwapFree:        2097000 kB\nDirty:              1644 kB\n');
    put('proc/sys/vm/swappiness', '60\n');
    put('proc/1/comm', 'systemd\n');
    put('sys/devices/system/cpu/cpu0/cpufreq/scaling_governor', 'performance\n');
    put('sys/devices/system/cpu/cpu1/cpufreq/scaling_governor', 'powersave\n');
    put('sys/devices/system/cpu/intel_pstate/no_turbo', '1\n');
    put('sys/kernel/mm/transparent_hugepage/enabled', 'always [madvise] never\n');
    put('sys/kernel/mm/transparent_hugepage/defrag', 'always defer defer+madvise [madvise] never\n');
    put('sys/kernel/mm/ksm/run', '1\n');
    expect(hostFingerprint(root)).toEqual({
      cpuModel: 'AMD EPYC 7B13', microcode: '0xa0011d1', cpuGovernor: 'performance, powersave', cpuBoost: 'off',
      thp: 'madvise', thpDefrag: 'madvise', swapTotalBytes: 2097148 * 1024, swapUsedBytes: 148 * 1024, swappiness: 60, ksmRun: '1',
      cgroupDriver: 'cgroupfs (runc/crun without --systemd-cgroup; PID 1 is systemd)',
      pageCache: { cachedBytes: 900000 * 1024, buffersBytes: 4000 * 1024, dirtyBytes: 1644 * 1024 }, memAvailableBytes: 20000000 * 1024,
    });
  });

  it('gives null for what the host does not have (no cpufreq in a VM, no KSM)', () => {
    const empty = mkdtempSync(join(root, 'empty-'));
    expect(hostFingerprint(empty)).toMatchObject({ cpuModel: 'unknown', microcode: null, cpuGovernor: null, cpuBoost: null, thp: null, ksmRun: null, pageCache: null });
  });

  it('parses the selected mode and meminfo lines', () => {
    expect(selectedMode('[always] madvise never')).toBe('always');
    expect(selectedMode('never')).toBe('never');
    expect(meminfoBytes('Cached: 12 kB\nSwapCached: 99 kB', 'Cached')).toBe(12 * 1024);
    expect(meminfoBytes('Dirty: 1 kB', 'Cached')).toBeNull();
  });
});
