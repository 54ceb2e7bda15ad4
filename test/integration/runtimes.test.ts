/**
 * Real instances: a TCG QEMU guest (q35 and microvm), a raw-namespace container, runc and crun
 * containers (crun through its mount namespace on a hybrid host) and a gVisor sandbox each reach their ready marker, report the kernel they run on, and leave nothing
 * behind after stop().
 */
import { describe, it, expect } from 'vitest';
import { release } from 'node:os';
import { availability } from '../../harness/runtimes/availability.js';
import { qemuBackend } from '../../harness/runtimes/qemu/backend.js';
import { createRuntime } from '../../harness/runtimes/create-runtime.js';
import { isStillRunning, readProcStat } from '../../harness/host/proc-table.js';
import { RUNTIME_PRESETS, type RuntimeSpec } from '../../harness/scenario/types.js';
import { leftovers } from '../helpers/leaks.js';
import { useRealHost } from '../helpers/real-host.js';

const real = useRealHost('runtimes');

const cases: [string, RuntimeSpec][] = [
  ['qemu q35 (tcg)', { ...RUNTIME_PRESETS['qemu-q35']!, accel: 'tcg' } as RuntimeSpec],
  ['qemu microvm (tcg)', { ...RUNTIME_PRESETS['qemu-microvm']!, accel: 'tcg' } as RuntimeSpec],
  ['namespaces', RUNTIME_PRESETS.namespaces!],
  ['runc', RUNTIME_PRESETS.runc!],
  ['crun', RUNTIME_PRESETS.crun!],
  ['runsc (gVisor, ptrace)', RUNTIME_PRESETS.runsc!],
];

/** gVisor's sentry reports its own kernel release (4.4.0 for this runsc), not the host's. */
const GVISOR_KERNEL = /^4\.4\.\d+$/;

describe.each(cases)('%s', (_label, spec) => {
  it('starts the idle workload to ready, then tears it down completely', async () => {
    const usable = availability(spec, real.host);
    expect(usable, JSON.stringify(usable)).toMatchObject({ usable: true });
    const runtime = createRuntime(spec, real.host, real.run);
    const instance = runtime.start({ id: `it-${spec.name}-${process.pid}`, workload: 'idle', readyTimeoutMs: 60_000 });
    const ready = await instance.waitReady();
    expect(ready.state, JSON.stringify(ready)).toBe('ready');
    if (ready.state !== 'ready') return;
    expect(ready.startupMs).toBeGreaterThan(0);
    // C3: containers run on the host's kernel, VMs on their own, gVisor on its user-space one.
    if (runtime.backend === 'runsc') expect(ready.instanceKernel).toMatch(GVISOR_KERNEL);
    else if (runtime.kind === 'container') expect(ready.instanceKernel).toBe(release());
    else {
      expect(ready.instanceKernel).toMatch(/^\d+\.\d+/);
      expect(ready.guestUptimeAtReadyS).toBeGreaterThan(0);
      expect(ready.phases.map((p) => p.name)).toEqual(['vmm_firmware_kernel_load', 'kernel_to_init', 'init_to_ready']);
    }
    const total = ready.phases.reduce((a, p) => a + p.ms, 0);
    expect(total).toBeCloseTo(ready.startupMs, 3);

    const pids = instance.hostPids();
    expect(pids.length).toBeGreaterThan(0);
    const stats = pids.map((p) => readProcStat(p)!).filter(Boolean);
    const stopped = await instance.stop();
    expect(stopped.problem).toBeNull();
    expect(stopped.exitedBeforeStop).toBe(false);
    expect(stopped.teardownMs).toBeGreaterThan(0);
    for (const s of stats) expect(isStillRunning(s.pid, s.startTime), `pid ${s.pid} still running`).toBe(false);
    expect(leftovers().filter((l) => !l.startsWith('temp dir'))).toEqual([]);
  });

  it('records a hello workload that exits by itself', async () => {
    const runtime = createRuntime(spec, real.host, real.run);
    const instance = runtime.start({ id: `it-hello-${spec.name}-${process.pid}`, workload: 'hello', readyTimeoutMs: 60_000 });
    const ready = await instance.waitReady();
    expect(ready.state, JSON.stringify(ready)).toBe('ready');
    const stopped = await instance.stop();
    expect(stopped.problem).toBeNull();
    expect(leftovers().filter((l) => !l.startsWith('temp dir'))).toEqual([]);
  });
});

