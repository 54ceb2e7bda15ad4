/**
 * Density with small N on real runtimes: every step measured by every method that applies,
 * the stop rule recorded, and every instance torn down.
 */
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { createRuntime } from '../../harness/runtimes/create-runtime.js';
import { runDensity } from '../../harness/density/run-density.js';
import { summarizeDensity } from '../../harness/stats/summarize-density.js';
import { RUNTIME_PRESETS, type RuntimeSpec, type Scenario, type DensityOptions } from '../../harness/scenario/types.js';
import type { DensityRecord, DensityStep, DensityEnd } from '../../harness/results/format.js';
import type { Instance } from '../../harness/runtimes/runtime.js';
import { leftovers } from '../helpers/leaks.js';
import { useRealHost } from '../helpers/real-host.js';

const real = useRealHost('density');

const density = (over: Partial<DensityOptions>): DensityOptions => ({
  max: 5,
  maxPerRuntime: {},
  reserveBytes: 2 * 1024 ** 3,
  reservePercent: 10,
  startupLimitMs: 30_000,
  failureStreak: 3,
  ksm: false,
  ksmTimeoutMs: 30_000,
  dropCaches: true,
  ...over,
});
const scenario = (d: DensityOptions): Scenario & { density: DensityOptions } => ({
  name: 'density-test',
  description: '',
  file: '/x.yaml',
  workload: 'idle',
  workloads: [],
  metrics: ['memory', 'density'],
  iterations: 1,
  warmup: 0,
  order: 'interleaved',
  timeoutMs: 60_000,
  runtimes: [],
  density: d,
});

async function densityOf(
  spec: RuntimeSpec,
  d: DensityOptions,
): Promise<{ steps: DensityStep[]; end: DensityEnd; records: DensityRecord[] }> {
  const runtime = createRuntime(spec, real.host, real.run);
  const records: DensityRecord[] = [];
  const live = new Set<Instance>();
  const { end } = await runDensity({
    runId: `20261129-000000-${process.pid % 10000}`,
    scenario: scenario(d),
    runtime,
    cgroupMode: real.host.cgroupMode,
    seq: 0,
    sink: (r) => records.push(r),
    live,
  });
  expect(live.size).toBe(0);
  return { steps: records.filter((r): r is DensityStep => r.type === 'density-step'), end, records };
}

describe('density on real runtimes', () => {
  it('namespaces: 5 idle containers, PSS and inside measured at each step, all torn down', async () => {
    const { steps, end } = await densityOf(RUNTIME_PRESETS.namespaces!, density({ max: 5 }));
    expect(steps.map((s) => s.running)).toEqual([1, 2, 3, 4, 5]);
    expect(end).toMatchObject({ instances: 5, stopReason: 'max' });
    for (const s of steps) {
      expect(s.outcome).toBe('ok');
      expect(s.instance!.pssBytes).toBeGreaterThan(0);
      expect(s.instance!.insideBytes).toBeGreaterThan(0);
      expect(s.instance!.configuredBytes).toBeNull();
      expect(s.cacheDropped).toBe(true);
      expect(s.pssTotalBytes).toBeGreaterThan(0);
    }
    // The native launcher's CPU over the loop: recorded, and no more than the loop's wall time (+ one 10 ms tick).
    expect(end.launcherCpuMs).toBeGreaterThanOrEqual(0);
    expect(end.launcherCpuMs).toBeLessThanOrEqual(steps[steps.length - 1]!.elapsedMs + 10);
    expect(leftovers().filter((l) => !l.startsWith('temp dir'))).toEqual([]);
  });

  it('runc: the container cgroup is measured, then removed with the container', async () => {
    const { steps, end } = await densityOf(RUNTIME_PRESETS.runc!, density({ max: 4 }));
    expect(end.instances).toBe(4);
    if (real.host.cgroupMode !== 'none') for (const s of steps) expect(s.instance!.cgroupBytes).toBeGreaterThan(0);
    expect(end.teardownProblems).toBeNull();
    expect(leftovers().filter((l) => !l.startsWith('temp dir'))).toEqual([]);
  });

  it('qemu: guest memory from inside vs QEMU PSS from outside, KSM measured and the host setting restored', async () => {
    const ksmBefore = readFileSync('/sys/kernel/mm/ksm/run', 'utf8');
    const { steps, end, records } = await densityOf(
      { ...RUNTIME_PRESETS['qemu-q35']!, accel: 'tcg' } as RuntimeSpec,
      density({ max: 2, ksm: true }),
    );
    expect(readFileSync('/sys/kernel/mm/ksm/run', 'utf8')).toBe(ksmBefore);
    expect(end.instances).toBe(2);
    for (const s of steps) {
      expect(s.instance!.configuredBytes).toBe(128 * 1024 * 1024);
      expect(s.instance!.insideBytes).toBeGreaterThan(0);
      expect(s.instance!.insideBytes).toBeLessThan(128 * 1024 * 1024);
      // A guest costs the host more than what it uses inside: that gap is the VM's overhead.
      expect(s.instance!.pssBytes).toBeGreaterThan(s.instance!.insideBytes!);
    }
    expect(end.ksm).not.toBeNull();
    const summary = summarizeDensity(records, end.memTotalBytes);
    expect(summary.density[0]!.overheadBytes).toBeGreaterThan(0);
    expect(leftovers().filter((l) => !l.startsWith('temp dir'))).toEqual([]);
  });

  it('the reserve rule stops before the host runs short', async () => {
    // A reserve of all the host's memory can never be kept: nothing may be launched at all.
    const total = Number(/MemTotal:\s+(\d+)/.exec(readFileSync('/proc/meminfo', 'utf8'))![1]) * 1024;
    const { steps, end } = await densityOf(RUNTIME_PRESETS.namespaces!, density({ max: 50, reserveBytes: total, reservePercent: 0 }));
    expect(end.stopReason).toBe('reserve');
    expect(end.stopDetail).toContain('reserve');
    expect(steps).toHaveLength(0);
    expect(end.instances).toBe(0);
  });
});
