import { describe, expect, it } from 'vitest';
import type { DensityEnd, DensityRecord, DensityStep, InstanceMemory, Summary } from '../../../harness/results/format.js';
import { linearFit } from '../../../harness/stats/linear-fit.js';
import { summarizeDensity, withDensity } from '../../../harness/stats/summarize-density.js';

const MiB = 2 ** 20;
const GiB = 2 ** 30;

describe('linearFit', () => {
  it('recovers an exact line: r² = 1 and no slope error', () => {
    const fit = linearFit([1, 2, 3, 4], [5, 7, 9, 11]);
    expect(fit).toEqual({ slope: 2, intercept: 3, slopeStdErr: 0, r2: 1, n: 4 });
  });

  it('matches scipy.stats.linregress on a noisy line', () => {
    // linregress([1..6], [2.1, 3.9, 6.2, 7.8, 10.1, 12.2]): slope 2.02, intercept -0.02,
    // rvalue² 0.9982106661074996, stderr 0.04276179870599006.
    const fit = linearFit([1, 2, 3, 4, 5, 6], [2.1, 3.9, 6.2, 7.8, 10.1, 12.2]);
    expect(fit?.slope).toBeCloseTo(2.02, 12);
    expect(fit?.intercept).toBeCloseTo(-0.02, 12);
    expect(fit?.r2).toBeCloseTo(0.9982106661074996, 12);
    expect(fit?.slopeStdErr).toBeCloseTo(0.04276179870599006, 12);
    expect(fit?.n).toBe(6);
  });

  it('keeps precision on byte-sized values', () => {
    const fit = linearFit([1, 2, 3], [20 * GiB + 140 * MiB, 20 * GiB + 280 * MiB, 20 * GiB + 420 * MiB]);
    expect(fit?.slope).toBe(140 * MiB);
    expect(fit?.slopeStdErr).toBe(0);
  });

  it('has no slope error for two points and no r² for a flat line', () => {
    expect(linearFit([1, 3], [2, 6])).toEqual({ slope: 2, intercept: 0, slopeStdErr: null, r2: 1, n: 2 });
    expect(linearFit([1, 2, 3], [4, 4, 4])).toEqual({ slope: 0, intercept: 4, slopeStdErr: 0, r2: null, n: 3 });
  });

  it('gives no line for fewer than two points or a single x', () => {
    expect(linearFit([], [])).toBeNull();
    expect(linearFit([1], [1])).toBeNull();
    expect(linearFit([2, 2, 2], [1, 2, 3])).toBeNull();
  });

  it('refuses x and y of different lengths', () => {
    expect(() => linearFit([1, 2], [1])).toThrow(RangeError);
  });
});

let seq = 0;
const vmIdent = {
  runId: 'r1',
  scenario: 'density',
  runtime: 'qemu-q35',
  kind: 'vm',
  backend: 'qemu',
  accel: 'tcg',
  machine: 'q35',
} as const;
const ctIdent = {
  runId: 'r1',
  scenario: 'density',
  runtime: 'runc',
  kind: 'container',
  backend: 'runc',
  accel: null,
  machine: null,
} as const;

function memory(over: Partial<InstanceMemory>): InstanceMemory {
  return { pssBytes: null, rssBytes: null, cgroupBytes: null, insideBytes: null, configuredBytes: null, ...over };
}

type Ident = typeof vmIdent | typeof ctIdent;

function step(ident: Ident, over: Partial<DensityStep> & Pick<DensityStep, 'running' | 'memAvailableBytes'>): DensityStep {
  return {
    type: 'density-step',
    ...ident,
    seq: seq++,
    outcome: 'ok',
    error: null,
    startupMs: 10,
    cacheDropped: true,
    pssTotalBytes: null,
    instance: null,
    loadAvg1: 0.5,
    harnessRssBytes: 80 * MiB,
    harnessCpuMs: 100,
    elapsedMs: 1000,
    ...over,
  };
}

