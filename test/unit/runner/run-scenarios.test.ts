import { describe, it, expect } from 'vitest';
import { runScenarios } from '../../../harness/runner/run-scenarios.js';
import { FakeRuntime } from '../../../harness/runtimes/fake/fake-runtime.js';
import type { Scenario } from '../../../harness/scenario/types.js';
import type { StartupSample } from '../../../harness/results/format.js';
import { readFileSync } from 'node:fs';
import { BUILTIN_WORKLOADS } from '../../../harness/workloads/builtin.js';

const scenario = (over: Partial<Scenario> = {}): Scenario => ({
  name: 'fake',
  description: '',
  file: '/x.yaml',
  workload: 'hello',
  workloads: [],
  metrics: ['startup', 'teardown'],
  iterations: 3,
  warmup: 1,
  order: 'interleaved',
  timeoutMs: 1000,
  runtimes: [],
  density: null,
  ...over,
});

describe('runScenarios with a fake runtime', () => {
  it('interleaves runtimes, records warmups, and hands every sample to the sink in order', async () => {
    const vm = new FakeRuntime('vm', 'vm', [{ ready: 2000, teardown: 10 }]);
    const ct = new FakeRuntime('ct', 'container', [{ ready: 5, teardown: 2 }]);
    const sunk: StartupSample[] = [];
    const result = await runScenarios({
      runId: '20261129-000000-abcd',
      plans: [{ scenario: scenario(), runtimes: [vm, ct] }],
      sink: (s) => sunk.push(s),
    });
    expect(result.interrupted).toBe(false);
    expect(sunk).toEqual(result.samples);
    expect(result.samples.map((s) => `${s.runtime}${s.warmup ? 'w' : ''}`)).toEqual(['vmw', 'ctw', 'vm', 'ct', 'ct', 'vm', 'vm', 'ct']);
    expect(result.samples.map((s) => s.seq)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    const ok = result.samples.find((s) => s.runtime === 'vm' && !s.warmup)!;
    expect(ok).toMatchObject({ outcome: 'ok', startupMs: 2000, teardownMs: 10, kind: 'vm', error: null });
    expect(vm.live.size + ct.live.size).toBe(0);
  });

  it('records failures and timeouts as samples with their reasons, and goes on', async () => {
    const rt = new FakeRuntime('flaky', 'container', [
      { ready: 5 },
      { fail: 'exited with code 1 before the ready marker' },
      { timeout: true },
    ]);
    const result = await runScenarios({ runId: 'r', plans: [{ scenario: scenario({ warmup: 0 }), runtimes: [rt] }], sink: () => {} });
    expect(result.samples.map((s) => s.outcome)).toEqual(['ok', 'failed', 'timeout']);
    expect(result.samples[1]!.error).toContain('exited with code 1');
    expect(result.samples[2]!.error).toContain('no ready marker within 1000 ms');
    expect(result.samples[2]!.startupMs).toBeNull();
    expect(rt.live.size).toBe(0);
  });

  it('stops launching when aborted and reports the run as interrupted', async () => {
    const controller = new AbortController();
    const rt = new FakeRuntime('ct', 'container', [{ ready: 1 }]);
    const result = await runScenarios({
      runId: 'r',
      plans: [{ scenario: scenario({ warmup: 0, iterations: 100 }), runtimes: [rt] }],
      signal: controller.signal,
      sink: (s) => {
        if (s.seq === 4) controller.abort();
      },
    });
    expect(result.interrupted).toBe(true);
    expect(result.samples).toHaveLength(5);
    expect(rt.live.size).toBe(0);
  });

  it('turns a runtime that throws at launch into a failed sample', async () => {
    const broken = new FakeRuntime('broken', 'container', [{ ready: 1 }]);
    broken.start = () => {
      throw new Error('ENOENT: no such binary');
    };
    const result = await runScenarios({
      runId: 'r',
      plans: [{ scenario: scenario({ warmup: 0, iterations: 1 }), runtimes: [broken] }],
      sink: () => {},
    });
    expect(result.samples[0]).toMatchObject({ outcome: 'failed', error: 'could not launch: ENOENT: no such binary' });
  });
});

describe('runScenarios with performance workloads', () => {
  const cpuOutput = readFileSync(new URL('../../fixtures/workload-output/cpu-host.txt', import.meta.url), 'latin1');
  const syscallOutput = readFileSync(new URL('../../fixtures/workload-output/syscall-host.txt', import.meta.url), 'latin1');
  // The fake prints its own ready marker: drop the captured one (and init's) from the fixture.
  const afterReady = (text: string): string => text.slice(text.indexOf('\n', text.indexOf('VMBENCH_READY')) + 1);

  it('runs each workload in turn, interleaved across runtimes, with its metrics in every sample', async () => {
    const host = new FakeRuntime('host', 'host', [
      { ready: 3, console: afterReady(cpuOutput) },
      { ready: 3, console: afterReady(syscallOutput) },
    ]);
    const ct = new FakeRuntime('ct', 'container', [
      { ready: 5, console: afterReady(cpuOutput) },
      { ready: 5, console: afterReady(syscallOutput) },
    ]);
    const perf = scenario({
      workload: null,
      workloads: [
        { origin: 'builtin', name: 'cpu' },
        { origin: 'builtin', name: 'syscall' },
      ],
      iterations: 1,
      warmup: 0,
    });
    const result = await runScenarios({
      runId: 'r',
      plans: [{ scenario: perf, runtimes: [host, ct], workloads: [BUILTIN_WORKLOADS.cpu!, BUILTIN_WORKLOADS.syscall!] }],
      sink: () => {},
    });
    expect(result.samples.map((s) => `${s.workload}/${s.runtime}`)).toEqual(['cpu/host', 'cpu/ct', 'syscall/host', 'syscall/ct']);
    expect(host.started.map((r) => r.workload)).toEqual(['cpu', 'syscall']);
    for (const s of result.samples) expect(s.outcome, s.error ?? '').toBe('ok');
    expect(result.samples[0]!.workloadMetrics?.find((m) => m.name === 'events_per_s_1t')?.value).toBe(3208.99);
    expect(result.samples[3]!.workloadMetrics?.map((m) => m.name)).toEqual(['ns_per_call']);
  });

  it('fails a sample whose output cannot be read, with the output tail, and one that never finishes', async () => {
    const garbled = new FakeRuntime('g', 'container', [
      { ready: 1, console: 'VMBENCH_STEP name=getppid calls=1000\nSegmentation fault\nVMBENCH_DONE status=139\n' },
    ]);
    const silent = new FakeRuntime('s', 'container', [{ ready: 1, console: 'VMBENCH_STEP name=getppid calls=1000\nstill going\n' }]);
    const perf = scenario({ workload: null, workloads: [{ origin: 'builtin', name: 'syscall' }], iterations: 1, warmup: 0 });
    const result = await runScenarios({
      runId: 'r',
      plans: [{ scenario: perf, runtimes: [garbled, silent], workloads: [BUILTIN_WORKLOADS.syscall!] }],
      sink: () => {},
    });
    expect(result.samples[0]).toMatchObject({ outcome: 'failed', workloadMetrics: null });
    expect(result.samples[0]!.error).toContain('status 139');
    expect(result.samples[0]!.error).toContain('Segmentation fault');
    // The fake "exits" after its output: the collector says the workload did not finish.
    expect(result.samples[1]).toMatchObject({ outcome: 'failed', workloadMetrics: null });
    expect(result.samples[1]!.error).toContain('before the workload finished; output: still going');
  });
});

describe('runScenarios honours the metrics key', () => {
  it('still stops and reaps the instance but records no teardown when metrics leaves it out', async () => {
    const rt = new FakeRuntime('ct', 'container', [{ ready: 5, teardown: 3 }]);
    const result = await runScenarios({
      runId: 'r',
      plans: [{ scenario: scenario({ warmup: 0, metrics: ['startup'] }), runtimes: [rt] }],
      sink: () => {},
    });
    expect(result.samples.map((s) => [s.startupMs, s.teardownMs])).toEqual([
      [5, null],
      [5, null],
      [5, null],
    ]);
    expect(rt.live.size).toBe(0);
  });
});

describe('runScenarios with adaptive sampling (untilCi)', () => {
  it('stops a steady runtime at the minimum, keeps sampling a noisy one to the maximum, interleaved, and says why on the last sample', async () => {
    const steady = new FakeRuntime('steady', 'container', [{ ready: 5 }, { ready: 5.01 }, { ready: 4.99 }]);
    // A startup that doubles and halves: its median's interval never gets within 3 %.
    const noisy = new FakeRuntime('noisy', 'vm', [{ ready: 1000 }, { ready: 2000 }, { ready: 1300 }, { ready: 2600 }, { ready: 800 }]);
    const sunk: StartupSample[] = [];
    const result = await runScenarios({
      runId: 'r',
      sink: (s) => sunk.push({ ...s }),
      plans: [
        { scenario: scenario({ iterations: 4, warmup: 1, adaptive: { untilCi: 0.03, maxIterations: 9 } }), runtimes: [steady, noisy] },
      ],
    });
    const measured = (name: string): StartupSample[] => result.samples.filter((s) => s.runtime === name && !s.warmup);
    expect(measured('steady')).toHaveLength(4);
    expect(measured('noisy')).toHaveLength(9);
    // Warmups first, then rounds over the runtimes still sampling, rotated as the fixed schedule.
    expect(result.samples.slice(0, 6).map((s) => `${s.runtime}${s.warmup ? 'w' : ''}`)).toEqual([
      'steadyw',
      'noisyw',
      'steady',
      'noisy',
      'noisy',
      'steady',
    ]);
    expect(result.samples.slice(-5).every((s) => s.runtime === 'noisy')).toBe(true);
    const lastSteady = measured('steady').at(-1)!;
    expect(lastSteady.sampling).toMatchObject({ stopped: 'ci', iterations: 4, untilCi: 0.03 });
    expect(lastSteady.sampling!.ciRelative!).toBeLessThanOrEqual(0.03);
    expect(lastSteady.sampling!.detail).toMatch(/within .*% of it \(target 3\.0%\) after 4 samples/);
    expect(measured('noisy').at(-1)!.sampling).toMatchObject({ stopped: 'max', iterations: 9 });
    expect(measured('noisy').at(-1)!.sampling!.detail).toMatch(
      /reached maxIterations 9 with the 95% CI of the median still .*% \(target 3\.0%\)/,
    );
    // Only the last sample of each runtime carries the reason, and the sample log got it too.
    expect(result.samples.filter((s) => s.sampling !== undefined)).toHaveLength(2);
    expect(sunk.filter((s) => s.sampling !== undefined).map((s) => s.runtime)).toEqual(['steady', 'noisy']);
    expect(steady.live.size + noisy.live.size).toBe(0);
  });

  it('checks every metric of a performance workload, and restarts the count for the next workload', async () => {
    const out = (v: number): string => `VMBENCH_STEP name=run\nvalue=${v}\nVMBENCH_DONE status=0\n`;
    const rt = new FakeRuntime('ct', 'container', [
      { ready: 5, console: out(100) },
      { ready: 5, console: out(100.5) },
      { ready: 5, console: out(99.5) },
    ]);
    const workload = {
      ...BUILTIN_WORKLOADS.cpu!,
      name: 'w',
      parse: (o: { lines: string[] }) => ({
        ok: true as const,
        metrics: [
          { name: 'value', unit: 'x', better: 'higher' as const, value: Number(o.lines.find((l) => l.startsWith('value='))?.slice(6)) },
        ],
      }),
    };
    const result = await runScenarios({
      runId: 'r',
      sink: () => {},
      plans: [
        {
          scenario: scenario({ workload: null, workloads: [], iterations: 3, warmup: 0, adaptive: { untilCi: 0.05, maxIterations: 6 } }),
          runtimes: [rt],
          workloads: [workload, { ...workload, name: 'w2' }],
        },
      ],
    });
    expect(result.samples.map((s) => `${s.workload}:${s.outcome}`)).toEqual(['w:ok', 'w:ok', 'w:ok', 'w2:ok', 'w2:ok', 'w2:ok']);
    expect(result.samples.filter((s) => s.sampling?.stopped === 'ci').map((s) => s.workload)).toEqual(['w', 'w2']);
  });
});
