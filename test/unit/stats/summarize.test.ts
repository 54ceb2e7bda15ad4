import { describe, expect, it } from 'vitest';
import { RESULTS_FORMAT_VERSION, type StartupSample } from '../../../harness/results/format.js';
import { summarize } from '../../../harness/stats/summarize.js';

let seq = 0;
function sample(over: Partial<StartupSample> & Pick<StartupSample, 'runtime'>): StartupSample {
  const vm = over.runtime.startsWith('qemu');
  return {
    type: 'startup',
    runId: 'r1',
    seq: seq++,
    scenario: 'minimal',
    kind: vm ? 'vm' : 'container',
    backend: vm ? 'qemu' : 'runc',
    workload: 'hello',
    iteration: 0,
    warmup: false,
    startedAt: '2026-11-29T08:43:07.000Z',
    accel: vm ? 'kvm' : null,
    machine: vm ? 'q35' : null,
    outcome: 'ok',
    error: null,
    startupMs: 100,
    teardownMs: 10,
    phases: [],
    instanceKernel: null,
    guestUptimeAtReadyS: null,
    exitedBeforeStop: false,
    isolation: null,
    ...over,
  };
}

function run(): StartupSample[] {
  seq = 0;
  const out: StartupSample[] = [];
  // Warmups come first and are wildly slow: they must not count anywhere.
  out.push(sample({ runtime: 'qemu-q35', warmup: true, startupMs: 5000 }));
  out.push(sample({ runtime: 'runc', warmup: true, startupMs: 5000 }));
  const vmStart = [300, 310, 305, 295, 302];
  const ctStart = [20, 22, 21, 19, 20];
  for (let i = 0; i < 5; i++) {
    out.push(
      sample({
        runtime: 'qemu-q35',
        iteration: i,
        startupMs: vmStart[i],
        teardownMs: 50 + i,
        phases: [
          { name: 'vmm_firmware_kernel_load', ms: 100 + i },
          { name: 'kernel_to_init', ms: 150 },
        ],
      }),
    );
    out.push(
      sample({
        runtime: 'runc',
        iteration: i,
        startupMs: ctStart[i],
        teardownMs: 5,
        phases: [{ name: 'runtime_setup', ms: 10 }],
      }),
    );
  }
  out.push(sample({ runtime: 'qemu-q35', iteration: 5, outcome: 'failed', error: 'exit 1', startupMs: null, teardownMs: null }));
  out.push(sample({ runtime: 'qemu-q35', iteration: 6, outcome: 'timeout', error: 'timeout', startupMs: null, teardownMs: 40 }));
  return out;
}

describe('summarize', () => {
  const s = summarize('r1', run(), true);

  it('groups by (scenario, runtime) in first-appearance order, ignoring warmups', () => {
    expect(s.formatVersion).toBe(RESULTS_FORMAT_VERSION);
    expect(s.runId).toBe('r1');
    expect(s.complete).toBe(true);
    expect(s.runtimes.map((r) => r.runtime)).toEqual(['qemu-q35', 'runc']);
    const vm = s.runtimes[0];
    expect(vm).toMatchObject({ scenario: 'minimal', kind: 'vm', backend: 'qemu', accel: 'kvm', machine: 'q35' });
    expect(vm?.startup).toMatchObject({ n: 5, failures: 1, timeouts: 1, min: 295, max: 310, median: 302, mean: 302.4 });
    // The timed-out sample's teardown is not an ok sample: excluded.
    expect(vm?.teardown).toMatchObject({ n: 5, median: 52 });
  });

  it('summarizes each phase by name', () => {
    const vm = s.runtimes[0];
    expect(Object.keys(vm?.phases ?? {})).toEqual(['vmm_firmware_kernel_load', 'kernel_to_init']);
    expect(vm?.phases['vmm_firmware_kernel_load']).toMatchObject({ n: 5, median: 102, min: 100 });
    expect(s.runtimes[1]?.phases['runtime_setup']).toMatchObject({ n: 5, median: 10, sd: 0 });
  });

  it('compares each VM with each container on startup and teardown', () => {
    expect(s.comparisons).toHaveLength(2);
    const [startup, teardown] = s.comparisons;
    expect(startup).toMatchObject({ scenario: 'minimal', metric: 'startup', vm: 'qemu-q35', container: 'runc' });
    expect(startup?.ratio).toBeCloseTo(302 / 20, 12);
    const [lo, hi] = startup?.ci95 as [number, number];
    expect(lo).toBeLessThanOrEqual(startup?.ratio as number);
    expect(hi).toBeGreaterThanOrEqual(startup?.ratio as number);
    expect(teardown).toMatchObject({ metric: 'teardown', ratio: 52 / 5 });
  });

  it('warns about failures and is deterministic', () => {
    expect(s.warnings).toEqual([
      {
        scenario: 'minimal',
        runtime: 'qemu-q35',
        metric: null,
        kind: 'failures',
        message:
          'minimal/qemu-q35: 1 of 7 launches failed and 1 timed out; they are excluded from the statistics. See the error field of those samples in samples.jsonl.',
      },
    ]);
    expect(summarize('r1', run(), true)).toEqual(s);
  });

  it('handles an empty run and a runtime with no successful sample', () => {
    expect(summarize('r0', [], false)).toEqual({
      formatVersion: RESULTS_FORMAT_VERSION,
      runId: 'r0',
      complete: false,
      runtimes: [],
      comparisons: [],
      warnings: [],
    });
    seq = 0;
    const only = summarize(
      'r2',
      [sample({ runtime: 'qemu-q35', outcome: 'timeout', startupMs: null, teardownMs: null }), sample({ runtime: 'runc' })],
      false,
    );
    expect(only.runtimes[0]?.startup).toMatchObject({ n: 0, timeouts: 1, median: null });
    expect(only.comparisons).toEqual([]);
    expect(only.warnings.map((x) => x.message)).toContain('minimal/qemu-q35: no successful samples, so there are no statistics for it.');
    expect(only.warnings.map((x) => x.message)).toContain(
      'minimal/runc: only 1 successful sample; too few samples for a confidence interval. Use at least 3 iterations (10 or more recommended).',
    );
  });
});

