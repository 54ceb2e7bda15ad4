/**
 * Teardown under every exit: Ctrl-C in the middle of a run, Ctrl-C twice, and SIGKILL of the
 * harness followed by `vmbench cleanup`. After each: no QEMU, container, cgroup, temp dir or
 * journal left, and the samples measured so far are readable.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { execa } from 'execa';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLI, vmbench } from '../helpers/cli.js';
import { leftovers, journals } from '../helpers/leaks.js';
import type { RunMeta } from '../../harness/results/format.js';

let dir: string;
let scenario: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'vmbench-test-int-'));
  scenario = join(dir, 'long.yaml');
  writeFileSync(
    scenario,
    [
      'name: long',
      'workload: idle',
      'iterations: 50',
      'warmup: 0',
      'timeout: 60s',
      'runtimes:',
      '  - name: vm',
      '    type: qemu',
      '    accel: tcg',
      '  - namespaces',
      '  - runc',
      '',
    ].join('\n'),
  );
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Start a run and resolve once `n` samples have been printed (plain progress lines in CI). */
function startRun(out: string, state: string, n: number) {
  const child = execa('node', [CLI, 'run', scenario, '--out', out], {
    reject: false,
    all: true,
    env: { CI: 'true', VMBENCH_STATE_DIR: state },
  });
  const progressed = new Promise<void>((resolve) => {
    let text = '';
    child.all.on('data', (chunk: Buffer) => {
      text += chunk.toString();
      if ((text.match(/\[\d+\/\d+\]/g) ?? []).length >= n) resolve();
    });
  });
  return { child, progressed };
}

const runDirOf = (out: string): string => join(out, readdirSync(out)[0]!);

describe('Ctrl-C in the middle of a run', () => {
  it('stops every instance, keeps the samples, marks the run interrupted, exits 130', async () => {
    const out = mkdtempSync(join(dir, 'out-'));
    const state = mkdtempSync(join(dir, 'state-'));
    const { child, progressed } = startRun(out, state, 4);
    await progressed;
    // The next launch is a VM (round-robin): give it time to be up and booting.
    await new Promise((r) => setTimeout(r, 700));
    child.kill('SIGINT');
    const result = await child;
    expect(result.exitCode, result.all).toBe(130);
    expect(result.all).toContain('stopping');
    const runDir = runDirOf(out);
    const meta = JSON.parse(readFileSync(join(runDir, 'run.json'), 'utf8')) as RunMeta;
    expect(meta.status).toBe('interrupted');
    const lines = readFileSync(join(runDir, 'samples.jsonl'), 'utf8').trim().split('\n');
    expect(lines.length).toBeGreaterThanOrEqual(4);
    // A VM really ran (a host without QEMU would skip it and the test would prove nothing about VMs).
    expect(meta.skipped).toEqual([]);
    expect(lines.map((l) => JSON.parse(l) as { kind: string; outcome: string }).some((x) => x.kind === 'vm' && x.outcome === 'ok')).toBe(
      true,
    );
    expect(leftovers()).toEqual([]);
    expect(journals(state)).toEqual([]);
    const report = await vmbench(['report', runDir]);
    expect(report.exitCode, report.all).toBe(0);
    expect(readFileSync(join(runDir, 'report.html'), 'utf8')).toMatch(/incomplete/i);
  }, 180_000);

  it('a second Ctrl-C exits at once, still without leaks', async () => {
    const out = mkdtempSync(join(dir, 'out-'));
    const state = mkdtempSync(join(dir, 'state-'));
    const { child, progressed } = startRun(out, state, 1);
    await progressed;
    await new Promise((r) => setTimeout(r, 500));
    child.kill('SIGINT');
    await new Promise((r) => setTimeout(r, 20));
    child.kill('SIGINT');
    const result = await child;
    expect(result.exitCode, result.all).toBe(130);
    // The VM runtime was not skipped (a host without QEMU would prove nothing about VMs here).
    const meta = JSON.parse(readFileSync(join(runDirOf(out), 'run.json'), 'utf8')) as RunMeta;
    expect(meta.skipped, result.all).toEqual([]);
    expect(leftovers()).toEqual([]);
    expect(journals(state)).toEqual([]);
  }, 180_000);
});

