/**
 * The devices' plumbing for real: made for each kind of instance, used (a real iperf3 client and
 * ping over the link from inside the container's namespace), removed by release(); and a harness
 * SIGKILLed with its plumbing up, whose journal `vmbench cleanup` then empties. After each, no
 * link, network namespace, disk mount, backing file or iperf3 server may be left.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InstanceTracker } from '../../harness/lifecycle/instance-tracker.js';
import { createWorkDir } from '../../harness/lifecycle/work-dir.js';
import { prepareDevices } from '../../harness/plumbing/instance-devices.js';
import { isMountPoint } from '../../harness/plumbing/bind-mount.js';
import { netnsPath } from '../../harness/plumbing/veth-link.js';
import { ECHO_PATH } from '../../harness/workloads/echo-binary.js';
import { plumbingLeftovers } from '../helpers/leaks.js';
import { vmbench } from '../helpers/cli.js';

const DISK = { type: 'disk', sizeMiB: 4 } as const;
const NET = { type: 'network' } as const;
let workDir: string;
let state: string;
let root: string;
let tracker: InstanceTracker;

beforeAll(() => {
  workDir = createWorkDir();
  state = mkdtempSync(join(tmpdir(), 'vmbench-state-test-'));
  root = join(workDir, 'root');
  execFileSync('mkdir', ['-p', root]);
  writeFileSync(join(root, 'vmbench-disk'), '');
  tracker = new InstanceTracker(state, `plumbing-${process.pid}`);
});
afterAll(() => {
  tracker.close();
  rmSync(workDir, { recursive: true, force: true });
  rmSync(state, { recursive: true, force: true });
});

const inNetns = (netns: string, file: string, args: string[]): string =>
  execFileSync('ip', ['netns', 'exec', netns, file, ...args], { encoding: 'utf8', timeout: 20_000 });

describe('plumbing made, used and removed', () => {
  it('a container (namespaces): backing file bind-mounted, veth into its namespace, iperf3 and ping across it', async () => {
    const tracked = tracker.begin('it-ns', 'namespaces');
    const dev = prepareDevices([DISK, NET], { kind: 'bind-mount', rootDir: root }, workDir, 'it-ns', tracked);
    try {
      expect(statSync(dev.diskFile!).size).toBe(4 * 1024 * 1024);
      expect(isMountPoint(join(root, 'vmbench-disk'))).toBe(true);
      expect(statSync(join(root, 'vmbench-disk')).size).toBe(4 * 1024 * 1024);
      expect(existsSync(netnsPath(dev.netns!))).toBe(true);
      /* eslint-disable @typescript-eslint/no-unsafe-assignment -- vitest types its asymmetric matchers (expect.stringMatching) as any */
      expect(dev.env).toMatchObject({
        VMBENCH_DISK: '/vmbench-disk',
        VMBENCH_PEER: expect.stringMatching(/^10\.213\./),
        VMBENCH_PORT: expect.stringMatching(/^\d+$/),
      });
      /* eslint-enable @typescript-eslint/no-unsafe-assignment */
      // Only eth0 (and lo) inside: the container sees its own link, with its own address.
      expect(inNetns(dev.netns!, 'ip', ['-o', '-4', 'addr'])).toMatch(/eth0\s+inet 10\.213\./);
      const report = JSON.parse(
        inNetns(dev.netns!, 'iperf3', ['-c', dev.env.VMBENCH_PEER!, '-p', dev.env.VMBENCH_PORT!, '-t', '1', '-J']),
      ) as { end: { sum_received: { bits_per_second: number } } };
      expect(report.end.sum_received.bits_per_second).toBeGreaterThan(1e8);
      expect(inNetns(dev.netns!, 'busybox', ['ping', '-c', '2', dev.env.VMBENCH_PEER!])).toMatch(/2 packets received/);
      // The UDP echo answers on the host's end, across the veth, every probe.
      expect(inNetns(dev.netns!, ECHO_PATH, ['ping', dev.env.VMBENCH_PEER!, dev.env.VMBENCH_ECHO_PORT!, '5', '0'])).toMatch(
        /^seq=4 rtt_us=[0-9.]+\nsent=5 received=5$/m,
      );
    } finally {
      expect(await dev.release()).toBeNull();
      tracked.end();
    }
    expect(plumbingLeftovers()).toEqual([]);
  });

  it('a VM: a tap with the host end addressed, the guest address for its kernel command line', async () => {
    const tracked = tracker.begin('it-vm', 'qemu-q35');
    const dev = prepareDevices([DISK, NET], { kind: 'vm' }, workDir, 'it-vm', tracked);
    try {
      expect(dev.env.VMBENCH_DISK).toBe('/dev/vda');
      expect(dev.env.VMBENCH_ADDR).toMatch(/^10\.213\.\d+\.\d+\/30$/);
      expect(execFileSync('ip', ['-o', '-4', 'addr', 'show', 'dev', dev.tap!], { encoding: 'utf8' })).toContain(
        `inet ${dev.env.VMBENCH_PEER}/30`,
      );
      expect(execFileSync('ip', ['-d', 'link', 'show', 'dev', dev.tap!], { encoding: 'utf8' })).toMatch(/\btun type tap\b|tap/);
    } finally {
      expect(await dev.release()).toBeNull();
      tracked.end();
    }
    expect(plumbingLeftovers()).toEqual([]);
  });

  it('the host runtime: the file in its own tree, loopback', async () => {
    const tracked = tracker.begin('it-host', 'host');
    const dev = prepareDevices([DISK, NET], { kind: 'host', rootDir: root }, workDir, 'it-host', tracked);
    expect(dev.diskFile).toBe(join(root, 'vmbench-disk'));
    expect(dev.env.VMBENCH_PEER).toBe('127.0.0.1');
    expect(dev.tap).toBeNull();
    expect(dev.netns).toBeNull();
    expect(await dev.release()).toBeNull();
    tracked.end();
    expect(existsSync(join(root, 'vmbench-disk'))).toBe(false);
    writeFileSync(join(root, 'vmbench-disk'), '');
    expect(plumbingLeftovers()).toEqual([]);
  });

  it('no devices: nothing made', () => {
    const tracked = tracker.begin('it-none', 'runc');
    const dev = prepareDevices([], { kind: 'oci' }, workDir, 'it-none', tracked);
    expect(dev).toMatchObject({ env: {}, diskFile: null, tap: null, netns: null });
    tracked.end();
  });
});

