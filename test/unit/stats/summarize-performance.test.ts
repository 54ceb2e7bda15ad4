/** Performance summaries: medians and intervals per metric, and relative speeds whichever way a metric improves. */
import { describe, it, expect } from 'vitest';
import type { StartupSample, WorkloadMetric } from '../../../harness/results/format.js';
import { summarize } from '../../../harness/stats/summarize.js';

function sample(
  runtime: string,
  kind: StartupSample['kind'],
  i: number,
  metrics: WorkloadMetric[] | null,
  outcome: StartupSample['outcome'] = 'ok',
): StartupSample {
  return {
    type: 'startup',
    runId: 'r',
    seq: i,
    scenario: 'performance',
    runtime,
    kind,
    backend: kind === 'vm' ? 'qemu' : kind === 'host' ? 'host' : 'runc',
    accel: kind === 'vm' ? 'tcg' : null,
    machine: kind === 'vm' ? 'q35' : null,
    workload: 'cpu',
    iteration: i,
    warmup: false,
    startedAt: '2026-12-01T00:00:00Z',
    outcome,
    error: outcome === 'ok' ? null : 'x',
    startupMs: 5,
    teardownMs: 1,
    phases: [],
    instanceKernel: null,
    guestUptimeAtReadyS: null,
    exitedBeforeStop: true,
    isolation: null,
    workloadMetrics: metrics,
  };
}
const m = (events: number, seconds: number): WorkloadMetric[] => [
  { name: 'events_per_s', unit: 'events/s', better: 'higher', value: events },
  { name: 'wall_s', unit: 's', better: 'lower', value: seconds },
];

describe('summarizePerformance (through summarize)', () => {
  const samples = [
    ...[1000, 1010, 990, 1005, 995].map((e, i) => sample('host', 'host', i, m(e, 1))),
    ...[500, 505, 495, 502, 498].map((e, i) => sample('vm', 'vm', 10 + i, m(e, 2))),
    ...[1000, 1000, 1000, 1000].map((e, i) => sample('ct', 'container', 20 + i, m(e, 1))),
    sample('ct', 'container', 30, null, 'failed'),
  ];
  const summary = summarize('r', samples, true);

  it('gives each metric its median, interval and counts per runtime', () => {
    const vm = summary.performance!.find((w) => w.runtime === 'vm')!;
    expect(vm.workload).toBe('cpu');
    expect(vm.metrics.map((x) => [x.name, x.median, x.n])).toEqual([
      ['events_per_s', 500, 5],
      ['wall_s', 2, 5],
    ]);
    expect(vm.metrics[0]!.medianCi95![0]).toBeLessThanOrEqual(500);
    const ct = summary.performance!.find((w) => w.runtime === 'ct')!;
    expect(ct.metrics[0]).toMatchObject({ n: 4, failures: 1 });
  });

  it('expresses every ratio as a speed: below 1 is slower, for higher- and lower-is-better metrics alike', () => {
    const vmVsHost = summary.performanceRatios!.filter((r) => r.runtime === 'vm' && r.against === 'host');
    expect(vmVsHost.map((r) => [r.metric, r.relative])).toEqual([
      ['events_per_s', 0.5],
      ['wall_s', 0.5],
    ]);
    expect(vmVsHost[0]!.ci95![1]).toBeLessThan(1);
    const vmVsCt = summary.performanceRatios!.find((r) => r.against === 'vm-container' && r.metric === 'events_per_s')!;
    expect(vmVsCt).toMatchObject({ runtime: 'vm', baseline: 'ct', relative: 0.5 });
    const ctVsHost = summary.performanceRatios!.find((r) => r.runtime === 'ct' && r.against === 'host' && r.metric === 'events_per_s')!;
    expect(ctVsHost.relative).toBe(1);
  });

  it("carries a disk workload's host page-cache reading as the median over ok samples; none for other workloads", () => {
    const disk = (i: number, cachedMiB: number | null, outcome: StartupSample['outcome'] = 'ok'): StartupSample => ({
      ...sample('runsc', 'container', i, m(1000, 1), outcome),
      workload: 'disk',
      hostDiskCache: cachedMiB === null ? null : { cachedMiB, fileMiB: 128 },
    });
    const s = summarize('r', [disk(0, 100), disk(1, 128), disk(2, 120), disk(3, 1, 'failed'), disk(4, null)], true);
    expect(s.performance!.find((w) => w.workload === 'disk')!.hostDiskCache).toEqual({ cachedMiB: 120, fileMiB: 128 });
    expect(summarize('r', [disk(0, null)], true).performance![0]!.hostDiskCache).toBeNull();
    expect('hostDiskCache' in summary.performance![0]!).toBe(false);
  });

  it('leaves a lifecycle-only summary without performance keys', () => {
    const lifecycle = summarize('r', [sample('ct', 'container', 0, null)], true);
    expect('performance' in lifecycle).toBe(false);
  });
});

describe('performance warnings', () => {
  it('names a noisy metric and failed samples of a workload', () => {
    const noisy = [100, 150, 60, 120, 80].map((e, i) => sample('busy', 'container', i, m(e, 1)));
    const summary = summarize('r', [...noisy, sample('busy', 'container', 9, null, 'failed')], true);
    expect(summary.warnings).toContainEqual({
      scenario: 'performance',
      runtime: 'busy',
      workload: 'cpu',
      metric: null,
      kind: 'failures',
      message:
        'performance/busy cpu: 1 of 6 samples failed or timed out; they are excluded from the statistics. See the error field of those samples in samples.jsonl.',
    });
    expect(
      summary.warnings.some(
        (w) =>
          w.kind === 'noisy' &&
          w.metric === 'events_per_s' &&
          w.message.startsWith('performance/busy cpu events_per_s: the samples vary widely'),
      ),
    ).toBe(true);
    expect(summary.warnings.some((w) => w.metric === 'wall_s' || w.message.startsWith('performance/busy cpu wall_s'))).toBe(false);
  });
});