function end(ident: Ident, over: Partial<DensityEnd> = {}): DensityEnd {
  return {
    type: 'density-end',
    ...ident,
    seq: seq++,
    baselineMemAvailableBytes: 20 * GiB,
    memTotalBytes: 24 * GiB,
    reserveBytes: 2 * GiB,
    instances: 5,
    stopReason: 'max',
    stopDetail: "reached the scenario's maximum of 5 instances",
    teardownMs: 800,
    teardownProblems: null,
    ksm: null,
    ...over,
  };
}

/**
 * A VM costing ~140 MiB each: host memory used after each ok step is 142, 280, 424, 568, 704 MiB
 * (drops 142, 138, 140, 144, 136; median 140), with one failed launch that left 4 MiB behind
 * between the 2nd and 3rd. scipy: slope 141.2 MiB, intercept 0, r² 0.99990, stderr 0.8327 MiB.
 */
function vmRun(): DensityRecord[] {
  const base = 20 * GiB;
  const vm = (running: number, usedMiB: number, startupMs: number, pss: number, inside: number, pssTotal: number | null): DensityStep =>
    step(vmIdent, {
      running,
      memAvailableBytes: base - usedMiB * MiB,
      startupMs,
      pssTotalBytes: pssTotal === null ? null : pssTotal * MiB,
      instance: memory({ pssBytes: pss * MiB, rssBytes: (pss + 10) * MiB, insideBytes: inside * MiB, configuredBytes: 128 * MiB }),
    });
  return [
    vm(1, 142, 2000, 140, 30, 140),
    vm(2, 280, 2100, 139, 31, null),
    step(vmIdent, {
      running: 2,
      memAvailableBytes: base - 284 * MiB,
      outcome: 'failed',
      error: 'exit 1',
      startupMs: null,
      harnessRssBytes: 95 * MiB,
    }),
    vm(3, 424, 2300, 141, 29, 420),
    vm(4, 568, 2400, 140, 30, null),
    vm(5, 704, 2500, 142, 32, 700),
    end(vmIdent),
  ];
}

/** A container costing exactly 3 MiB of host memory each. */
function containerRun(): DensityRecord[] {
  const base = 20 * GiB - 10 * MiB;
  const steps = [2.5, 2.4, 2.6, 2.5, 2.5].map((pss, i) =>
    step(ctIdent, {
      running: i + 1,
      memAvailableBytes: base - 3 * (i + 1) * MiB,
      startupMs: 20 + i,
      instance: memory({ pssBytes: pss * MiB, rssBytes: 4 * MiB, cgroupBytes: 3.25 * MiB, insideBytes: 1.5 * MiB }),
    }),
  );
  return [...steps, end(ctIdent, { baselineMemAvailableBytes: base, teardownMs: 120 })];
}

