import { describe, expect, it } from 'vitest';
import { reportComparison } from '../../../reports/compare-runs.js';
import { renderHtmlReport } from '../../../reports/render-html.js';
import { makeRunData } from '../../fixtures/report/make-run-data.js';
import { idsIn, readJsonScript } from '../../fixtures/report/html-helpers.js';

const baseline = makeRunData({ runId: 'base', seed: 1, resamples: 300 });

describe('reportComparison', () => {
  it('is the first run against each other one, by the compare code', () => {
    const again = makeRunData({ runId: 'again', seed: 2, resamples: 300 });
    const result = reportComparison({ runs: [baseline, again] });
    expect(result.pairs).toHaveLength(1);
    expect(result.pairs[0]).toMatchObject({ baseRuns: ['base'], otherRuns: ['again'] });
    expect(result.regressed + result.improved).toBe(0);
  });
});

describe('comparison report', () => {
  const slower = makeRunData({ runId: 'slower', seed: 2, scale: 1.3, status: 'interrupted', resamples: 300 });
  const page = renderHtmlReport({ runs: [baseline, slower] });

  it('shows both runs, the verdicts and an incomplete banner for the interrupted one', () => {
    expect(page).toContain('vmbench comparison');
    expect(page).toContain('Differences against the baseline');
    expect(page).toMatch(/INCOMPLETE RUN<\/strong> among the compared runs: slower/);
    expect(page).toContain('verdict-regressed');
    expect(page).toMatch(/data-metric="startup"[^>]*data-other="slower"/);
    expect(page).toContain('Holm-corrected');
  });

  it('draws a forest plot of the ratios', () => {
    const specs = readJsonScript(page, 'vmbench-chart-specs') as Array<{
      id: string;
      tooltip: string;
      heightPx?: number;
      config: { data: { labels: string[] } };
    }>;
    const forest = specs.find((s) => s.id === 'forest-1');
    expect(forest?.tooltip).toBe('forest');
    expect(forest?.config.data.labels).toContain('busybox-echo/qemu-q35/startup');
    expect(forest?.heightPx).toBeGreaterThan(300);
  });

  it('gives every element a unique id (each run’s sections are prefixed)', () => {
    const ids = idsIn(page);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toContain('run1-startup-distribution');
    expect(ids).toContain('run2-startup-distribution');
    expect(ids).toContain('compare-startup');
    expect(ids).toContain('forest-1');
  });

  it('links every claim to an element of its own run', () => {
    const ids = new Set(idsIn(page));
    for (const href of page.matchAll(/href="#([^"]+)"/g)) expect(ids).toContain(href[1]);
  });

  it('embeds the comparison as data', () => {
    const data = readJsonScript(page, 'vmbench-data') as {
      comparison: { pairs: Array<{ baseRuns: string[]; otherRuns: string[] }>; correction: string };
    };
    expect(data.comparison.pairs[0]).toMatchObject({ baseRuns: ['base'], otherRuns: ['slower'] });
    expect(data.comparison.correction).toBe('holm');
  });
});