describe('a guest that never gets ready', () => {
  it('is a timeout with a reason, and is torn down', async () => {
    const spec = { ...RUNTIME_PRESETS['qemu-q35']!, accel: 'tcg' } as RuntimeSpec;
    const runtime = createRuntime(spec, real.host, real.run);
    // 300 ms is far shorter than any TCG boot: the ready marker cannot arrive in time.
    const instance = runtime.start({ id: `it-timeout-${process.pid}`, workload: 'hello', readyTimeoutMs: 300 });
    const ready = await instance.waitReady();
    expect(ready).toMatchObject({ state: 'timeout' });
    if (ready.state === 'timeout') expect(ready.reason).toContain('no ready marker within 300 ms');
    const stopped = await instance.stop();
    expect(stopped.problem).toBeNull();
    expect(leftovers().filter((l) => !l.startsWith('temp dir'))).toEqual([]);
  });
});

describe('runc with a user namespace', () => {
  it('runs as uid 100000 outside, reported by the probe, and leaves nothing behind', async () => {
    const runtime = createRuntime({ name: 'runc-userns', type: 'runc', userNamespace: true }, real.host, real.run);
    const instance = runtime.start({ id: `it-userns-${process.pid}`, workload: 'probe', readyTimeoutMs: 30_000 });
    const ready = await instance.waitReady();
    expect((await instance.stop()).problem).toBeNull();
    expect(ready.state, JSON.stringify(ready)).toBe('ready');
    if (ready.state === 'ready') expect(ready.probe?.uidmap).toBe('0:100000:65536');
    expect(leftovers().filter((l) => !l.startsWith('temp dir'))).toEqual([]);
  });
});

describe.each(cases)('isolation probe under %s', (_label, spec) => {
  it('reports what the instance can see, and the host hostname is untouched', async () => {
    const runtime = createRuntime(spec, real.host, real.run);
    const { hostname } = await import('node:os');
    const before = hostname();
    const instance = runtime.start({ id: `it-probe-${spec.name}-${process.pid}`, workload: 'probe', readyTimeoutMs: 60_000 });
    const ready = await instance.waitReady();
    await instance.stop();
    expect(ready.state, JSON.stringify(ready)).toBe('ready');
    if (ready.state !== 'ready') return;
    expect(hostname()).toBe(before);
    const probe = ready.probe!;
    expect(probe).toBeTruthy();
    // No network device but loopback, in VMs (-nodefaults) and containers (new net namespace).
    expect(Number(probe.ifaces)).toBe(1);
    if (runtime.kind === 'container') {
      // A new pid namespace: the workload has a tiny pid and sees only its own few processes.
      expect(Number(probe.pid)).toBeLessThan(20);
      expect(Number(probe.procs)).toBeLessThan(10);
    } else {
      expect(probe.hostname).toBe('vmbench-probe');
    }
    expect(probe.capeff).toMatch(/^[0-9a-f]{16}$/);
  });
});

describe('qemu q35 restored from a saved state (tcg)', () => {
  const spec = { ...RUNTIME_PRESETS['qemu-q35-snapshot']!, accel: 'tcg' } as RuntimeSpec;
  it('saves a booted guest once; every restored copy runs the workload it is sent, and leaves nothing behind', async () => {
    await qemuBackend.probe!(real.host, [spec], { fresh: false, log: () => undefined });
    const usable = availability(spec, real.host);
    expect(usable, JSON.stringify(usable)).toMatchObject({ usable: true });
    const runtime = createRuntime(spec, real.host, real.run);
    // One saved state serves every workload: the guest waits for the name on its ttyS1.
    for (const workload of ['idle', 'probe', 'hello']) {
      const instance = runtime.start({ id: `it-snap-${workload}-${process.pid}`, workload, readyTimeoutMs: 30_000 });
      const ready = await instance.waitReady();
      expect(ready.state, JSON.stringify(ready)).toBe('ready');
      if (ready.state !== 'ready') continue;
      expect(ready.phases.map((p) => p.name)).toEqual(['restore', 'resume_to_ready']);
      expect(ready.phases.reduce((a, p) => a + p.ms, 0)).toBeCloseTo(ready.startupMs, 3);
      expect(ready.instanceKernel).toMatch(/^\d+\.\d+/);
      expect(ready.instanceKernel).not.toBe(release());
      if (workload === 'idle') expect(Number(ready.markerFields.memtotal_kb)).toBeGreaterThan(0);
      if (workload === 'probe') expect(ready.probe?.hostname).toBe('vmbench-probe');
      const stopped = await instance.stop();
      expect(stopped.problem).toBeNull();
      expect(leftovers().filter((l) => !l.startsWith('temp dir'))).toEqual([]);
    }
  });
});
