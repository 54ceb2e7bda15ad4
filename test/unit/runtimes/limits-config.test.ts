import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ociConfig } from '../../../harness/runtimes/oci/bundle.js';
import { joinCgroupArgv } from '../../../harness/runtimes/namespaces/argv.js';
import { createLimitedCgroup, limitedCgroupDirs, readCgroup, removeCgroupDirs } from '../../../harness/host/cgroup-limits.js';
import { loadScenarioFile } from '../../../harness/scenario/load.js';
import { cpuburnScript, memhogScript } from '../../../harness/workloads/limit-scripts.js';

const MIB = 1024 * 1024;

describe('container limits (claim C5)', () => {
  it('runc/crun: memory and cpus become OCI linux.resources (swap = limit: no swap beyond it)', () => {
    const config = ociConfig({
      rootDir: '/r',
      args: ['/init'],
      hostname: 'h',
      cgroupsPath: '/c',
      limits: { memoryBytes: 64 * MIB, cpus: 0.5 },
    }) as { linux: Record<string, unknown> };
    expect(config.linux.resources).toEqual({ memory: { limit: 64 * MIB, swap: 64 * MIB }, cpu: { quota: 50_000, period: 100_000 } });
    const none = ociConfig({
      rootDir: '/r',
      args: ['/init'],
      hostname: 'h',
      cgroupsPath: '/c',
      limits: { memoryBytes: null, cpus: null },
    }) as { linux: Record<string, unknown> };
    expect(none.linux).not.toHaveProperty('resources');
  });

  it('namespaces: sh joins every cgroup.procs file, then execs the command unchanged (nothing interpreted)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'vmbench-join-'));
    try {
      const procs = [join(dir, 'a'), join(dir, 'b')];
      const out = execFileSync('/bin/sh', joinCgroupArgv(procs, '/bin/echo', ['$HOME', '; rm -rf /', 'x y']), { encoding: 'utf8' });
      expect(out).toBe('$HOME ; rm -rf / x y\n');
      const pids = procs.map((p) => readFileSync(p, 'utf8').trim());
      expect(pids[0]).toMatch(/^\d+$/);
      expect(pids[1]).toBe(pids[0]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('v1 layout: makes memory, cpu and cpuacct dirs, writes the limits, reads the counters back', () => {
    const root = mkdtempSync(join(tmpdir(), 'vmbench-cg-'));
    try {
      for (const c of ['memory', 'cpu', 'cpuacct']) mkdirSync(join(root, c));
      // A fake v1 tree: the kernel would create the files; here the harness writes into plain dirs.
      const procs = createLimitedCgroup('v1', 'x', { memoryBytes: 64 * MIB, cpus: 0.25 }, root);
      expect(procs).toEqual(['memory', 'cpu', 'cpuacct'].map((c) => join(root, c, 'x', 'cgroup.procs')));
      expect(readFileSync(join(root, 'memory/x/memory.limit_in_bytes'), 'utf8')).toBe(String(64 * MIB));
      expect(readFileSync(join(root, 'cpu/x/cpu.cfs_quota_us'), 'utf8')).toBe('25000');
      writeFileSync(join(root, 'memory/x/memory.oom_control'), 'oom_kill_disable 0\nunder_oom 0\noom_kill 2\n');
      writeFileSync(join(root, 'memory/x/memory.max_usage_in_bytes'), `${64 * MIB}\n`);
      writeFileSync(join(root, 'cpuacct/x/cpuacct.usage'), '2000000000\n');
      expect(readCgroup('v1', 'x', root)).toMatchObject({ oomKills: 2, peakBytes: 64 * MIB, cpuNs: 2e9 });
      for (const d of limitedCgroupDirs('v1', 'x', root)) rmSync(d, { recursive: true });
      expect(removeCgroupDirs(limitedCgroupDirs('v1', 'x', root))).toBeNull();
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('v2 layout: memory.max, swap 0, cpu.max; memory.events and cpu.stat read back', () => {
    const root = mkdtempSync(join(tmpdir(), 'vmbench-cg2-'));
    try {
      writeFileSync(join(root, 'cgroup.subtree_control'), 'memory cpu');
      const procs = createLimitedCgroup('v2', 'y', { memoryBytes: 32 * MIB, cpus: 1.5 }, root);
      expect(procs).toEqual([join(root, 'y', 'cgroup.procs')]);
      expect(readFileSync(join(root, 'y/memory.max'), 'utf8')).toBe(String(32 * MIB));
      expect(readFileSync(join(root, 'y/cpu.max'), 'utf8')).toBe('150000 100000');
      writeFileSync(join(root, 'y/memory.events'), 'low 0\nhigh 0\nmax 5\noom 1\noom_kill 1\n');
      writeFileSync(join(root, 'y/cpu.stat'), 'usage_usec 1500000\nnr_throttled 12\n');
      expect(readCgroup('v2', 'y', root)).toMatchObject({ oomKills: 1, limitHits: 5, cpuNs: 1.5e9, throttledPeriods: 12, peakBytes: null });
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('scenarios/limits.yaml: containers get memory and cpus, the VM its RAM and vCPUs', () => {
    const s = loadScenarioFile(new URL('../../../scenarios/limits.yaml', import.meta.url).pathname, { memTotalMiB: 4096, cores: 2 });
    expect(s.limits).toEqual({ hogBytes: 256 * MIB, cpuTimeMs: 4000 });
    expect(s.runtimes.find((r) => r.name === 'runc-capped')).toMatchObject({ type: 'runc', memoryMiB: 64, cpus: 0.5 });
    expect(s.runtimes.find((r) => r.name === 'namespaces')).not.toHaveProperty('memoryMiB');
    expect(s.runtimes.find((r) => r.type === 'qemu')).toMatchObject({ memoryMiB: 80, vcpus: 1 });
  });

  it('the workloads are busybox shell with the sizes baked in, and stay up after their done marker', () => {
    expect(memhogScript(256 * MIB)).toContain(`head -c ${256 * MIB}`);
    expect(cpuburnScript(4000)).toContain('stop=$((start + 400))');
    for (const s of [memhogScript(MIB), cpuburnScript(1000)])
      expect(s.trimEnd().split('\n').slice(-2)).toEqual(['echo "VMBENCH_DONE status=0"', 'exec sleep 2147483647']);
  });
});
