/**
 * Every built-in performance workload once, for real: in a q35 guest under TCG, in a raw
 * namespaces container, in a runc container and on the host (chroot); the device workloads (disk,
 * network) also in a microvm guest (virtio-mmio) and in a gVisor sandbox (runsc: gofer, hostinet).
 * Each sample must be ok and carry every metric of its workload, finite and positive; nothing may
 * be left behind (disk and network included: their backing files, links, namespaces, mounts and
 * iperf3 servers).
 */
import { describe, it, expect, beforeAll } from 'vitest';
import { isStillRunning, readProcStat } from '../../harness/host/proc-table.js';
import { buildGuestImage, type GuestImage } from '../../harness/guest/image.js';
import { isError } from '../../harness/host/host-context.js';
import { createRuntime } from '../../harness/runtimes/create-runtime.js';
import { measureLaunch } from '../../harness/runner/measure-launch.js';
import { RUNTIME_PRESETS, type RuntimeSpec, type Scenario } from '../../harness/scenario/types.js';
import { BUILTIN_WORKLOADS } from '../../harness/workloads/builtin.js';
import { planWorkloadImage } from '../../harness/workloads/workload-image.js';
import { deviceExtras } from '../../harness/guest/device-extras.js';
import { leftovers } from '../helpers/leaks.js';
import { useRealHost } from '../helpers/real-host.js';

const real = useRealHost('workloads');
/** One image per workload, as small as it can be: fio's closure (~80 MB) would slow every boot. */
const images = new Map<string, GuestImage>();

beforeAll(() => {
  if (isError(real.host.busybox)) throw new Error(real.host.busybox.error);
  if (isError(real.host.kernel)) throw new Error(real.host.kernel.error);
  for (const workload of Object.values(BUILTIN_WORKLOADS)) {
    const plan = planWorkloadImage([workload]);
    expect(plan.skipped, 'scripts/setup.sh installs sysbench, fio and iperf3').toEqual([]);
    // disk and network need the guest kernel's virtio modules (q35: virtio-pci, microvm: virtio-mmio).
    const devices = deviceExtras(plan.usable, ['pci', 'mmio'], real.host.kernel.path);
    expect(devices.skipped).toEqual([]);
    images.set(workload.name, buildGuestImage(real.host.busybox, real.host.cacheRoot, { files: [...plan.extras.files, ...devices.files] }));
  }
});

const scenario: Scenario = {
  name: 'perf-test',
  description: '',
  file: '/x.yaml',
  workload: null,
  workloads: [],
  metrics: ['startup', 'teardown'],
  iterations: 1,
  warmup: 0,
  order: 'interleaved',
  timeoutMs: 60_000,
  runtimes: [],
  density: null,
};

const runtimes: [string, RuntimeSpec][] = [
  // 512 MiB: disk's image carries fio's library closure (~80 MB), unpacked into the guest's RAM.
  ['qemu q35 (tcg)', { ...RUNTIME_PRESETS['qemu-q35']!, accel: 'tcg', memoryMiB: 512 } as RuntimeSpec],
  ['namespaces', RUNTIME_PRESETS.namespaces!],
  ['runc', RUNTIME_PRESETS.runc!],
  ['host', RUNTIME_PRESETS.host!],
];
/** Only the device workloads: they are what differs on these (virtio-mmio; gVisor's gofer and hostinet). */
const deviceRuntimes: [string, RuntimeSpec][] = [
  ['qemu microvm (tcg)', { ...RUNTIME_PRESETS['qemu-microvm']!, accel: 'tcg', memoryMiB: 512 } as RuntimeSpec],
  ['runsc', RUNTIME_PRESETS.runsc!],
];
const runtimesFor = (name: string): [string, RuntimeSpec][] =>
  BUILTIN_WORKLOADS[name]!.devices.length > 0 ? [...runtimes, ...deviceRuntimes] : runtimes;

describe.each(Object.keys(BUILTIN_WORKLOADS))('workload %s', (name) => {
  const workload = BUILTIN_WORKLOADS[name]!;
  it.each(runtimesFor(name))('runs under %s and reports every metric', async (_label, spec) => {
    const runtime = createRuntime(spec, { ...real.host, image: images.get(name)! }, real.run);
    const sample = await measureLaunch({
      runId: `it-${process.pid}`,
      seq: 0,
      scenario,
      runtime,
      iteration: 0,
      warmup: false,
      live: new Set(),
      workload,
    });
    expect(sample.outcome, sample.error ?? '').toBe('ok');
    expect(sample.workload).toBe(name);
    expect(sample.workloadMetrics?.map((m) => m.name)).toEqual(workload.metrics.map((m) => m.name));
    for (const m of sample.workloadMetrics ?? []) {
      expect(Number.isFinite(m.value) && m.value > 0, `${m.name} = ${m.value}`).toBe(true);
    }
    if (spec.type === 'qemu') expect(sample.instanceKernel).toMatch(/^\d+\.\d+/);
    if (workload.devices.some((d) => d.type === 'disk')) {
      // Read from the host before teardown. Direct I/O leaves the file out of the host's page
      // cache; runsc's gofer does not pass O_DIRECT on (gVisor #3626), so its reading is whatever it is.
      expect(sample.hostDiskCache, 'fincore (util-linux) read the backing file').toBeTruthy();
      if (spec.type !== 'runsc') expect(sample.hostDiskCache!.cachedMiB).toBeLessThan(sample.hostDiskCache!.fileMiB / 4);
    } else {
      expect('hostDiskCache' in sample).toBe(false);
    }
    expect(leftovers().filter((l) => !l.startsWith('temp dir'))).toEqual([]);
  });
});

describe('stopping a workload mid-run', () => {
  it.each(runtimes.slice(1))('under %s kills every process of it and releases everything', async (_label, spec) => {
    const runtime = createRuntime(spec, { ...real.host, image: images.get('cpu')! }, real.run);
    const instance = runtime.start({ id: `it-stop-${spec.name}-${process.pid}`, workload: 'cpu', readyTimeoutMs: 30_000 });
    const ready = await instance.waitReady();
    expect(ready.state, JSON.stringify(ready)).toBe('ready');
    const stats = instance
      .hostPids()
      .map((p) => readProcStat(p))
      .filter((p) => p !== null);
    expect(stats.length).toBeGreaterThan(0);
    const stopped = await instance.stop();
    expect(stopped.problem).toBeNull();
    expect(stopped.exitedBeforeStop).toBe(false);
    for (const p of stats) expect(isStillRunning(p.pid, p.startTime), `pid ${p.pid} still running`).toBe(false);
    expect(leftovers().filter((l) => !l.startsWith('temp dir'))).toEqual([]);
  });
});
