/**
 * Bad paths beside the bad scenarios: a directory, a FIFO, a device, a symlink loop, an
 * unreadable or huge file, a file under /proc as the scenario; /proc, a regular file or a
 * read-only mount as --out; a device, a FIFO or a non-kernel as --kernel. Each is a clear error
 * within 5 s and exit 2, before anything is launched (the host check, whose KVM probe boots a
 * VM, never starts) and with nothing written.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { vmbench } from '../helpers/cli.js';
import { journals } from '../helpers/leaks.js';

let dir: string;
let ro: string;
const GOOD = 'name: good\nworkload: hello\niterations: 1\nwarmup: 0\nruntimes: [namespaces, qemu-q35]\n';

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'vmbench-test-paths-'));
  mkdirSync(join(dir, 'adir'));
  execFileSync('mkfifo', [join(dir, 'fifo.yaml')]);
  symlinkSync('/dev/zero', join(dir, 'zero.yaml'));
  symlinkSync(join(dir, 'loop-b.yaml'), join(dir, 'loop-a.yaml'));
  symlinkSync(join(dir, 'loop-a.yaml'), join(dir, 'loop-b.yaml'));
  writeFileSync(join(dir, 'mode000.yaml'), GOOD);
  chmodSync(join(dir, 'mode000.yaml'), 0o000);
  writeFileSync(join(dir, 'huge.yaml'), '');
  truncateSync(join(dir, 'huge.yaml'), 100 * 1024 * 1024); // sparse: 100 MB without the disk use
  writeFileSync(join(dir, 'good.yaml'), GOOD);
  writeFileSync(join(dir, 'a-file'), 'not a directory\n');
  writeFileSync(join(dir, 'not-a-kernel'), 'hello\n'.repeat(200));
  ro = join(dir, 'ro');
  mkdirSync(ro);
  execFileSync('mount', ['-t', 'tmpfs', '-o', 'ro,size=1m', 'vmbench-test-ro', ro]);
});
afterAll(() => {
  execFileSync('umount', [ro]);
  rmSync(dir, { recursive: true, force: true });
});

interface Case {
  name: string;
  args: () => string[];
  says: RegExp;
}

const scenarioCases: Case[] = [
  { name: 'a directory', args: () => [dir], says: /is a directory; expected a regular YAML scenario file/ },
  {
    name: 'a FIFO (never opened, so never blocks)',
    args: () => [join(dir, 'fifo.yaml')],
    says: /is a FIFO \(named pipe\); expected a regular YAML scenario file/,
  },
  { name: 'a device', args: () => ['/dev/zero'], says: /is a character device/ },
  { name: 'a symlink to a device', args: () => [join(dir, 'zero.yaml')], says: /zero\.yaml: is a character device/ },
  { name: 'a symlink loop', args: () => [join(dir, 'loop-a.yaml')], says: /symbolic link loop/ },
  { name: 'a file nobody may read (mode 000, even as root)', args: () => [join(dir, 'mode000.yaml')], says: /not readable \(mode 000\)/ },
  { name: 'a 100 MB file', args: () => [join(dir, 'huge.yaml')], says: /is 100\.0 MiB, more than the 1\.0 MiB/ },
  { name: 'a file under /proc', args: () => ['/proc/self/status'], says: /is on proc, a pseudo file system/ },
];
const outCases: Case[] = [
  {
    name: "/proc/foo (Node's recursive mkdir spins there forever)",
    args: () => ['--out', '/proc/foo'],
    says: /--out "\/proc\/foo": is on proc, a pseudo file system/,
  },
  { name: 'a regular file', args: () => ['--out', join(dir, 'a-file')], says: /--out ".*a-file": is a regular file; expected a directory/ },
  { name: 'a path under a regular file', args: () => ['--out', join(dir, 'a-file', 'sub')], says: /not a directory/ },
  { name: 'a read-only mount', args: () => ['--out', join(ro, 'results')], says: /is on a read-only file system/ },
];
const kernelCases: Case[] = [
  {
    name: '/dev/zero (hashing it would never end)',
    args: () => ['--kernel', '/dev/zero'],
    says: /--kernel "\/dev\/zero": is a character device; expected a regular, readable Linux kernel image/,
  },
  { name: 'a FIFO', args: () => ['--kernel', join(dir, 'fifo.yaml')], says: /is a FIFO/ },
  { name: 'a directory', args: () => ['--kernel', dir], says: /is a directory/ },
  { name: 'a file that is no kernel', args: () => ['--kernel', join(dir, 'not-a-kernel')], says: /not a Linux kernel image/ },
  { name: 'a missing file', args: () => ['--kernel', join(dir, 'no-such-vmlinuz')], says: /no such file or directory/ },
];

async function refused(args: string[], says: RegExp): Promise<void> {
  const out = mkdtempSync(join(dir, 'out-'));
  const state = mkdtempSync(join(dir, 'state-'));
  const argv = args.includes('--out') ? ['run', ...args] : ['run', ...args, '--out', out];
  const started = performance.now();
  const result = await vmbench(argv, { VMBENCH_STATE_DIR: state });
  expect(performance.now() - started).toBeLessThan(5_000);
  expect(result.exitCode, result.all).toBe(2);
  expect(result.stderr).toMatch(says);
  expect(result.stderr).not.toContain('Checking the host'); // nothing launched: not even the KVM probe
  expect(readdirSync(out)).toEqual([]); // nothing written
  expect(journals(state)).toEqual([]);
}

describe('bad paths are refused before anything starts', () => {
  for (const c of scenarioCases) it(`scenario: ${c.name}`, () => refused(c.args(), c.says), 10_000);
  for (const c of outCases) it(`--out: ${c.name}`, () => refused([join(dir, 'good.yaml'), ...c.args()], c.says), 10_000);
  for (const c of kernelCases) it(`--kernel: ${c.name}`, () => refused([join(dir, 'good.yaml'), ...c.args()], c.says), 10_000);

  it('--out DIR writes DIR/<run-id>/, creating DIR', async () => {
    const out = join(dir, 'new', 'results');
    const result = await vmbench(['run', join(dir, 'good.yaml'), '-r', 'namespaces', '--out', out], {
      VMBENCH_STATE_DIR: mkdtempSync(join(dir, 'state-')),
    });
    expect(result.exitCode, result.all).toBe(0);
    const runs = readdirSync(out);
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatch(/^\d{8}-\d{6}-[0-9a-f]{4}$/);
    expect(readdirSync(join(out, runs[0]!))).toContain('run.json');
  });
});
