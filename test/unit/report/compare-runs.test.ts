import { describe, expect, it } from 'vitest';
import { compareRuns } from '../../../reports/compare-runs.js';
import { renderHtmlReport } from '../../../reports/render-html.js';
import { makeRunData, runtimesNamed } from '../../fixtures/report/make-run-data.js';
import { idsIn, readJsonScript } from '../../fixtures/report/html-helpers.js';

const baseline = makeRunData({ runId: 'base', seed: 1 });

describe('compareRuns', () => {
  it('finds the same configuration run again within noise', () => {
    const again = makeRunData({ runId: 'again', seed: 1 });
    const deltas = compareRuns(baseline, again);
    expect(deltas).toHaveLength(baseline.summary.runtimes.length * 2);
    const timed = deltas.filter((d) => d.scenario !== 'isolation');
    expect(timed.every((d) => d.verdict === 'within noise')).toBe(true);
    // The isolation scenario launches each runtime once: no interval to judge a change by.
    expect(deltas.filter((d) => d.scenario === 'isolation').every((d) => d.verdict === 'no interval')).toBe(true);
    expect(deltas.every((d) => d.difference === 0)).toBe(true);
  });

  it('calls a 30% slowdown a change, with the difference of medians', () => {
    const slower = makeRunData({ runId: 'slower', seed: 2, scale: 1.3 });
    const q35 = compareRuns(baseline, slower).find((d) => d.runtime === 'qemu-q35' && d.metric === 'startup');
    expect(q35?.verdict).toBe('changed');
    expect(q35?.relative).toBeGreaterThan(0.2);
    expect(q35?.difference).toBeCloseTo((q35?.other?.median as number) - (q35?.baseline?.median as number), 9);
  });

  it('matches by scenario and runtime, and reports runtimes present in one run only', () => {
    const fewer = makeRunData({ runId: 'fewer', runtimes: runtimesNamed('runc', 'qemu-q35'), failures: [] });
    const deltas = compareRuns(baseline, fewer);
    expect(deltas.find((d) => d.runtime === 'namespaces')?.verdict).toBe('only in one run');
    expect(deltas.find((d) => d.runtime === 'runc' && d.metric === 'startup')?.other?.runId).toBe('fewer');
  });

  it('cannot judge without intervals', () => {
    const tiny = makeRunData({ runId: 'tiny', iterations: 2, failures: [] });
    expect(compareRuns(baseline, tiny)[0]?.verdict).toBe('no interval');
  });
});

describe('comparison report', () => {
  const slower = makeRunData({ runId: 'slower', seed: 2, scale: 1.3, status: 'interrupted' });
  const page = renderHtmlReport({ runs: [baseline, slower] });

  it('shows both runs, the differences and an incomplete banner for the interrupted one', () => {
    expect(page).toContain('vmbench comparison');
    expect(page).toContain('Differences against the baseline');
    expect(page).toMatch(/INCOMPLETE RUN<\/strong> among the compared runs: slower/);
    expect(page).toContain('verdict-changed');
  });

  it('gives every element a unique id (each run’s sections are prefixed)', () => {
    const ids = idsIn(page);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toContain('run1-startup-distribution');
    expect(ids).toContain('run2-startup-distribution');
    expect(ids).toContain('compare-startup');
  });

  it('links every claim to an element of its own run', () => {
    const ids = new Set(idsIn(page));
    for (const href of page.matchAll(/href="#([^"]+)"/g)) expect(ids).toContain(href[1]);
  });

  it('embeds the comparison as data', () => {
    const data = readJsonScript(page, 'vmbench-data') as { comparisons: Array<{ baseline: string; other: string }> };
    expect(data.comparisons[0]).toMatchObject({ baseline: 'base', other: 'slower' });
  });
});