describe('summarizeDensity', () => {
  const { density, densityComparisons, warnings } = summarizeDensity([...vmRun(), ...containerRun()], 24 * GiB);
  const [vm, ct] = density;

  it('has one summary per (scenario, runtime), in first-appearance order', () => {
    expect(density.map((d) => d.runtime)).toEqual(['qemu-q35', 'runc']);
    expect(vm).toMatchObject({
      scenario: 'density',
      kind: 'vm',
      backend: 'qemu',
      accel: 'tcg',
      machine: 'q35',
      instances: 5,
      stopReason: 'max',
      teardownMs: 800,
    });
    expect(ct).toMatchObject({ kind: 'container', backend: 'runc', accel: null, machine: null, teardownMs: 120 });
  });

  it('takes per-instance medians over ok steps, each method on its own', () => {
    expect(vm?.perInstance).toEqual({
      pssBytes: 140 * MiB,
      rssBytes: 150 * MiB,
      cgroupBytes: null,
      insideBytes: 30 * MiB,
      configuredBytes: 128 * MiB,
      // The failed launch's 4 MiB counts neither as a drop of its own nor in the next ok step's.
      systemBytes: 140 * MiB,
    });
    expect(vm?.overheadBytes).toBe(110 * MiB);
    expect(ct?.perInstance).toEqual({
      pssBytes: 2.5 * MiB,
      rssBytes: 4 * MiB,
      cgroupBytes: 3.25 * MiB,
      insideBytes: 1.5 * MiB,
      configuredBytes: null,
      systemBytes: 3 * MiB,
    });
    expect(ct?.overheadBytes).toBe(1 * MiB);
  });

  it('fits host memory used, summed PSS and startup against instances running', () => {
    expect(vm?.marginalSystem?.n).toBe(5);
    expect(vm?.marginalSystem?.slope).toBeCloseTo(141.2 * MiB, 3);
    expect(vm?.marginalSystem?.intercept).toBeCloseTo(0, 3);
    expect(vm?.marginalSystem?.r2).toBeCloseTo(0.9998956845500795, 12);
    expect(vm?.marginalSystem?.slopeStdErr).toBeCloseTo(0.8326663997862594 * MiB, 3);
    expect(vm?.marginalPss).toMatchObject({ slope: 140 * MiB, n: 3, r2: 1 });
    expect(vm?.startupVsN?.slope).toBeCloseTo(130, 9);
    expect(vm?.startupVsN?.intercept).toBeCloseTo(1870, 9);
    expect(ct?.marginalSystem).toMatchObject({ slope: 3 * MiB, r2: 1 });
    expect(ct?.marginalPss).toBeNull();
  });

  it('projects instances per GiB and the maximum above the reserve from the system slope', () => {
    expect(vm?.instancesPerGiB).toBeCloseTo(1024 / 141.2, 9);
    expect(vm?.costSlope).toBe('memAvailable');
    expect(vm?.projectedMax).toBe(130); // floor((20480 − 2048) / 141.2)
    expect(ct?.instancesPerGiB).toBeCloseTo(1024 / 3, 9);
    expect(ct?.projectedMax).toBe(6140); // floor((20470 − 2048) / 3)
  });

  it('compares containers with VMs per GiB', () => {
    expect(densityComparisons).toHaveLength(1);
    expect(densityComparisons[0]).toMatchObject({ scenario: 'density', vm: 'qemu-q35', container: 'runc' });
    expect(densityComparisons[0]?.ratio).toBeCloseTo(141.2 / 3, 9);
  });

  it('reports the harness peak RSS over every step and warns about nothing on a clean run', () => {
    expect(vm?.harnessPeakRssBytes).toBe(95 * MiB);
    expect(warnings).toEqual([]);
  });
});

