/**
 * The limits scenario (claim C5) at small size on real runtimes: a memory hog past a cgroup limit
 * is OOM-killed by the cgroup (namespaces: a cgroup the harness made; runc: from the OCI config),
 * a CPU loop under a 0.5-core quota gets about half a core, and a small VM's guest kernel kills
 * the hog inside the guest while QEMU lives on. Nothing is left behind.
 */
import { describe, expect, it } from 'vitest';
import { createRuntime } from '../../harness/runtimes/create-runtime.js';
import { runLimits } from '../../harness/limits/run-limits.js';
import type { LimitsOptions, RuntimeSpec, Scenario } from '../../harness/scenario/types.js';
import type { LimitSample } from '../../harness/results/format.js';
import type { Instance } from '../../harness/runtimes/runtime.js';
import { scenarioImage } from '../../harness/workloads/scenario-image.js';
import { isError } from '../../harness/host/host-context.js';
import { leftovers } from '../helpers/leaks.js';
import { useRealHost } from '../helpers/real-host.js';

const real = useRealHost('limits');
const MIB = 1024 * 1024;

const scenario: Scenario & { limits: LimitsOptions } = {
  name: 'limits-test',
  description: '',
  file: '/x.yaml',
  workload: null,
  workloads: [],
  metrics: ['startup'],
  iterations: 1,
  warmup: 0,
  order: 'sequential',
  timeoutMs: 60_000,
  runtimes: [],
  density: null,
  limits: { hogBytes: 128 * MIB, cpuTimeMs: 1500 },
};

async function limitsOf(spec: RuntimeSpec): Promise<LimitSample[]> {
  const image = scenarioImage(scenario, real.host).image;
  if (isError(image)) throw new Error(image.error);
  const runtime = createRuntime(spec, { ...real.host, image }, real.run);
  const records: LimitSample[] = [];
  const live = new Set<Instance>();
  await runLimits({
    runId: `20261202-000000-${process.pid % 10000}`,
    scenario,
    runtime,
    cgroupMode: real.host.cgroupMode,
    seq: 0,
    sink: (r) => records.push(r),
    live,
  });
  expect(live.size).toBe(0);
  expect(records.map((r) => [r.test, r.outcome, r.error])).toEqual([
    ['memory', 'ok', null],
    ['cpu', 'ok', null],
  ]);
  expect(leftovers().filter((l) => !l.startsWith('temp dir'))).toEqual([]);
  return records;
}

function expectContainerLimits([memory, cpu]: LimitSample[]): void {
  expect(memory).toMatchObject({ hogStatus: 137, oomKills: 1, instanceAlive: true, hostOomKills: 1 });
  expect(memory!.peakBytes).toBeLessThanOrEqual(32 * MIB + MIB);
  expect(memory!.peakBytes).toBeGreaterThan(24 * MIB);
  expect(cpu!.cpuSource).toBe('cgroup');
  // 0.5 cores: the quota caps it from above; a busy 2-core host may give it a little less.
  expect(cpu!.cpuMs! / cpu!.wallMs!).toBeLessThan(0.6);
  expect(cpu!.cpuMs! / cpu!.wallMs!).toBeGreaterThan(0.3);
  expect(cpu!.throttledPeriods).toBeGreaterThan(0);
}

describe('limits on real runtimes', () => {
  it("namespaces with memory 32M and cpus 0.5: the harness's own cgroup kills the hog and caps the loop", async () => {
    expectContainerLimits(await limitsOf({ name: 'ns-capped', type: 'namespaces', userNamespace: false, memoryMiB: 32, cpus: 0.5 }));
  });

  it('runc with memory 32M and cpus 0.5: the same from the OCI config', async () => {
    expectContainerLimits(await limitsOf({ name: 'runc-capped', type: 'runc', userNamespace: false, memoryMiB: 32, cpus: 0.5 }));
  });

  it('an unlimited namespaces container: the hog keeps all it asked for', async () => {
    const [memory] = await limitsOf({ name: 'ns', type: 'namespaces', userNamespace: false });
    expect(memory).toMatchObject({ hogStatus: 0, oomKills: null, hostOomKills: 0 });
    // Command substitution drops the output's last newline: one byte short.
    expect(memory!.hogAllocatedBytes).toBe(128 * MIB - 1);
  });

  it('an 80 MiB 1-vCPU VM: the guest kernel kills the hog, QEMU lives on, at most one core', async () => {
    const [memory, cpu] = await limitsOf({
      name: 'vm',
      type: 'qemu',
      machine: 'q35',
      accel: 'tcg',
      memoryMiB: 80,
      vcpus: 1,
      snapshot: false,
    });
    expect(memory).toMatchObject({ hogStatus: 137, instanceAlive: true, hostOomKills: 0 });
    expect(memory!.guestOomMessage).toMatch(/Out of memory: Kill/);
    expect(memory!.peakBytes).toBeLessThan(80 * MIB + 160 * MIB);
    expect(cpu!.cpuSource).toBe('processes');
    expect(cpu!.cpuMs! / cpu!.wallMs!).toBeLessThan(1.1);
    expect(cpu!.iterations).toBeGreaterThan(0);
  }, 120_000);
});