describe('SIGKILL of the harness', () => {
  it('leaves instances that vmbench cleanup then removes', async () => {
    const out = mkdtempSync(join(dir, 'out-'));
    const state = mkdtempSync(join(dir, 'state-'));
    const { child, progressed } = startRun(out, state, 3);
    await progressed;
    // Sample 4 is the VM again: kill the harness while it boots, so its QEMU is orphaned.
    await new Promise((r) => setTimeout(r, 700));
    child.kill('SIGKILL');
    await child;
    expect(journals(state)).toHaveLength(1);
    // The next run warns at start that there is something to clean.
    const quick = join(dir, 'quick.yaml');
    writeFileSync(quick, 'name: quick\nworkload: hello\niterations: 1\nwarmup: 0\nruntimes: [namespaces]\n');
    const warned = await vmbench(['run', quick, '--out', mkdtempSync(join(dir, 'out-'))], { VMBENCH_STATE_DIR: state });
    expect(warned.stderr).toMatch(/left \d+ instance\(s\) behind .*vmbench cleanup/);
    const cleanup = await vmbench(['cleanup'], { VMBENCH_STATE_DIR: state });
    expect(cleanup.exitCode, cleanup.all).toBe(0);
    expect(cleanup.stdout).toMatch(/Run \S+:/);
    // The VM booting when the harness died was orphaned, and cleanup killed it.
    expect(cleanup.stdout).toMatch(/killed vm instance/);
    expect(cleanup.stdout).toContain('every process is gone (reaped), nothing left');
    expect(leftovers()).toEqual([]);
    expect(journals(state)).toEqual([]);
    // The samples measured before the kill are still there.
    expect(
      readFileSync(join(runDirOf(out), 'samples.jsonl'), 'utf8')
        .trim()
        .split('\n').length,
    ).toBeGreaterThanOrEqual(3);
    const again = await vmbench(['cleanup'], { VMBENCH_STATE_DIR: state });
    expect(again.stdout).toContain('Nothing to clean up');
  }, 180_000);
});

/** Runs a scenario and SIGKILLs the harness once its output matches: it cannot tear anything down. */
async function killRunOnceItPrints(scenarioFile: string, out: string, state: string, pattern: RegExp): Promise<void> {
  const child = execa('node', [CLI, 'run', scenarioFile, '--out', out], {
    reject: false,
    all: true,
    env: { CI: 'true', VMBENCH_STATE_DIR: state },
  });
  await new Promise<void>((resolve) => {
    let text = '';
    child.all.on('data', (chunk: Buffer) => {
      text += chunk.toString();
      if (pattern.test(text)) resolve();
    });
  });
  child.kill('SIGKILL');
  await child;
}

describe('SIGKILL while containers are up', () => {
  it('vmbench cleanup removes the runc containers (state, processes, cgroups) a killed density run left', async () => {
    const out = mkdtempSync(join(dir, 'out-'));
    const state = mkdtempSync(join(dir, 'state-'));
    const scenarioFile = join(dir, 'dens.yaml');
    writeFileSync(
      scenarioFile,
      [
        'name: dens',
        'workload: idle',
        'timeout: 30s',
        'runtimes: [namespaces, runc]',
        'density:',
        '  max: 4',
        '  maxPerRuntime:',
        '    runc: 20',
        '  dropCaches: false',
        '',
      ].join('\n'),
    );
    await killRunOnceItPrints(scenarioFile, out, state, /runc: [3-9]\d* running/);
    // The killed harness could not tear down: its containers are still there.
    expect(leftovers().some((l) => l.startsWith('runc container'))).toBe(true);
    const cleanup = await vmbench(['cleanup'], { VMBENCH_STATE_DIR: state });
    expect(cleanup.exitCode, cleanup.all).toBe(0);
    expect(cleanup.stdout).toContain('runc delete');
    expect(leftovers()).toEqual([]);
    expect(journals(state)).toEqual([]);
  }, 180_000);
});

describe.each([
  ['crun', /^(runsc\/crun process|state left in \/run\/crun)/],
  ['runsc', /^(runsc\/crun process|state left in \/run\/runsc)/],
  ['qemu-q35-snapshot', /^qemu: /],
])('SIGKILL while %s instances are up', (runtime, leftBehind) => {
  it('vmbench cleanup removes what the killed run left (processes, runtime state, mounts, FIFOs)', async () => {
    const out = mkdtempSync(join(dir, 'out-'));
    const state = mkdtempSync(join(dir, 'state-'));
    const scenarioFile = join(dir, `dens-${runtime}.yaml`);
    writeFileSync(
      scenarioFile,
      [
        `name: dens-${runtime}`,
        'workload: idle',
        'timeout: 30s',
        `runtimes: [${runtime}]`,
        'density:',
        '  max: 3',
        '  dropCaches: false',
        '  ksm: false',
        '',
      ].join('\n'),
    );
    await killRunOnceItPrints(scenarioFile, out, state, new RegExp(`${runtime}: [2-9] running`));
    expect(
      leftovers().some((l) => leftBehind.test(l)),
      leftovers().join('\n'),
    ).toBe(true);
    const cleanup = await vmbench(['cleanup'], { VMBENCH_STATE_DIR: state });
    expect(cleanup.exitCode, cleanup.all).toBe(0);
    expect(leftovers()).toEqual([]);
    expect(journals(state)).toEqual([]);
  }, 180_000);
});
