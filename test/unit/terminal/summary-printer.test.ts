import { describe, it, expect } from 'vitest';
import { formatSummary } from '../../../harness/terminal/summary-printer.js';
import { summarize } from '../../../harness/stats/summarize.js';
import { formatRatio } from '../../../harness/terminal/format.js';
import { formatDurationScaled } from '../../../harness/format-duration.js';
import type { StartupSample } from '../../../harness/results/format.js';
import { makeEnv } from '../../fixtures/report/make-run-data.js';

const sample = (runtime: string, kind: 'vm' | 'container', startupMs: number, i: number): StartupSample => ({
  type: 'startup',
  runId: 'r',
  seq: i,
  scenario: 'startup',
  runtime,
  kind,
  backend: kind === 'vm' ? 'qemu' : 'namespaces',
  workload: 'hello',
  iteration: i,
  warmup: false,
  startedAt: '2026-11-29T00:00:00Z',
  accel: kind === 'vm' ? 'tcg' : null,
  machine: kind === 'vm' ? 'q35' : null,
  outcome: 'ok',
  error: null,
  startupMs,
  teardownMs: 5,
  phases: [],
  instanceKernel: null,
  guestUptimeAtReadyS: null,
  exitedBeforeStop: false,
  isolation: null,
});

describe('terminal summary', () => {
  it('shows median ± sd, range, and how many times faster the container started', () => {
    const samples = [2000, 2100, 1900, 2050, 1950].flatMap((v, i) => [
      sample('qemu-q35', 'vm', v, i),
      sample('namespaces', 'container', v / 400, i),
    ]);
    const text = formatSummary(summarize('r', samples, true), null);
    expect(text).toContain('qemu-q35 (tcg)');
    expect(text).toMatch(/Startup {2}\(median ± σ\): +2\.00 s ±/);
    expect(text).toMatch(/Range {4}\(min … max\): +1\.90 s … 2\.10 s/);
    expect(text).toMatch(/namespaces started 400× faster than qemu-q35 \(tcg\) \[95% CI/);
  });
  it('marks an incomplete run', () => {
    expect(formatSummary(summarize('r', [sample('a', 'container', 1, 0)], false), null)).toContain('INCOMPLETE');
  });
  it("ends with the harness's own CPU over the whole run, Node's and the launcher's, and its peak RSS", () => {
    const summary = summarize('r', [sample('a', 'container', 1, 0)], true);
    const env = makeEnv();
    env.harness = { ...env.harness, cpu: { nodeMs: 12_100, launcherMs: 1300, wallMs: 190_000 }, peakRssBytes: 127 * 2 ** 20 };
    expect(formatSummary(summary, env)).toContain(
      'Harness over the whole run: CPU 7 % of 190 s (Node 12.1 s, launcher 1.30 s); peak RSS 127 MiB.',
    );
    env.harness = { ...env.harness, cpu: { nodeMs: 2000, launcherMs: null, wallMs: 10_000 } };
    expect(formatSummary(summary, env)).toContain('Harness over the whole run: CPU 20 % of 10.0 s (Node 2.00 s, launcher not recorded)');
    env.harness = { ...env.harness, cpu: null };
    expect(formatSummary(summary, env)).not.toContain('Harness over the whole run');
  });
  it('formats numbers with 3 significant digits and a unit that fits', () => {
    expect(formatDurationScaled(2514.2)).toBe('2.51 s');
    expect(formatDurationScaled(9.331)).toBe('9.33 ms');
    expect(formatDurationScaled(0.8)).toBe('800 µs');
    expect(formatDurationScaled(null)).toBe('—');
    expect(formatRatio(612.4)).toBe('612×');
    expect(formatRatio(3.512)).toBe('3.51×');
  });
});
