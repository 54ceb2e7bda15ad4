import { describe, expect, it } from 'vitest';
import { evaluateC5 } from '../../../reports/claims/c5-cgroups.js';
import { makeRunData } from '../../fixtures/report/make-run-data.js';
import { limitRun, limitSample } from '../../fixtures/limits/make-limit-samples.js';
import type { LimitSample } from '../../../harness/results/format.js';
import { summarizeLimits } from '../../../harness/stats/summarize-limits.js';
import { renderHtmlReport } from '../../../reports/render-html.js';

const withLimits = (limits: LimitSample[]) => ({ ...makeRunData(), limits });
const ALL = ['namespaces-capped', 'runc-capped', 'namespaces', 'qemu-q35-80'] as const;

describe('C5: cgroups limit memory and CPU', () => {
  it('is not measured without a limits scenario', () => {
    expect(evaluateC5(makeRunData())).toMatchObject({ verdict: 'not measured', chartId: null });
  });

  it('is not measured when no container had a limit (only the unlimited control and a VM)', () => {
    const v = evaluateC5(withLimits(limitRun('namespaces', 'qemu-q35-80')));
    expect(v.verdict).toBe('not measured');
    expect(v.evidence).toMatch(/no container with a memory limit or a CPU quota/);
  });

  it('is supported when every hog dies at its limit and every loop gets its quota, with the figures', () => {
    const v = evaluateC5(withLimits(limitRun(...ALL)));
    expect(v).toMatchObject({ verdict: 'supported', chartId: 'limits-memory' });
    expect(v.evidence).toMatch(
      /runc-capped \(memory 64\.0 MiB, cpus 0\.5\), hog of 256 MiB, 3 of 3 samples ok: killed in 3; the cgroup counted 3 OOM kill\(s\), peak 64(\.0)? MiB; OOM kills elsewhere on the host 0\./,
    );
    expect(v.evidence).toMatch(
      /the loop got 0\.50 cores .* against a quota of 0\.5 \(kept within ±20%: yes\); work done per second 0\.50× that of namespaces/,
    );
    expect(v.evidence).toMatch(/qemu-q35-80 .*the guest kernel killed the hog in 3, printed its OOM report in 3/);
    expect(v.evidence).toMatch(/QEMU used 0\.99 cores .*at most its 1 vCPU/);
    expect(v.evidence).toMatch(/Control, namespaces \(no limits\): its hog held 256 MiB and was not killed; its loop got 0\.99 cores/);
    expect(v.evidence).toContain('Disk I/O limits');
  });

  it('is not supported when a container hog survives its limit', () => {
    const run = limitRun(...ALL).map((s) =>
      s.runtime === 'runc-capped' && s.test === 'memory' && s.iteration === 1 ? { ...s, hogStatus: 0, oomKills: 0 } : s,
    );
    const v = evaluateC5(withLimits(run));
    expect(v.verdict).toBe('not supported');
    expect(v.evidence).toMatch(/Not every limit held: runc-capped \(memory\)/);
    expect(v.evidence).toMatch(/killed in 2; .* → not kept\./);
  });

  it('is not supported when something outside the cgroup was OOM-killed', () => {
    const run = limitRun(...ALL).map((s) => (s.runtime === 'namespaces-capped' && s.test === 'memory' ? { ...s, hostOomKills: 2 } : s));
    expect(evaluateC5(withLimits(run)).evidence).toMatch(/namespaces-capped \(memory\)/);
  });

  it('is not supported when the loop gets more than its quota (or a VM more than its vCPUs)', () => {
    const run = limitRun(...ALL).map((s) =>
      s.test === 'cpu' && (s.runtime === 'namespaces-capped' || s.runtime === 'qemu-q35-80') ? { ...s, cpuMs: 7000 } : s,
    );
    const v = evaluateC5(withLimits(run));
    expect(v.verdict).toBe('not supported');
    expect(v.evidence).toMatch(/Not every limit held: namespaces-capped \(CPU\), qemu-q35-80 \(CPU\)/);
  });

  it("is not supported when a VM's QEMU grows past its RAM plus the allowance", () => {
    const run = limitRun(...ALL).map((s) => (s.kind === 'vm' && s.test === 'memory' ? { ...s, peakBytes: 400 * 1024 * 1024 } : s));
    expect(evaluateC5(withLimits(run)).evidence).toMatch(/qemu-q35-80 \(memory\)/);
  });

  it('is not supported on memory limits alone (the claim covers CPU too)', () => {
    const run = limitRun('runc-capped').filter((s) => s.test === 'memory');
    const v = evaluateC5(withLimits(run));
    expect(v.verdict).toBe('not supported');
    expect(v.evidence).toMatch(/Only memory limits were tested/);
  });

  it('summarizes failed samples as not ok and keeps them out of the figures', () => {
    const run = [...limitRun('runc-capped'), limitSample('runc-capped', 'cpu', { outcome: 'failed', error: 'x', cpuMs: 9000 })];
    const cpu = summarizeLimits(run)[0]!.cpu!;
    expect(cpu).toMatchObject({ samples: 4, ok: 3, share: 0.5, source: 'cgroup' });
  });

  it('draws the limits section and both charts in the report, escaping runtime names', () => {
    const run = limitRun(...ALL).map((s) => (s.runtime === 'runc-capped' ? { ...s, runtime: '<b>x</b>' } : s));
    const page = renderHtmlReport({ runs: [withLimits(run)] });
    expect(page).toContain('id="limits-memory"');
    expect(page).toContain('id="limits-cpu"');
    expect(page).toContain('&lt;b&gt;x&lt;/b&gt;');
    expect(page).not.toContain('<b>x</b>');
  });
});
