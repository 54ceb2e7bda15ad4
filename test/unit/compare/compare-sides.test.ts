import { describe, expect, it } from 'vitest';
import { compareSides as compare, type ComparisonResult, type MetricComparison } from '../../../harness/compare/compare-runs.js';
import { exitCodeFor, splitSides } from '../../../harness/cli/commands/compare.js';
import { DEFAULT_ALPHA, DEFAULT_MIN_EFFECT, type Thresholds } from '../../../harness/compare/thresholds.js';
import type { ComparableRun } from '../../../harness/compare/comparable-run.js';
import type { StartupSample } from '../../../harness/results/format.js';
import { makeEnv, makeRunData } from '../../fixtures/report/make-run-data.js';

const DEFAULTS: Thresholds = { alpha: DEFAULT_ALPHA, minEffect: DEFAULT_MIN_EFFECT, rules: [] };
// Fewer bootstrap resamples than the CLI's 2000: the intervals are not what these tests check.
const compareSides = (pairs: Parameters<typeof compare>[0], t: Thresholds): ComparisonResult => compare(pairs, t, { resamples: 300 });

function metric(result: ComparisonResult, id: string): MetricComparison {
  const m = result.pairs[0]!.metrics.find((x) => x.id === id);
  if (m === undefined) throw new Error(`no metric ${id} in ${result.pairs[0]!.metrics.map((x) => x.id).join(', ')}`);
  return m;
}

const base = makeRunData({ runId: 'base', seed: 1, resamples: 300 });

describe('compareSides, one run a side', () => {
  it('finds a second run of the same configuration unchanged on every metric (no false positive)', () => {
    for (const seed of [2, 3, 4]) {
      const again = makeRunData({ runId: `again-${seed}`, seed, resamples: 300 });
      const result = compareSides([{ base: [base], other: [again] }], DEFAULTS);
      const judged = result.pairs[0]!.metrics.filter((m) => m.verdict.state !== 'not compared');
      expect(judged.length).toBeGreaterThan(20);
      expect(judged.filter((m) => m.verdict.state !== 'no significant change').map((m) => m.id)).toEqual([]);
      expect(result.regressed + result.improved).toBe(0);
      expect(result.pairs[0]!.level).toBe('samples');
      expect(result.pairs[0]!.levelNote).toMatch(/only within-run noise/);
    }
  });

  it('compares startup, teardown, each phase, memory by each method and the density slope', () => {
    const result = compareSides([{ base: [base], other: [makeRunData({ runId: 'b', seed: 2 })] }], DEFAULTS);
    const ids = result.pairs[0]!.metrics.map((m) => m.id);
    for (const id of [
      'busybox-echo/qemu-q35/startup',
      'busybox-echo/runc/teardown',
      'busybox-echo/qemu-q35/phase:kernel_to_init',
      'idle-density/runc/memory.pss',
      'idle-density/runc/memory.cgroup',
      'idle-density/qemu-q35/memory.inside',
      'idle-density/runc/density.slope',
    ]) {
      expect(ids).toContain(id);
    }
    expect(metric(result, 'idle-density/runc/density.slope').test).toBe('z-log-ratio');
    expect(metric(result, 'busybox-echo/qemu-q35/startup').test).toBe('mann-whitney-exact');
  });

  it('calls 30 % slower a regression and 30 % faster an improvement, with p, ratio and interval', () => {
    const slower = compareSides([{ base: [base], other: [makeRunData({ runId: 'slow', seed: 2, scale: 1.3 })] }], DEFAULTS);
    const q35 = metric(slower, 'busybox-echo/qemu-q35/startup');
    expect(q35.verdict.state).toBe('regressed');
    expect(q35.ratio).toBeGreaterThan(1.2);
    expect(q35.ratioCi95![0]).toBeGreaterThan(1.1);
    expect(q35.pAdjusted).toBeLessThan(0.01);
    expect(q35.difference).toBeCloseTo(q35.other!.median - q35.base!.median, 9);
    expect(slower.regressed).toBeGreaterThan(10);
    expect(exitCodeFor(slower, 'regression')).toBe(1);
    expect(exitCodeFor(slower, undefined)).toBe(0);
    const faster = compareSides([{ base: [base], other: [makeRunData({ runId: 'fast', seed: 2, scale: 0.7 })] }], DEFAULTS);
    expect(metric(faster, 'busybox-echo/qemu-q35/startup').verdict.state).toBe('improved');
    expect(exitCodeFor(faster, 'regression')).toBe(0);
    expect(exitCodeFor(faster, 'change')).toBe(1);
  });

  it('keeps a significant change below the minimum effect "no significant change", unless a rule lowers it', () => {
    const tight = { sigma: 0.005, density: 'none' as const, probes: 'none' as const, failures: [] };
    const a = makeRunData({ runId: 'a', seed: 1, ...tight });
    const b = makeRunData({ runId: 'b', seed: 2, scale: 1.03, ...tight });
    const result = compareSides([{ base: [a], other: [b] }], DEFAULTS);
    const m = metric(result, 'busybox-echo/runc/startup');
    expect(m.pAdjusted).toBeLessThan(0.01);
    expect(m.verdict).toEqual({ state: 'no significant change', because: 'below minimum effect' });
    expect(m.detectable).toBe(DEFAULT_MIN_EFFECT);
    const ruled = compareSides([{ base: [a], other: [b] }], {
      ...DEFAULTS,
      rules: [
        { metric: 'startup', runtime: 'run*', minEffect: 0.01 },
        { metric: 'phase:*', ignore: true },
      ],
    });
    expect(metric(ruled, 'busybox-echo/runc/startup').verdict.state).toBe('regressed');
    expect(metric(ruled, 'busybox-echo/qemu-q35/startup').verdict.state).toBe('no significant change');
    expect(ruled.pairs[0]!.metrics.some((x) => x.metric.startsWith('phase:'))).toBe(false);
  });

  it('corrects over every test (Holm): the adjusted p is never below the raw p, and m is the number of tests', () => {
    const result = compareSides(
      [
        { base: [base], other: [makeRunData({ runId: 'b', seed: 2 })] },
        { base: [base], other: [makeRunData({ runId: 'c', seed: 3 })] },
      ],
      DEFAULTS,
    );
    const tested = result.pairs.flatMap((p) => p.metrics).filter((m) => m.p !== null);
    expect(result.tests).toBe(tested.length);
    for (const m of tested) expect(m.pAdjusted!).toBeGreaterThanOrEqual(m.p!);
    const smallest = tested.reduce((a, b) => (a.p! < b.p! ? a : b));
    expect(smallest.pAdjusted).toBeCloseTo(Math.min(1, smallest.p! * tested.length), 12);
  });

  it('says why a metric is not compared', () => {
    const fewer = makeRunData({ runId: 'fewer', seed: 2, density: 'none' });
    const result = compareSides([{ base: [base], other: [fewer] }], DEFAULTS);
    expect(metric(result, 'isolation/runc/startup').verdict).toEqual({
      state: 'not compared',
      reason: 'too few samples (1 and 1; a test needs at least 3 a side)',
    });
    expect(metric(result, 'idle-density/runc/memory.pss').verdict).toEqual({ state: 'not compared', reason: 'only in the baseline' });
  });
});

