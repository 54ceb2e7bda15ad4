/**
 * The provisioning scenario (claims C7, C8) at small size through the CLI, on this host's real
 * file systems: 5 instances per copy-on-write method from a 64 MiB base (3 full copies), one
 * namespaces container on each tree clone and a q35 VM on the qcow2 overlay, the first-write test
 * in 3 rounds on 16 blocks of a fresh clone of each and of a plain file. Then a run SIGKILLed once its btrfs is mounted
 * on its loop device: `vmbench cleanup` must unmount, detach and remove everything; and one
 * interrupted (SIGINT) as it starts making instances: it must tear everything down itself.
 */
import { describe, expect, it, beforeAll, afterAll } from 'vitest';
import { execa } from 'execa';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLI, vmbench } from '../helpers/cli.js';
import { journals, leftovers } from '../helpers/leaks.js';
import type { ProvisionRecord, RunMeta } from '../../harness/results/format.js';

let dir: string;
const MIB = 1024 * 1024;
const SCENARIO = [
  'name: prov-test',
  'timeout: 60s',
  'provisioning:',
  '  instances: 5',
  '  fullCopies: 3',
  '  baseSize: 64M',
  '  writeBlocks: 16',
  '  writeRounds: 3',
  'runtimes:',
  '  - namespaces',
  '  - name: vm',
  '    type: qemu',
  '    machine: q35',
  '    accel: tcg',
  '',
].join('\n');

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'vmbench-test-prov-'));
  writeFileSync(join(dir, 'prov.yaml'), SCENARIO);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** btrfs is a module here; a kernel without it must give "not measured" with the kernel's reason, not a failure. */
const kernelHasBtrfs = (): boolean => /\tbtrfs$/m.test(readFileSync('/proc/filesystems', 'utf8')) || existsSync('/sys/module/btrfs');

