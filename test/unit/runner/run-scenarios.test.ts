import { describe, it, expect } from 'vitest';
import { runScenarios } from '../../../harness/runner/run-scenarios.js';
import { FakeRuntime } from '../../../harness/runtimes/fake/fake-runtime.js';
import type { Scenario } from '../../../harness/scenario/types.js';
import type { StartupSample } from '../../../harness/results/format.js';

const scenario = (over: Partial<Scenario> = {}): Scenario => ({
  name: 'fake', description: '', file: '/x.yaml', workload: 'hello', workloads: [], metrics: ['startup', 'teardown'],
  iterations: 3, warmup: 1, order: 'interleaved', timeoutMs: 1000, runtimes: [], density: null, ...over,
});

describe('runScenarios with a fake runtime', () => {
  it('interleaves runtimes, records warmups, and hands every sample to the sink in order', async () => {
    const vm = new FakeRuntime('vm', 'vm', [{ ready: 2000, teardown: 10 }]);
    const ct = new FakeRuntime('ct', 'container', [{ ready: 5, teardown: 2 }]);
    const sunk: StartupSample[] = [];
    const result = await runScenarios({ runId: '20261129-000000-abcd', plans: [{ scenario: scenario(), runtimes: [vm, ct] }], sink: (s) => sunk.push(s) });
    expect(result.interrupted).toBe(false);
    expect(sunk).toEqual(result.samples);
    expect(result.samples.map((s) => `${s.runtime}${s.warmup ? 'w' : ''}`)).toEqual(['vmw', 'ctw', 'vm', 'ct', 'ct', 'vm', 'vm', 'ct']);
    expect(result.samples.map((s) => s.seq)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    const ok = result.samples.find((s) => s.runtime === 'vm' && !s.warmup)!;
    expect(ok).toMatchObject({ outcome: 'ok', startupMs: 2000, teardownMs: 10, kind: 'vm', error: null });
    expect(vm.live.size + ct.live.size).toBe(0);
  });

  it('records failures and timeouts as samples with their reasons, and goes on', async () => {
    const rt = new FakeRuntime('flaky', 'container', [{ ready: 5 }, { fail: 'exited with code 1 before the ready marker' }, { timeout: true }]);
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
      runId: 'r', plans: [{ scenario: scenario({ warmup: 0, iterations: 100 }), runtimes: [rt] }], signal: controller.signal,
      sink: (s) => { if (s.seq === 4) controller.abort(); },
    });
    expect(result.interrupted).toBe(true);
    expect(result.samples).toHaveLength(5);
    expect(rt.live.size).toBe(0);
  });

  it('turns a runtime that throws at launch into a failed sample', async () => {
    const broken = new FakeRuntime('broken', 'container', [{ ready: 1 }]);
    broken.start = () => { throw new Error('ENOENT: no such binary'); };
    const result = await runScenarios({ runId: 'r', plans: [{ scenario: scenario({ warmup: 0, iterations: 1 }), runtimes: [broken] }], sink: () => {} });
    expect(result.samples[0]).toMatchObject({ outcome: 'failed', error: 'could not launch: ENOENT: no such binary' });
  });
});