describe('summarize warnings', () => {
  function series(startups: number[], runtime = 'qemu-q35'): StartupSample[] {
    seq = 0;
    return startups.map((ms, i) => sample({ runtime, iteration: i, startupMs: ms, teardownMs: 10 }));
  }

  it('warns about outliers', () => {
    const w = summarize('r', series([300, 301, 302, 303, 304, 305, 306, 307, 308, 2000]), true).warnings;
    expect(w).toContainEqual({
      scenario: 'minimal',
      runtime: 'qemu-q35',
      metric: 'startup',
      kind: 'outliers',
      message:
        'minimal/qemu-q35 startup: 1 of 10 samples is a statistical outlier; the host may have been busy. Consider more iterations or a quieter machine.',
    });
  });

  it('uses the plural for several outliers', () => {
    const w = summarize('r', series([300, 301, 302, 303, 304, 305, 306, 307, 2000, 2100]), true).warnings.map((x) => x.message);
    expect(w.some((x) => x.startsWith('minimal/qemu-q35 startup: 2 of 10 samples are statistical outliers;'))).toBe(true);
  });

  it('warns about high noise (sd/mean > 0.2)', () => {
    const w = summarize('r', series([100, 200, 300, 150, 250]), true).warnings;
    expect(w).toEqual([
      {
        scenario: 'minimal',
        runtime: 'qemu-q35',
        metric: 'startup',
        kind: 'noisy',
        message:
          'minimal/qemu-q35 startup: the samples vary widely (standard deviation is 40% of the mean); the host may have been busy. Consider more iterations or a quieter machine.',
      },
    ]);
  });

  it('warns about a slow first measured sample', () => {
    const w = summarize('r', series([900, 300, 302, 305, 301, 299, 303, 300, 304, 298]), true).warnings;
    expect(w.filter((x) => x.kind === 'first-run' && x.metric === 'startup').map((x) => x.message)).toContain(
      'minimal/qemu-q35 startup: the first measured sample (900 ms) took more than 2× the median (302 ms); first-run effect: consider more warmup iterations.',
    );
  });

  it('warns about too few samples once when startup and teardown agree', () => {
    const w = summarize('r', series([300, 310]), true).warnings;
    expect(w.map((x) => [x.kind, x.metric])).toEqual([['too-few-samples', null]]);
    expect(w.map((x) => x.message)).toEqual([
      'minimal/qemu-q35: only 2 successful samples; too few samples for a confidence interval. Use at least 3 iterations (10 or more recommended).',
    ]);
  });

  it('is silent on clean data', () => {
    expect(summarize('r', series([300, 302, 301, 305, 299, 303]), true).warnings).toEqual([]);
  });
});

describe('summarize: probe-only scenarios', () => {
  it('gives no ratios and no few-sample warnings for the probe workload (facts, not timings)', async () => {
    const { summarize } = await import('../../../harness/stats/summarize.js');
    const base = {
      type: 'startup' as const,
      runId: 'r',
      scenario: 'isolation',
      workload: 'probe',
      iteration: 0,
      warmup: false,
      startedAt: '2026-11-29T00:00:00Z',
      outcome: 'ok' as const,
      error: null,
      teardownMs: 5,
      phases: [],
      instanceKernel: null,
      guestUptimeAtReadyS: null,
      exitedBeforeStop: false,
      isolation: null,
    };
    const s = summarize(
      'r',
      [
        { ...base, seq: 0, runtime: 'vm', kind: 'vm', backend: 'qemu', accel: 'tcg', machine: 'q35', startupMs: 2000 },
        { ...base, seq: 1, runtime: 'ct', kind: 'container', backend: 'runc', accel: null, machine: null, startupMs: 30 },
      ],
      true,
    );
    expect(s.runtimes).toHaveLength(2);
    expect(s.comparisons).toEqual([]);
    expect(s.warnings).toEqual([]);
  });
});

describe('teardown of instances that had already exited by themselves', () => {
  it('is left out of the teardown statistics, counted, and given with them separately', () => {
    seq = 0;
    const samples = [
      ...[40, 42, 44].map((t) => sample({ runtime: 'runc', teardownMs: t, stop: 'graceful' })),
      ...[2, 3].map((t) => sample({ runtime: 'runc', teardownMs: t, exitedBeforeStop: true, stop: 'graceful' })),
    ];
    const rs = summarize('r1', samples, true).runtimes[0]!;
    expect(rs.teardown).toMatchObject({ n: 3, median: 42 });
    expect(rs.teardownExitedBeforeStop).toBe(2);
    expect(rs.teardownAll).toMatchObject({ n: 5, median: 40 });
    expect(rs.stop).toBe('graceful');
  });

  it('adds nothing when every instance was still running', () => {
    seq = 0;
    const rs = summarize(
      'r1',
      [40, 41, 42].map((t) => sample({ runtime: 'runc', teardownMs: t })),
      true,
    ).runtimes[0]!;
    expect(rs).not.toHaveProperty('teardownExitedBeforeStop');
    expect(rs).not.toHaveProperty('teardownAll');
  });
});
