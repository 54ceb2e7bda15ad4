/**
 * The default suite end to end, through the CLI: real VMs and containers, every result file,
 * the report, and nothing left running afterwards.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { vmbench } from '../helpers/cli.js';
import { leftovers, journals } from '../helpers/leaks.js';
import type { RunMeta, StartupSample, Summary, EnvInfo } from '../../harness/results/format.js';

let out: string;
let state: string;
beforeAll(() => {
  out = mkdtempSync(join(tmpdir(), 'vmbench-test-results-'));
  state = mkdtempSync(join(tmpdir(), 'vmbench-test-state-'));
});
afterAll(() => {
  rmSync(out, { recursive: true, force: true });
  rmSync(state, { recursive: true, force: true });
});

describe('vmbench run (default suite, 2 iterations)', () => {
  let runDir: string;
  let result: Awaited<ReturnType<typeof vmbench>>;

  beforeAll(async () => {
    result = await vmbench(['run', '--iterations', '2', '--warmup', '0', '--out', out], { VMBENCH_STATE_DIR: state });
    const dirs = readdirSync(out);
    expect(dirs, result.all).toHaveLength(1);
    runDir = join(out, dirs[0]!);
  }, 300_000);

  it('exits 0 with every sample ok (a broken VM or container fails this test) and prints a hyperfine-like summary', () => {
    expect(result.exitCode, result.all).toBe(0);
    const meta = JSON.parse(readFileSync(join(runDir, 'run.json'), 'utf8')) as RunMeta;
    expect(meta.failures, result.all).toBe(0);
    expect(result.stdout).toMatch(/Startup {2}\(median ± σ\)/);
    expect(result.stdout).toMatch(/namespaces started [\d.]+× faster than qemu-q35 \((tcg|kvm)\)/);
    expect(result.stdout).toContain('report.html');
  });

  it('writes the result files, with samples for qemu-q35, qemu-microvm, namespaces, runc, crun and runsc', () => {
    for (const f of ['run.json', 'env.json', 'samples.jsonl', 'samples.csv', 'summary.json', 'report.html', 'summary.md']) {
      expect(existsSync(join(runDir, f)), f).toBe(true);
    }
    const meta = JSON.parse(readFileSync(join(runDir, 'run.json'), 'utf8')) as RunMeta;
    expect(meta.status).toBe('complete');
    const samples = readFileSync(join(runDir, 'samples.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as StartupSample);
    const runtimes = new Set(samples.map((s) => s.runtime));
    for (const r of ['qemu-q35', 'qemu-microvm', 'namespaces', 'runc', 'crun', 'runsc']) expect(runtimes.has(r), r).toBe(true);
    expect(samples.filter((s) => s.runtime === 'qemu-q35' && s.scenario === 'startup')).toHaveLength(2);
    // The isolation scenario of the default suite probed every runtime too.
    expect(samples.filter((s) => s.scenario === 'isolation' && s.isolation !== null).length).toBeGreaterThanOrEqual(4);
    // The stop scenario (claim C1, like for like): every instance still running when asked, and it exited by itself.
    const stops = samples.filter((s) => s.scenario === 'stop');
    expect(new Set(stops.map((s) => s.runtime))).toEqual(new Set(['qemu-q35', 'namespaces', 'runc']));
    for (const s of stops) expect(s).toMatchObject({ stop: 'graceful', stoppedGracefully: true, exitedBeforeStop: false, outcome: 'ok' });
    for (const s of samples.filter((x) => x.kind === 'vm')) expect(['kvm', 'tcg']).toContain(s.accel);
    const csv = readFileSync(join(runDir, 'samples.csv'), 'utf8').trim().split('\n');
    expect(csv).toHaveLength(samples.length + 1);
    const summary = JSON.parse(readFileSync(join(runDir, 'summary.json'), 'utf8')) as Summary;
    const ns = summary.runtimes.find((r) => r.runtime === 'namespaces')!;
    expect(ns.startup.n + ns.startup.failures + ns.startup.timeouts).toBe(2);
    const env = JSON.parse(readFileSync(join(runDir, 'env.json'), 'utf8')) as EnvInfo;
    expect(env.guestKernel?.sha256).toMatch(/^[0-9a-f]{64}$/);
    // Either KVM was proven by its probe boot, or the reason it is not used is recorded, and the
    // VM samples say the accelerator that was actually used.
    if (env.kvm.bootOk) expect(samples.filter((x) => x.kind === 'vm').every((x) => x.accel === 'kvm')).toBe(true);
    else {
      expect(env.kvm.reason ?? '').not.toBe('');
      expect(samples.filter((x) => x.kind === 'vm').every((x) => x.accel === 'tcg')).toBe(true);
    }
    // Instances were spawned and timestamped by the native launcher (built by the test setup).
    expect(env.harness.launcher).toEqual({ kind: 'native', reason: null });
    expect(env.harness.timerOverheadNs).toBeGreaterThan(0);
    expect(env.harness.peakRssBytes).toBeGreaterThan(0);
    // Its CPU over the whole run: Node's and the launcher's, each less than the wall time on this host's cores.
    const cpu = env.harness.cpu!;
    expect(cpu.wallMs).toBeGreaterThan(0);
    expect(cpu.nodeMs).toBeGreaterThan(0);
    expect(cpu.launcherMs).toBeGreaterThan(0);
    expect(cpu.nodeMs + cpu.launcherMs!).toBeLessThan(cpu.wallMs * availableParallelism());
    // crun and runsc are in the default suite and run here: crun through its mount namespace on a
    // cgroup-hybrid host (said on every sample), runsc on the platform its probe chose.
    expect(meta.skipped).toEqual([]);
    for (const r of ['crun', 'runsc']) expect(runtimes.has(r), r).toBe(true);
    const crun = samples.filter((x) => x.runtime === 'crun');
    if (env.cgroupMode === 'hybrid') expect(crun.every((x) => (x.machine ?? '').includes('mount namespace without cgroup v2'))).toBe(true);
    expect(samples.filter((x) => x.runtime === 'runsc').every((x) => x.machine === `platform ${env.probes.runsc?.value ?? 'ptrace'}`)).toBe(
      true,
    );
  });

  it('writes a self-contained report with the data escaped into it', () => {
    const html = readFileSync(join(runDir, 'report.html'), 'utf8');
    expect(html).not.toMatch(/<script[^>]+src=/);
    expect(html).not.toMatch(/https?:\/\/(cdn|unpkg|fonts)/);
    expect(html).toContain('qemu-microvm');
  });

  it('leaves no VM, container, cgroup, temp dir or journal behind', () => {
    expect(leftovers()).toEqual([]);
    expect(journals(state)).toEqual([]);
  });

  it('re-renders the report from the saved results', async () => {
    const again = await vmbench(['report', runDir, '--out', join(out, 'again.html')]);
    expect(again.exitCode, again.all).toBe(0);
    expect(readFileSync(join(out, 'again.html'), 'utf8')).toContain('qemu-q35');
    const md = await vmbench(['report', runDir, '--format', 'markdown']);
    expect(md.exitCode, md.all).toBe(0);
    expect(md.stdout).toContain('|');
  });
});

describe('vmbench doctor', () => {
  it('explains whether KVM is used, and why not', async () => {
    const result = await vmbench(['doctor', '--json']);
    expect(result.exitCode, result.all).toBe(0);
    const report = JSON.parse(result.stdout) as {
      checks: { name: string; ok: boolean; detail: string }[];
      kvm: { bootOk: boolean; reason: string | null; modules: string[] } | null;
    };
    const kvm = report.checks.find((c) => c.name === 'KVM')!;
    // The test setup provides QEMU, a guest kernel and the image: the probe must have run and
    // given a verdict (a host where it could not run fails here instead of asserting nothing).
    expect(report.kvm, kvm.detail).not.toBeNull();
    expect(kvm.ok).toBe(report.kvm!.bootOk);
    if (report.kvm!.bootOk) expect(kvm.detail).toMatch(/^probe guest booted under KVM in \d+ ms/);
    else {
      expect(report.kvm!.reason ?? '').not.toBe('');
      expect(kvm.detail).toMatch(/^NOT USED: /);
      expect(kvm.detail).toContain('TCG');
      if (report.kvm!.modules.includes('kvm_pvm')) expect(kvm.detail).toContain('CONFIG_PVM_GUEST');
    }
    const text = await vmbench(['doctor']);
    expect(text.stdout).toContain('KVM');
    expect(leftovers()).toEqual([]);
  });
});

describe('bad input through the CLI', () => {
  it('a bad scenario: file:line:column, exit 2, no stack trace, nothing launched', async () => {
    const bad = join(import.meta.dirname, '..', 'fixtures', 'bad-scenarios');
    const file = readdirSync(bad).find((f) => f.endsWith('.yaml'))!;
    const fresh = mkdtempSync(join(tmpdir(), 'vmbench-test-bad-'));
    try {
      const result = await vmbench(['run', join(bad, file), '--out', fresh], { VMBENCH_STATE_DIR: join(fresh, 'state') });
      expect(result.exitCode).toBe(2);
      expect(result.stderr).toMatch(/\.yaml:\d+:\d+: /);
      expect(result.stderr).not.toMatch(/\n\s+at .+\.js:\d+/);
      // Nothing launched: the host check (whose KVM probe boots a VM) never ran, no journal, no run dir.
      expect(result.stderr).not.toContain('Checking the host');
      expect(readdirSync(fresh)).toEqual([]);
      expect(leftovers()).toEqual([]);
    } finally {
      rmSync(fresh, { recursive: true, force: true });
    }
  });
  it('a bad flag names the flag, the value and what was expected', async () => {
    const result = await vmbench(['run', '--iterations', '0']);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain('--iterations: expected a whole number from 1 to 10000, found "0"');
    const unknown = await vmbench(['run', '--runtimes', 'qemu-q53']);
    expect(unknown.exitCode).toBe(2);
    expect(unknown.stderr).toContain('unknown runtime "qemu-q53"');
  });
  it('a missing results dir for report is a clear error', async () => {
    const result = await vmbench(['report', '/nonexistent/run']);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain('/nonexistent/run');
  });
});