describe('a harness killed with its plumbing up', () => {
  it('leaves a journal from which vmbench cleanup removes links, namespaces, mounts, files and the iperf3 and echo servers', async () => {
    const dist = join(import.meta.dirname, '..', '..', 'dist', 'harness');
    const killedState = mkdtempSync(join(tmpdir(), 'vmbench-state-test-'));
    const script = `
      const { InstanceTracker } = await import(${JSON.stringify(join(dist, 'lifecycle', 'instance-tracker.js'))});
      const { prepareDevices } = await import(${JSON.stringify(join(dist, 'plumbing', 'instance-devices.js'))});
      const t = new InstanceTracker(${JSON.stringify(killedState)}, 'killed-' + process.pid);
      for (const [id, mode] of [['k-vm', { kind: 'vm' }], ['k-ns', { kind: 'bind-mount', rootDir: ${JSON.stringify(root)} }], ['k-oci', { kind: 'oci' }]]) {
        prepareDevices([{ type: 'disk', sizeMiB: 2 }, { type: 'network' }], mode, ${JSON.stringify(workDir)}, id, t.begin(id, 'x'));
      }
      console.log('up');
      setInterval(() => {}, 1000);`;
    const child = spawn('node', ['--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (d: Buffer) => {
        if (d.toString().includes('up')) resolve();
      });
      child.once('exit', (code) => reject(new Error(`the child exited (${code}) before its plumbing was up`)));
    });
    // Seen, then the harness dies at once (before any assertion could leave it running).
    const up = plumbingLeftovers();
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
    // Cleanup runs whatever the first checks say: a failed expectation must not leave the
    // plumbing up for every later test file's leak check to trip over.
    const cleanup = await vmbench(['cleanup'], { VMBENCH_STATE_DIR: killedState });
    expect(up.filter((l) => l.startsWith('link:')).length).toBe(3); // one tap, two veth host ends
    expect(up.filter((l) => l.startsWith('network namespace:')).length).toBe(2);
    expect(up.filter((l) => l.startsWith('mount:')).length).toBe(1);
    expect(up.filter((l) => l.startsWith('backing file:')).length).toBe(3);
    expect(up.filter((l) => l.startsWith('iperf3 server:')).length).toBe(3);
    expect(up.filter((l) => l.startsWith('echo server:')).length).toBe(3);
    expect(cleanup.exitCode, cleanup.all).toBe(0);
    expect(cleanup.stdout).toMatch(/deleted network namespace vmbench-/);
    expect(cleanup.stdout).toMatch(/unmounted .*vmbench-disk/);
    expect(plumbingLeftovers()).toEqual([]);
    rmSync(killedState, { recursive: true, force: true });
  });
});