describe('density warnings', () => {
  /** The warnings' sentences (what the reader sees), and apart from them their kinds and scopes. */
  const only = (records: DensityRecord[]) => {
    const r = summarizeDensity(records, 24 * GiB);
    return {
      ...r,
      warnings: r.warnings.map((w) => w.message),
      kinds: r.warnings.map((w) => `${w.scenario}/${w.runtime} ${w.kind}${w.metric === null ? '' : ` ${w.metric}`}`),
    };
  };
  const base = 20 * GiB;
  const line = (ident: Ident, usedMiB: number[], over: Partial<DensityStep> = {}): DensityStep[] =>
    usedMiB.map((u, i) => step(ident, { running: i + 1, memAvailableBytes: base - u * MiB, ...over }));

  it('names a runtime stopped by failures, with its detail, and excludes the failed steps', () => {
    const failed = step(ctIdent, { running: 3, memAvailableBytes: base - 9 * MiB, outcome: 'failed', error: 'exit 1' });
    const records = [
      ...line(ctIdent, [3, 6, 9]),
      failed,
      { ...failed, seq: seq++ },
      { ...failed, seq: seq++ },
      end(ctIdent, { instances: 3, stopReason: 'failures', stopDetail: '3 launches in a row failed' }),
    ];
    const { density, warnings, kinds } = only(records);
    expect(kinds).toEqual(['density/runc density-stop']);
    expect(density[0]?.marginalSystem?.n).toBe(3);
    expect(density[0]?.perInstance.systemBytes).toBe(3 * MiB);
    expect(warnings).toEqual([
      'density/runc: stopped after 3 instances because launches kept failing (3 launches in a row failed); the figures cover only the instances that ran. See the error field of those steps in density.jsonl.',
    ]);
  });

  it('names a runtime stopped by the startup limit', () => {
    const detail = 'the last startup took 31000 ms, over the limit of 30000 ms';
    const { warnings } = only([
      ...line(vmIdent, [140, 280, 420]),
      end(vmIdent, { instances: 3, stopReason: 'startup-limit', stopDetail: detail }),
    ]);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('density/qemu-q35: stopped after 3 instances because startup became too slow');
    expect(warnings[0]).toContain(detail);
  });

  it('calls a poor line fit a rough figure', () => {
    // scipy: r² = 0.3119 for this zig-zag.
    const { density, warnings, kinds } = only([...line(ctIdent, [10, 30, 12, 40, 15, 45]), end(ctIdent, { instances: 6 })]);
    expect(kinds).toEqual(['density/runc nonlinear memAvailable']);
    expect(density[0]?.marginalSystem?.r2).toBeCloseTo(0.31192003331945023, 12);
    expect(warnings).toEqual([
      'density/runc: host memory used vs instances running is far from a straight line (r² = 0.31): memory per instance is not linear in N here; the slope is a rough figure.',
    ]);
  });

  it('falls back to the summed-PSS slope when MemAvailable did not fall, and says so', () => {
    const steps = line(ctIdent, [5, 4, 3, 2]).map((s, i) => ({ ...s, pssTotalBytes: 2 * (i + 1) * MiB }));
    const { density, warnings, kinds } = only([...steps, end(ctIdent, { instances: 4 })]);
    expect(density[0]?.costSlope).toBe('pss'); // recorded, so reports need not re-derive the choice
    expect(kinds).toEqual(['density/runc memavailable-flat memAvailable']);
    expect(density[0]?.marginalSystem?.slope).toBe(-1 * MiB);
    expect(density[0]?.instancesPerGiB).toBe(512);
    expect(density[0]?.projectedMax).toBe(9216); // (20 GiB − 2 GiB) / 2 MiB
    expect(warnings).toEqual([
      'density/runc: host MemAvailable did not fall as instances were added: noise from other processes dominates; use the PSS figures. Instances per GiB and the projected maximum come from the summed-PSS slope instead.',
    ]);
  });

  it('gives no instances per GiB when neither slope is positive', () => {
    const { density, warnings } = only([...line(ctIdent, [5, 4, 3]), end(ctIdent, { instances: 3 })]);
    expect(density[0]).toMatchObject({ instancesPerGiB: null, projectedMax: null, costSlope: null });
    expect(warnings[0]).toMatch(/did not fall as instances were added: .*use the PSS figures\.$/);
  });

  it('warns when the harness itself grew past 150 MiB', () => {
    const steps = line(ctIdent, [3, 6, 9]);
    steps[2] = { ...steps[2]!, harnessRssBytes: 200 * MiB };
    const { warnings } = only([...steps, end(ctIdent, { instances: 3 })]);
    expect(warnings).toEqual([
      'density/runc: the harness itself reached 200 MiB RSS during this density run; its own growth is part of the MemAvailable figures.',
    ]);
  });

  it('sums Node and launcher CPU over the launch loop and warns above 20 % of its wall time', () => {
    const steps = line(ctIdent, [3, 6, 9]).map((s, i) => ({ ...s, harnessCpuMs: 500 * (i + 1), elapsedMs: 2000 * (i + 1) }));
    const { density, warnings, kinds } = only([...steps, end(ctIdent, { instances: 3, launcherCpuMs: 300 })]);
    // The last step's figures cover the whole loop: (1500 + 300) / 6000 = 30 %.
    expect(density[0]?.harnessCpu).toEqual({ nodeMs: 1500, launcherMs: 300, wallMs: 6000 });
    expect(kinds).toEqual(['density/runc harness-cpu']);
    expect(warnings).toEqual([
      "density/runc: the harness's own CPU time (Node 1.50 s + launcher 300 ms) was 30 % of the launch loop's 6.00 s: it shares the host's cores with the instances it starts, so the startup figures may include some of that contention.",
    ]);
  });

  it('does not warn about harness CPU at or below 20 %, and keeps a launcher figure that was not recorded as null', () => {
    const steps = line(ctIdent, [3, 6, 9]).map((s) => ({ ...s, harnessCpuMs: 1000, elapsedMs: 6000 }));
    const recorded = only([...steps, end(ctIdent, { instances: 3, launcherCpuMs: 200 })]); // exactly 20 %
    expect(recorded.warnings).toEqual([]);
    const unrecorded = only([...steps, end(ctIdent, { instances: 3, launcherCpuMs: null })]);
    expect(unrecorded.density[0]?.harnessCpu).toEqual({ nodeMs: 1000, launcherMs: null, wallMs: 6000 });
    expect(unrecorded.warnings).toEqual([]);
    // Older results have no launcher field and a run cut short has no end record: Node's time still counts.
    expect(only(steps).density[0]?.harnessCpu).toEqual({ nodeMs: 1000, launcherMs: null, wallMs: 6000 });
  });

  it('warns when KSM had not settled', () => {
    const ksm = {
      settled: false,
      waitedMs: 60_000,
      pagesSharing: 1000,
      memAvailableBeforeBytes: base - 9 * MiB,
      memAvailableAfterBytes: base - 8 * MiB,
      pssTotalBeforeBytes: null,
      pssTotalAfterBytes: null,
    };
    const { density, warnings } = only([...line(ctIdent, [3, 6, 9]), end(ctIdent, { instances: 3, ksm })]);
    expect(density[0]?.ksm).toEqual(ksm);
    expect(warnings).toEqual([
      'density/runc: KSM had not settled after 60000 ms (pages were still being merged); the after-KSM figures understate what it saves. Raise density.ksmTimeout.',
    ]);
  });

  it('keeps an unsettled MemAvailable wait in the summary and warns, the run still summarized', () => {
    const settle = { settled: false, ms: 30_000, lastDriftBytes: 12 * MiB };
    const { density, warnings } = only([...line(ctIdent, [3, 6, 9]), end(ctIdent, { instances: 3, settle })]);
    expect(density[0]?.settle).toEqual(settle);
    expect(density[0]?.instances).toBe(3);
    expect(warnings).toEqual([
      'density/runc: host MemAvailable was still moving (12 MiB in the last second) after waiting 30000 ms before the first launch; the MemAvailable slope may be off, the PSS figures are not affected.',
    ]);
  });

  it('does not warn when the MemAvailable wait settled', () => {
    const settle = { settled: true, ms: 2000, lastDriftBytes: 1 * MiB };
    const { density, warnings } = only([...line(ctIdent, [3, 6, 9]), end(ctIdent, { instances: 3, settle })]);
    expect(density[0]?.settle).toEqual(settle);
    expect(warnings).toEqual([]);
  });

  it('summarizes steps without an end record and says the run ended early', () => {
    const { density, warnings } = only(line(ctIdent, [3, 6, 9, 12]));
    expect(density[0]).toMatchObject({ instances: 4, stopReason: 'interrupted', projectedMax: null, teardownMs: 0 });
    expect(density[0]?.marginalSystem?.slope).toBe(3 * MiB);
    // No baseline: the first step has no drop of its own.
    expect(density[0]?.perInstance.systemBytes).toBe(3 * MiB);
    expect(warnings[0]).toContain('density/runc: the density run ended before this runtime finished');
  });

  it('says so when too few instances became ready', () => {
    const { warnings } = only([...line(vmIdent, [140]), end(vmIdent, { instances: 1, stopReason: 'reserve', stopDetail: 'x' })]);
    expect(warnings).toEqual([
      "density/qemu-q35: only 1 ready instance, too few for a per-instance slope. Raise density.max (or this runtime's maxPerRuntime).",
    ]);
  });
});

