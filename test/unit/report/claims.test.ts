import { describe, expect, it } from 'vitest';
import { evaluateClaims, type ClaimVerdict } from '../../../reports/claims.js';
import { evaluateC1 } from '../../../reports/claims/c1-start-stop-speed.js';
import { evaluateC3 } from '../../../reports/claims/c3-kernel-sharing.js';
import { evaluateC6 } from '../../../reports/claims/c6-isolation-strength.js';
import { evaluateC9 } from '../../../reports/claims/c9-containers-in-vms.js';
import {
  DEFAULT_RUNTIMES,
  HOST_KERNEL,
  makeRunData,
  runtimesNamed,
  withSamples,
  type RuntimeFixture,
} from '../../fixtures/report/make-run-data.js';

const byId = (verdicts: ClaimVerdict[], id: string): ClaimVerdict => verdicts.find((v) => v.id === id) as ClaimVerdict;

describe('evaluateClaims on the default fixture (TCG VMs, containers, host is a KVM guest)', () => {
  const verdicts = evaluateClaims(makeRunData());

  it('gives one verdict per claim, C1 to C9, in order', () => {
    expect(verdicts.map((v) => v.id)).toEqual(['C1', 'C2', 'C3', 'C4', 'C5', 'C6', 'C7', 'C8', 'C9']);
  });

  it('supports C1, C2, C3, C4 and C9 and links each to its evidence', () => {
    expect(byId(verdicts, 'C1')).toMatchObject({ verdict: 'supported', chartId: 'startup-distribution' });
    expect(byId(verdicts, 'C2')).toMatchObject({ verdict: 'supported', chartId: 'density-memory' });
    expect(byId(verdicts, 'C3')).toMatchObject({ verdict: 'supported', chartId: 'kernels' });
    expect(byId(verdicts, 'C4')).toMatchObject({ verdict: 'supported', chartId: 'isolation' });
    expect(byId(verdicts, 'C9')).toMatchObject({ verdict: 'supported', chartId: 'environment' });
  });

  it('reports C6 without scoring it, linked to the isolation matrix', () => {
    expect(byId(verdicts, 'C6')).toMatchObject({ verdict: 'not measured', chartId: 'isolation' });
    expect(byId(verdicts, 'C6').evidence).toMatch(/^Reported, not scored/);
  });

  it('does not measure C5, C7 and C8 (no such data in the run)', () => {
    for (const id of ['C5', 'C7', 'C8']) {
      expect(byId(verdicts, id)).toMatchObject({ verdict: 'not measured', chartId: null });
    }
  });
});

describe('C1: containers start and stop much faster', () => {
  it('cites medians, ratio and interval, and the TCG caveat', () => {
    const v = evaluateC1(makeRunData());
    expect(v.evidence).toMatch(/startup, qemu-q35 vs namespaces: \d+ ms vs [\d.]+ ms = \d+× \(95% CI [\d.]+–[\d.]+×\)/);
    expect(v.evidence).toMatch(/teardown \([\w-]+\), qemu-microvm vs runc/);
    expect(v.evidence).toContain('TCG');
  });

  it('is not supported when a VM starts faster than a container', () => {
    const fastVm: RuntimeFixture[] = [{ ...(DEFAULT_RUNTIMES[0] as RuntimeFixture), startupMs: 3 }, ...runtimesNamed('runc')];
    const v = evaluateC1(makeRunData({ runtimes: fastVm, failures: [] }));
    expect(v.verdict).toBe('not supported');
    expect(v.evidence).toContain('VM faster');
  });

  it('is not supported when containers are faster but not by the "much" factor', () => {
    const close: RuntimeFixture[] = [
      { ...(DEFAULT_RUNTIMES[0] as RuntimeFixture), startupMs: 32, teardownMs: 12 },
      ...runtimesNamed('runc'),
    ];
    const v = evaluateC1(makeRunData({ runtimes: close, failures: [] }));
    expect(v.verdict).toBe('not supported');
    expect(v.evidence).toMatch(/not much faster/);
  });

  it("judges starting and stopping separately: fast starts with a VM stop as fast as a container's", () => {
    const killedVm: RuntimeFixture[] = [{ ...(DEFAULT_RUNTIMES[0] as RuntimeFixture), teardownMs: 10 }, ...runtimesNamed('runc')];
    const v = evaluateC1(makeRunData({ runtimes: killedVm, failures: [] }));
    expect(v.verdict).toBe('not supported');
    expect(v.evidence).toMatch(/^Starting: containers were at least 2× faster than VMs in every pair/);
    expect(v.evidence).toMatch(/\nStopping \(kill\): not every pair shows containers clearly and at least 2× faster/);
    expect(v.evidence).toContain('rests on stopping by kill only');
  });

  it('judges stopping on the graceful scenario when there is one, shows the kill pairs unscored, and counts teardowns left out', () => {
    const base = makeRunData({
      runtimes: [{ ...(DEFAULT_RUNTIMES[0] as RuntimeFixture), teardownMs: 10 }, ...runtimesNamed('runc')],
      failures: [],
    });
    const scenario = base.summary.runtimes[0]!.scenario;
    // The same pairs, a second time as a graceful scenario whose VM takes far longer to stop.
    const gracefulRuntimes = base.summary.runtimes.map((r) => ({
      ...r,
      scenario: 'stop',
      stop: 'graceful' as const,
      teardown: { ...r.teardown, median: r.kind === 'vm' ? 900 : r.teardown.median },
    }));
    const gracefulPairs = base.summary.comparisons
      .filter((c) => c.metric === 'teardown')
      .map((c) => ({ ...c, scenario: 'stop', ratio: 60, ci95: [50, 70] as [number, number] }));
    const runtimes = [
      ...base.summary.runtimes.map((r) =>
        r.kind === 'container' ? { ...r, teardownExitedBeforeStop: 3, teardownAll: { ...r.teardown, median: 1.5 } } : r,
      ),
      ...gracefulRuntimes,
    ];
    const run = { ...base, summary: { ...base.summary, runtimes, comparisons: [...base.summary.comparisons, ...gracefulPairs] } };
    const v = evaluateC1(run);
    expect(v.verdict).toBe('supported');
    expect(v.evidence).toMatch(/\nStopping \(graceful stop\): containers were at least 2× faster than VMs in every pair/);
    expect(v.evidence).toContain('The stopping verdict rests on the graceful stop (stop)');
    expect(v.evidence).toMatch(new RegExp(`teardown \\(${scenario}\\), qemu-q35 vs runc: .* \\(kill; not scored\\)`));
    expect(v.evidence).toMatch(new RegExp(`${scenario}/runc: 3 teardown\\(s\\) left out, the instance had already exited by itself`));
  });

  it('rests on startup alone, and says so, when teardown was not measured', () => {
    const run = withSamples(makeRunData(), (s) => ({ ...s, teardownMs: null }));
    const v = evaluateC1(run);
    expect(v.verdict).toBe('supported');
    expect(v.evidence).toContain('Teardown was not measured');
  });

  it('uses weaker wording when there are too few samples for an interval', () => {
    const v = evaluateC1(makeRunData({ iterations: 2, failures: [] }));
    expect(v.verdict).toBe('supported');
    expect(v.evidence).toMatch(/no confidence interval .* weaker evidence/);
  });

  it('is not measured without a VM', () => {
    const v = evaluateC1(makeRunData({ runtimes: runtimesNamed('namespaces', 'runc'), failures: [] }));
    expect(v.verdict).toBe('not measured');
  });
});