describe('vmbench run provisioning (small)', () => {
  it('makes every clone, starts an instance on one of each, runs the first-write test, leaves nothing', async () => {
    const out = mkdtempSync(join(dir, 'out-'));
    const state = mkdtempSync(join(dir, 'state-'));
    const result = await vmbench(['run', join(dir, 'prov.yaml'), '--out', out], { VMBENCH_STATE_DIR: state });
    expect(result.exitCode, result.all).toBe(0);
    const runDir = join(out, readdirSync(out)[0]!);
    const meta = JSON.parse(readFileSync(join(runDir, 'run.json'), 'utf8')) as RunMeta;
    expect(meta).toMatchObject({ status: 'complete', failures: 0 });
    const records = readFileSync(join(runDir, 'provisioning.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as ProvisionRecord);
    const base = records.find((r) => r.type === 'provision-base');
    expect(base?.type === 'provision-base' && base.baseBytes).toBeGreaterThan(60 * MIB);
    const samples = (m: string) => records.filter((r) => r.type === 'provision-sample' && r.method === m && r.outcome === 'ok');
    const btrfs = kernelHasBtrfs();
    expect(samples('copy')).toHaveLength(3);
    for (const m of ['overlay', 'qcow2', ...(btrfs ? ['btrfs'] : [])]) expect(samples(m), m).toHaveLength(5);
    for (const s of samples('copy')) expect(s.type === 'provision-sample' && s.bytes).toBeGreaterThan(60 * MIB);
    for (const s of [...samples('overlay'), ...samples('btrfs'), ...samples('qcow2')])
      expect(s.type === 'provision-sample' && s.bytes!).toBeLessThan(MIB);
    const methods = records.filter((r) => r.type === 'provision-method');
    for (const m of methods) {
      if (m.type !== 'provision-method') continue;
      if (m.method === 'btrfs' && !btrfs) {
        expect(m.notMeasured).toMatch(/kernel|btrfs/);
        continue;
      }
      expect(m.notMeasured, m.method).toBeNull();
      // A container on each tree clone, the VM on the qcow2 overlay; ready only if it read the base's token from its clone.
      expect(m.start, m.method).toMatchObject({ outcome: 'ok', runtime: m.method === 'qcow2' ? 'vm' : 'namespaces', error: null });
    }
    const writes = records.filter((r) => r.type === 'cow-write');
    // Three rounds, each on a fresh clone of every target, the targets interleaved.
    const round = [
      ['plain', null],
      ['overlay', null],
      ...(btrfs
        ? [
            ['btrfs-plain', null],
            ['btrfs', null],
          ]
        : [
            ['btrfs-plain', expect.any(String)],
            ['btrfs', expect.any(String)],
          ]),
      ['qcow2', null],
    ];
    expect(writes.map((w) => w.type === 'cow-write' && [w.target, w.notMeasured])).toEqual([...round, ...round, ...round]);
    expect(writes.map((w) => w.type === 'cow-write' && w.round)).toEqual(
      round
        .flatMap(() => [0])
        .concat(
          round.map(() => 1),
          round.map(() => 2),
        ),
    );
    for (const w of writes)
      if (w.type === 'cow-write' && w.notMeasured === null)
        expect(w.firstUs.length + w.secondUs.length + w.readUs.length + w.rereadUs.length).toBe(64);
    const overlay = writes.find((w) => w.type === 'cow-write' && w.target === 'overlay');
    // The overlay's open for writing copied the whole 8 MiB file up.
    expect(overlay?.type === 'cow-write' && overlay.bytesAfter).toBeGreaterThanOrEqual(8 * MIB);
    const md = readFileSync(join(runDir, 'summary.md'), 'utf8');
    expect(md).toMatch(/\| C7 \| [^|]+ \| \*\*(supported|not supported)\*\* \|/);
    expect(md).toMatch(/\| C8 \| [^|]+ \| \*\*(supported|not supported)\*\* \|/);
    expect(readFileSync(join(runDir, 'provisioning.csv'), 'utf8').split('\n')[0]).toBe(
      'seq,scenario,record,method,index,phase,outcome,ms,sync_ms,bytes,tool,error',
    );
    expect(result.stdout).toMatch(/First write, qcow2 overlay \(qemu-io\) \(3 rounds × 16 × 4 KiB\): first /);
    expect(leftovers()).toEqual([]);
    expect(journals(state)).toEqual([]);
  }, 120_000);

  it('vmbench cleanup unmounts the btrfs and overlays, detaches the loop device and removes the files a SIGKILLed run left', async () => {
    const out = mkdtempSync(join(dir, 'out-'));
    const state = mkdtempSync(join(dir, 'state-'));
    const child = execa('node', [CLI, 'run', join(dir, 'prov.yaml'), '--out', out], {
      reject: false,
      all: true,
      env: { CI: 'true', VMBENCH_STATE_DIR: state },
    });
    await new Promise<void>((resolve) => {
      let text = '';
      child.all.on('data', (chunk: Buffer) => {
        text += chunk.toString();
        if (/set up: .*making the instances/.test(text)) resolve();
      });
    });
    child.kill('SIGKILL');
    await child;
    const left = leftovers();
    if (kernelHasBtrfs())
      expect(
        left.some((l) => l.startsWith('loop device')),
        left.join('\n'),
      ).toBe(true);
    expect(
      left.some((l) => l.startsWith('temp dir')),
      left.join('\n'),
    ).toBe(true);
    const cleanup = await vmbench(['cleanup'], { VMBENCH_STATE_DIR: state });
    expect(cleanup.exitCode, cleanup.all).toBe(0);
    if (kernelHasBtrfs()) expect(cleanup.stdout).toMatch(/detached \/dev\/loop\d+ \(over .*btrfs\.img\)/);
    // The killed harness's own children (the launcher, a cp it had started) are orphans: PID 1 here reaps them late.
    expect(await leftoversOnceReaped()).toEqual([]);
    expect(journals(state)).toEqual([]);
  }, 120_000);
});

describe('Ctrl-C in the middle of a provisioning run', () => {
  it('stops at the next instance, tears everything down (mounts, loop device, clones), marks the run interrupted, exits 130', async () => {
    const out = mkdtempSync(join(dir, 'out-'));
    const state = mkdtempSync(join(dir, 'state-'));
    const child = execa('node', [CLI, 'run', join(dir, 'prov.yaml'), '--out', out], {
      reject: false,
      all: true,
      env: { CI: 'true', VMBENCH_STATE_DIR: state },
    });
    await new Promise<void>((resolve) => {
      let text = '';
      child.all.on('data', (chunk: Buffer) => {
        text += chunk.toString();
        if (/set up: .*making the instances/.test(text)) resolve();
      });
    });
    child.kill('SIGINT');
    const result = await child;
    expect(result.exitCode, result.all).toBe(130);
    const meta = JSON.parse(readFileSync(join(out, readdirSync(out)[0]!, 'run.json'), 'utf8')) as RunMeta;
    expect(meta.status).toBe('interrupted');
    expect(await leftoversOnceReaped()).toEqual([]);
    expect(journals(state)).toEqual([]);
  }, 120_000);
});

async function leftoversOnceReaped(): Promise<string[]> {
  const deadline = Date.now() + 20_000;
  let left = leftovers();
  while (left.some((l) => l.startsWith('zombie')) && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 500));
    left = leftovers();
  }
  return left;
}
