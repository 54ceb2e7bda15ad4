import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { deriveRules, recentRuns } from '../../../harness/compare/baseline-from.js';
import { ruleFor } from '../../../harness/compare/thresholds.js';
import { makeRunData } from '../../fixtures/report/make-run-data.js';

const root = mkdtempSync(join(tmpdir(), 'vmbench-baseline-from-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function run(name: string, startedAt: string, status: string): string {
  const dir = join(root, name);
  mkdirSync(dir);
  writeFileSync(join(dir, 'run.json'), JSON.stringify({ formatVersion: 2, runId: name, startedAt, status }));
  return dir;
}

describe('--baseline-from DIR --last N', () => {
  it('takes the newest complete runs, skipping incomplete ones, non-runs and the new runs themselves', () => {
    const old = run('old', '2026-12-01T10:00:00Z', 'complete');
    const mid = run('mid', '2026-12-01T11:00:00Z', 'complete');
    run('broken', '2026-12-01T12:00:00Z', 'interrupted');
    const newest = run('newest', '2026-12-01T13:00:00Z', 'complete');
    mkdirSync(join(root, 'not-a-run'));
    writeFileSync(join(root, 'notes.txt'), 'x');
    expect(recentRuns(root, 2)).toEqual([newest, mid]);
    expect(recentRuns(root, 5, new Set([newest]))).toEqual([mid, old]);
  });

  it("derives each metric's minimum effect from the run-to-run spread of its median, never below the floor", () => {
    const runs = [1, 1.12, 0.97].map((scale, i) => makeRunData({ runId: `r${i}`, seed: i + 1, scale, resamples: 100, probes: 'none' }));
    const rules = deriveRules(runs, 0.05);
    const thresholds = { alpha: 0.01, minEffect: 0.05, rules };
    const q35 = ruleFor(thresholds, { scenario: 'busybox-echo', runtime: 'qemu-q35', metric: 'startup' })!;
    // Medians of about 1, 1.12 and 0.97 times the same: the largest deviation from their median is ~12 %.
    expect(q35.minEffect!).toBeGreaterThan(0.08);
    expect(q35.minEffect!).toBeLessThan(0.16);
    expect(q35.source).toMatch(/last 3 runs/);
    // The density figures did not scale: their rules stay at the floor or a little above.
    expect(ruleFor(thresholds, { scenario: 'idle-density', runtime: 'runc', metric: 'density.slope' })!.minEffect!).toBeGreaterThanOrEqual(
      0.05,
    );
    expect(deriveRules(runs.slice(0, 1), 0.05)).toEqual([]);
  });
});
