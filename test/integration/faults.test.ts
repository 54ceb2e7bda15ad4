/**
 * Faults are data: a full disk for results, a guest kernel that cannot be read, a runtime binary
 * that is missing. The run says what happened, keeps what it measured, and exits non-zero.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { vmbench } from '../helpers/cli.js';
import { leftovers, journals } from '../helpers/leaks.js';

let dir: string;
let full: string;
let quick: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'vmbench-test-faults-'));
  full = join(dir, 'full');
  execFileSync('mkdir', ['-p', full]);
  // 96 KiB: room for run.json, env.json and a few samples, not for the report.
  execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=96k', 'vmbench-test-full', full]);
  quick = join(dir, 'quick.yaml');
  writeFileSync(quick, 'name: quick\nworkload: hello\niterations: 3\nwarmup: 0\nruntimes: [namespaces]\n');
});
afterAll(() => {
  execFileSync('umount', [full]);
  rmSync(dir, { recursive: true, force: true });
});

describe('faults', () => {
  it('a full disk for results: the samples written so far are kept, the error is named, exit 3', async () => {
    const result = await vmbench(['run', quick, '--out', full], { VMBENCH_STATE_DIR: join(dir, 'state') });
    expect(result.exitCode, result.all).toBe(3);
    expect(result.stderr).toMatch(/could not write the results: .*(ENOSPC|no space)/i);
    // The summary was still printed: nothing measured is hidden.
    expect(result.stdout).toContain('namespaces');
    const runDir = join(full, readdirSync(full)[0]!);
    expect(readFileSync(join(runDir, 'samples.jsonl'), 'utf8').trim().split('\n')).toHaveLength(3);
    expect(readdirSync(runDir).filter((f) => f.startsWith('.'))).toEqual([]); // no temp file left by the atomic writes
    expect(leftovers()).toEqual([]);
  });

  it('an unreadable guest kernel from the environment: the VM runtime is skipped with the reason, the rest runs', async () => {
    const scenario = join(dir, 'vm.yaml');
    writeFileSync(scenario, 'name: vmk\nworkload: hello\niterations: 1\nwarmup: 0\nruntimes: [qemu-q35, namespaces]\n');
    const out = mkdtempSync(join(dir, 'out-'));
    // From VMBENCH_KERNEL (host configuration): a fault of this host. The same path given with
    // --kernel is bad input instead, refused with exit 2 (bad-paths.test.ts).
    const result = await vmbench(['run', scenario, '--out', out], {
      VMBENCH_STATE_DIR: join(dir, 'state'),
      VMBENCH_KERNEL: join(dir, 'no-such-vmlinuz'),
    });
    expect(result.exitCode, result.all).toBe(0);
    expect(result.stderr).toContain('skipping qemu-q35 in vmk: guest kernel');
    expect(result.stderr).toContain('no-such-vmlinuz');
    const meta = JSON.parse(readFileSync(join(out, readdirSync(out)[0]!, 'run.json'), 'utf8')) as {
      skipped: { runtime: string; reason: string }[];
    };
    expect(meta.skipped.map((s) => s.runtime)).toEqual(['qemu-q35']);
    expect(leftovers()).toEqual([]);
  });

  it('nothing usable at all: exit 3 with the reasons, nothing launched', async () => {
    const scenario = join(dir, 'vm-only.yaml');
    writeFileSync(scenario, 'name: vmonly\nworkload: hello\niterations: 1\nwarmup: 0\nruntimes: [qemu-q35]\n');
    const out = mkdtempSync(join(dir, 'out-'));
    const state = mkdtempSync(join(dir, 'state-'));
    const result = await vmbench(['run', scenario, '--out', out], { VMBENCH_STATE_DIR: state, VMBENCH_KERNEL: join(dir, 'missing') });
    expect(result.exitCode, result.all).toBe(3);
    expect(result.stderr).toContain('no runtime of the chosen scenarios can run on this host');
    expect(result.stderr).toContain('skipping qemu-q35 in vmonly: guest kernel');
    // Nothing launched: no instance journalled, nothing left running.
    expect(journals(state)).toEqual([]);
    expect(leftovers()).toEqual([]);
  });
});
