/**
 * A format-3 summary.json (warnings as bare sentences, no recorded density slope) is read into
 * the format-4 shape once, in the reader, so reports select warnings by fields only.
 */
import { describe, expect, it } from 'vitest';
import { upgradeSummary } from '../../../harness/results/legacy-summary.js';
import type { DensitySummary, RuntimeSummary, Summary, Warning } from '../../../harness/results/format.js';

const rs = (scenario: string, runtime: string): RuntimeSummary => ({ scenario, runtime } as RuntimeSummary);
const fit = (slope: number) => ({ slope, intercept: 0, slopeStdErr: null, r2: 1, n: 5 });
const ds = (runtime: string, system: number, pss: number): DensitySummary =>
  ({ scenario: 'dens', runtime, marginalSystem: fit(system), marginalPss: fit(pss) }) as unknown as DensitySummary;

describe('upgradeSummary (format 3 → 4)', () => {
  const v3 = {
    formatVersion: 3, runId: 'r', complete: true, comparisons: [],
    runtimes: [rs('startup', 'qemu-q35'), rs('startup', 'qemu-q35-snapshot')],
    density: [ds('runc', 2, 1.9), ds('namespaces', -0.1, 0.2), ds('crun', -1, -1)],
    warnings: [
      'startup/qemu-q35-snapshot: only 2 successful samples; …',
      'startup/qemu-q35 startup: 1 of 10 samples is a statistical outlier; …',
      'dens/namespaces: host MemAvailable did not fall as instances were added: …',
      'samples.jsonl is incomplete: ENOSPC',
    ],
  } as unknown as Summary;
  const up = upgradeSummary(v3, []);

  it('gives each sentence the (scenario, runtime) it began with, the longest name that fits, and keeps the sentence', () => {
    expect(up.warnings.map((w: Warning) => [w.scenario, w.runtime, w.kind])).toEqual([
      ['startup', 'qemu-q35-snapshot', 'legacy'],
      ['startup', 'qemu-q35', 'legacy'],
      ['dens', 'namespaces', 'legacy'],
      [null, null, 'legacy'],
    ]);
    expect(up.warnings.map((w) => w.message)).toEqual(v3.warnings);
  });

  it('records the density slope the old summary used: MemAvailable when it rose, else summed PSS, else none', () => {
    expect(up.density!.map((d) => [d.runtime, d.costSlope])).toEqual([['runc', 'memAvailable'], ['namespaces', 'pss'], ['crun', null]]);
  });

  it('leaves a format-4 summary as it is', () => {
    expect(upgradeSummary(up, [])).toEqual(up);
  });
});