describe('compareSides, several runs a side', () => {
  it("compares the runs' medians with ≥ 3 runs a side (run level) and pools samples below that", () => {
    const side = (prefix: string, seeds: number[], scale = 1): ComparableRun[] =>
      seeds.map((seed) => makeRunData({ runId: `${prefix}${seed}`, seed, scale, density: 'none', probes: 'none', resamples: 300 }));
    const runLevel = compareSides([{ base: side('a', [1, 2, 3]), other: side('b', [4, 5, 6], 1.25) }], DEFAULTS);
    expect(runLevel.pairs[0]!.level).toBe('runs');
    const m = metric(runLevel, 'busybox-echo/qemu-q35/startup');
    expect(m.test).toBe('welch-t-log-run-medians');
    expect(m.base!.n).toBe(3);
    expect(m.ratio).toBeGreaterThan(1.2);
    const same = compareSides([{ base: side('a', [1, 2, 3]), other: side('b', [4, 5, 6]) }], DEFAULTS);
    expect(same.regressed + same.improved).toBe(0);
    const pooled = compareSides([{ base: side('a', [1, 2]), other: side('b', [4, 5]) }], DEFAULTS);
    expect(pooled.pairs[0]!.level).toBe('samples');
    expect(pooled.pairs[0]!.levelNote).toMatch(/pooled/);
  });
});