describe('withDensity', () => {
  const summary: Summary = {
    formatVersion: 1,
    runId: 'r1',
    complete: true,
    runtimes: [],
    comparisons: [],
    warnings: [{ scenario: 's', runtime: 'r', metric: 'startup', kind: 'noisy', message: 'startup noise' }],
  };

  it('adds the density figures and appends their warnings', () => {
    const records = [...line3(), end(ctIdent, { instances: 3, stopReason: 'failures', stopDetail: 'd' })];
    const out = withDensity(summary, records, 24 * GiB);
    expect(out).not.toBe(summary);
    expect(out.density?.map((d) => d.runtime)).toEqual(['runc']);
    expect(out.densityComparisons).toEqual([]);
    expect(out.warnings[0]!.message).toBe('startup noise');
    expect(out.warnings[1]).toMatchObject({ scenario: 'density', runtime: 'runc', kind: 'density-stop' });
    expect(out.warnings[1]!.message).toContain('density/runc: stopped after 3 instances');
    expect(summary.warnings.map((w) => w.message)).toEqual(['startup noise']);
  });

  it('leaves a summary without density records as it was', () => {
    expect(withDensity(summary, [], 24 * GiB)).toEqual(summary);
  });

  function line3(): DensityStep[] {
    return [1, 2, 3].map((n) => step(ctIdent, { running: n, memAvailableBytes: 20 * GiB - 3 * n * MiB }));
  }
});