describe('C3: shared host kernel vs own kernel', () => {
  it('lists the kernels seen', () => {
    const v = evaluateC3(makeRunData());
    expect(v.evidence).toContain(`Host kernel: ${HOST_KERNEL}`);
    expect(v.evidence).toMatch(/qemu-q35: 6\.1\.0-28-cloud-amd64 \(\d+×\)/);
  });

  it('is not supported when a container reports another kernel', () => {
    const run = withSamples(makeRunData(), (s) =>
      s.runtime === 'runc' && s.instanceKernel !== null ? { ...s, instanceKernel: '5.10.0-other' } : s,
    );
    const v = evaluateC3(run);
    expect(v.verdict).toBe('not supported');
    expect(v.evidence).toContain('runc');
  });

  it('counts a VM reporting the host release string as its own kernel still', () => {
    const run = withSamples(makeRunData(), (s) =>
      s.kind === 'vm' && s.instanceKernel !== null ? { ...s, instanceKernel: HOST_KERNEL } : s,
    );
    const v = evaluateC3(run);
    expect(v.verdict).toBe('supported');
    expect(v.evidence).toContain('separate kernel');
  });

  it('shows a gVisor sandbox reporting its own user-space kernel apart, neither for nor against the claim', () => {
    const run = withSamples(makeRunData(), (s) =>
      s.runtime === 'runc'
        ? {
            ...s,
            runtime: 'runsc',
            backend: 'runsc',
            machine: 'platform ptrace',
            instanceKernel: s.instanceKernel === null ? null : '4.4.0',
          }
        : s,
    );
    const v = evaluateC3(run);
    expect(v.verdict).toBe('supported');
    expect(v.evidence).toMatch(/gVisor sandboxes — runsc: 4\.4\.0 \(\d+×\).*: the release of gVisor's own user-space kernel/);
    expect(v.evidence).not.toMatch(/Containers — [^\n]*runsc/);
  });

  it('is not measured when no VM reported its kernel', () => {
    const v = evaluateC3(makeRunData({ runtimes: runtimesNamed('namespaces', 'runc'), failures: [] }));
    expect(v.verdict).toBe('not measured');
    expect(v.evidence).toContain('no VM');
  });
});

describe('C9: containers inside VMs', () => {
  it('names the host virtualization when supported', () => {
    expect(evaluateC9(makeRunData()).evidence).toContain('kvm');
  });

  it('is not measured on bare metal, and explains why', () => {
    const v = evaluateC9(makeRunData({ hostVirtualization: 'none' }));
    expect(v.verdict).toBe('not measured');
    expect(v.evidence).toContain('bare metal');
  });

  it('is not measured when the host is itself a container', () => {
    expect(evaluateC9(makeRunData({ hostVirtualization: 'docker' })).verdict).toBe('not measured');
  });

  it('is not supported when every container launch failed inside a VM', () => {
    const run = withSamples(makeRunData({ density: 'none' }), (s) =>
      s.kind === 'container' ? { ...s, outcome: 'failed', error: 'boom', startupMs: null, teardownMs: null } : s,
    );
    expect(evaluateC9(run).verdict).toBe('not supported');
  });
});

describe('C9 and density runs', () => {
  it('counts the containers of a density run as launched containers', () => {
    const run = makeRunData({ runtimes: runtimesNamed('qemu-q35'), failures: [] });
    const v = evaluateC9(run);
    expect(v.verdict).toBe('supported');
    expect(v.evidence).toContain('runc: 60 ok, 1 not ok');
  });
});

describe('C6', () => {
  it('C6 stays unmeasured without probe data but warns that TCG VMs had no hardware virtualization', () => {
    const v = evaluateC6(makeRunData({ probes: 'none' }));
    expect(v.verdict).toBe('not measured');
    expect(v.evidence).toContain('no hardware-assisted virtualization');
    expect(v.evidence).toContain('run the isolation scenario');
  });
});