describe('workload metrics keep their direction', () => {
  function perfRun(runId: string, eventsPerS: number[]): ComparableRun {
    const samples: StartupSample[] = eventsPerS.map((v, i) => ({
      type: 'startup',
      runId,
      seq: i,
      scenario: 'performance',
      runtime: 'runc',
      kind: 'container',
      backend: 'runc',
      accel: null,
      machine: null,
      workload: 'cpu',
      iteration: i,
      warmup: false,
      startedAt: '2026-12-02T10:00:00Z',
      outcome: 'ok',
      error: null,
      startupMs: 30,
      teardownMs: 5,
      phases: [],
      instanceKernel: null,
      guestUptimeAtReadyS: null,
      exitedBeforeStop: true,
      isolation: null,
      workloadMetrics: [{ name: 'events_per_s_1t', unit: 'events/s', better: 'higher', value: v }],
    }));
    return { meta: { runId } as ComparableRun['meta'], env: makeEnv(), samples, density: [] };
  }

  it('calls fewer events per second a regression', () => {
    const base = perfRun('a', [3356, 3340, 3371, 3362, 3349, 3358, 3366, 3351]);
    const slower = perfRun('b', [2900, 2911, 2893, 2920, 2905, 2899, 2915, 2908]);
    const result = compareSides([{ base: [base], other: [slower] }], DEFAULTS);
    const m = metric(result, 'performance/runc/cpu.events_per_s_1t');
    expect(m).toMatchObject({ unit: 'events/s', better: 'higher' });
    expect(m.verdict.state).toBe('regressed');
    expect(compareSides([{ base: [slower], other: [base] }], DEFAULTS).improved).toBe(1);
  });
});

describe('the host differences come first', () => {
  it('names each difference with both values', () => {
    const other = { ...makeRunData({ runId: 'other', seed: 2 }) };
    other.env = makeEnv({
      hostKernel: '6.12.0',
      tools: { ...makeEnv().tools, qemu: { path: '/usr/bin/qemu-system-x86_64', version: '9.2.0' } },
      loadAvgAtStart: [1.9, 1, 1],
    });
    other.env.fingerprint = {
      cpuModel: other.env.cpuModel,
      microcode: '0xd0003d1',
      cpuGovernor: 'performance',
      cpuBoost: null,
      thp: 'always',
      thpDefrag: 'madvise',
      swapTotalBytes: 0,
      swapUsedBytes: 0,
      swappiness: 60,
      ksmRun: '0',
      cgroupDriver: 'cgroupfs',
      pageCache: null,
      memAvailableBytes: null,
    };
    const diffs = compareSides([{ base: [base], other: [other] }], DEFAULTS).pairs[0]!.hostDifferences;
    const byName = Object.fromEntries(diffs.map((d) => [d.what, d]));
    expect(byName['host kernel']).toMatchObject({ base: '6.6.30-pvm-host', other: '6.12.0' });
    expect(byName['qemu version']).toMatchObject({ base: '7.2.19', other: '9.2.0' });
    // The baseline has no fingerprint (an older run): said once, its fields not listed one by one.
    expect(byName['host fingerprint (governor, THP, swap, KSM …)']).toMatchObject({
      base: 'not recorded (older vmbench)',
      other: 'recorded',
    });
    expect(byName['transparent huge pages']).toBeUndefined();
    const withFingerprint = { ...base, env: { ...base.env, fingerprint: { ...other.env.fingerprint, thp: 'madvise' } } };
    const both = compareSides([{ base: [withFingerprint], other: [other] }], DEFAULTS).pairs[0]!.hostDifferences;
    expect(both.find((d) => d.what === 'transparent huge pages')).toMatchObject({ base: 'madvise', other: 'always' });
    expect(both.find((d) => d.what === 'swappiness')).toBeUndefined();
    expect(byName['load average at start (1 min)']).toBeDefined();
    expect(byName['CPU']).toBeUndefined();
  });
});

describe('splitSides', () => {
  it('reads BASE NEW NEW as two comparisons and A A -- B B as two sides', () => {
    expect(splitSides(['a', 'b', 'c'], ['compare', 'a', 'b', 'c'])).toEqual({ base: ['a'], others: [['b'], ['c']] });
    expect(splitSides(['a1', 'a2', 'b1', 'b2'], ['compare', '--json', 'a1', 'a2', '--', 'b1', 'b2'])).toEqual({
      base: ['a1', 'a2'],
      others: [['b1', 'b2']],
    });
    expect(() => splitSides(['a'], ['compare', 'a'])).toThrow(/at least one new/);
    expect(() => splitSides(['a'], ['compare', 'a', '--'])).toThrow(/after "--"/);
  });
});