describe('large runs that drop the page cache at a sample of steps', () => {
  it('use only the steps read after a drop for the MemAvailable figures, per instance added between them', () => {
    const base = 20 * GiB;
    // 3 MiB an instance; the steps without a drop read 50 MiB of page cache as "available".
    const records: DensityRecord[] = [];
    for (let n = 1; n <= 12; n++) {
      const dropped = n % 4 === 0;
      records.push(step(ctIdent, { running: n, cacheDropped: dropped, memAvailableBytes: base - n * 3 * MiB + (dropped ? 0 : 50 * MiB) }));
    }
    records.push(end(ctIdent, { instances: 12, baselineMemAvailableBytes: base }));
    const [d] = summarizeDensity(records, 24 * GiB).density;
    expect(d!.marginalSystem!.slope).toBeCloseTo(3 * MiB, 3);
    expect(d!.marginalSystem!.n).toBe(3);
    expect(d!.perInstance.systemBytes).toBeCloseTo(3 * MiB, 3);
  });

  it('count every instance added once in the per-instance MemAvailable drop, so ten flat single steps do not outvote 990 instances', () => {
    const base = 20 * GiB;
    // Looks at 1…10 where MemAvailable did not move (a 0.7 MiB container is below what the host's
    // accounting shows step to step: the real run read 0.00 MiB), then at 500 and 1000.
    const cost = 0.7 * MiB;
    const looks = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 500, 1000];
    const records: DensityRecord[] = looks.map((n) => step(ctIdent, { running: n, memAvailableBytes: n <= 10 ? base : base - n * cost }));
    records.push(end(ctIdent, { instances: 1000, baselineMemAvailableBytes: base }));
    const [d] = summarizeDensity(records, 24 * GiB).density;
    // Unweighted, the median of the 12 intervals' drops is 0 (ten of them).
    expect(d!.perInstance.systemBytes! / MiB).toBeCloseTo(0.7, 2);
  });
});
