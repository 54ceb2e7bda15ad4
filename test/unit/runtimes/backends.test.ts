/**
 * The backend descriptors: what each one launches (argv), what it refuses and why, and that the
 * rest of the harness reaches every backend only through the registry.
 */
import { describe, it, expect } from 'vitest';
import { execFileSync } from 'node:child_process';
import { PROJECT_ROOT } from '../../../harness/version.js';
import { BACKENDS, allTools, backendFor, resourceKinds } from '../../../harness/runtimes/registry.js';
import { runscFlavor } from '../../../harness/runtimes/runsc/backend.js';
import { runscArgs } from '../../../harness/runtimes/runsc/argv.js';
import { checkOptionPath, qemuArgv } from '../../../harness/runtimes/qemu/argv.js';
import { snapshotPhases } from '../../../harness/runtimes/phases.js';
import { RUNTIME_PRESETS } from '../../../harness/scenario/types.js';
import type { HostContext } from '../../../harness/host/host-context.js';

const host = (over: Partial<HostContext> = {}): HostContext => ({
  tools: {
    qemu: { path: '/usr/bin/qemu-system-x86_64', version: '7.2' },
    runc: { path: '/usr/sbin/runc', version: '1.1' },
    crun: null,
    runsc: { path: '/usr/bin/runsc', version: '2022' },
    unshare: { path: '/usr/bin/unshare', version: '2.38' },
  },
  isRoot: true,
  cgroupMode: 'hybrid',
  cacheRoot: '/nonexistent',
  busybox: { error: 'x' },
  kernel: { error: 'no kernel' },
  image: { dir: '/img', rootDir: '/img/root', initramfs: '/img/initramfs.cpio', key: 'k' },
  kvm: null,
  probes: {},
  tscKhz: null,
  ...over,
});

describe('the registry', () => {
  it('has one descriptor per scenario type, each preset resolves to one', () => {
    expect(BACKENDS.map((b) => b.type)).toEqual(['qemu', 'namespaces', 'runc', 'crun', 'runsc', 'host']);
    for (const spec of Object.values(RUNTIME_PRESETS)) expect(backendFor(spec).type).toBe(spec.type);
  });

  it("knows every tool once, and the backends' journal resource kinds", () => {
    const keys = allTools().map((t) => t.key);
    expect(new Set(keys).size).toBe(keys.length);
    for (const k of ['qemu', 'unshare', 'runc', 'crun', 'runsc', 'nsenter', 'chroot']) expect(keys).toContain(k);
    expect([...resourceKinds().keys()].sort()).toEqual(['crun', 'runc', 'runsc']);
  });

  it('no file of the harness outside runtimes/ and scenario/ names a backend, but the vocabulary', () => {
    const out = execFileSync('grep', ['-rnE', "'(qemu|namespaces|runc|crun|runsc|fake)'", 'harness', '--include=*.ts'], {
      cwd: PROJECT_ROOT,
      encoding: 'utf8',
    });
    const outside = out.split('\n').filter((l) => l && !/^harness\/(runtimes|scenario)\//.test(l));
    expect(outside).toEqual([expect.stringMatching(/^harness\/vocabulary\.ts:\d+:export type BackendName/)]);
  });
});

describe('availability says why not, with the remedy', () => {
  it('a missing tool names its package', () => {
    const a = backendFor(RUNTIME_PRESETS.crun!).availability(RUNTIME_PRESETS.crun!, host());
    expect(a).toEqual({ usable: false, reason: 'crun not found (apt-get install crun)' });
  });
  it('runsc without a probe uses ptrace and says it was not probed; limits are refused', () => {
    const spec = RUNTIME_PRESETS.runsc!;
    const a = backendFor(spec).availability(spec, host());
    expect(a).toMatchObject({ usable: true, detail: expect.stringContaining('platform ptrace (platform not probed)') as string });
    const limited = backendFor(spec).availability({ ...spec, memoryMiB: 64 } as typeof spec, host());
    expect(limited).toMatchObject({ usable: false, reason: expect.stringContaining('--ignore-cgroups') as string });
  });
  it('a snapshot runtime without a saved state is unusable, with the reason', () => {
    const spec = RUNTIME_PRESETS['qemu-q35-snapshot']!;
    const a = backendFor(spec).availability(
      spec,
      host({ kernel: { path: '/boot/vmlinuz', sha256: 'ab', source: 'test' } as HostContext['kernel'] }),
    );
    expect(a).toMatchObject({ usable: false, reason: expect.stringContaining('no saved guest state') as string });
  });
});

describe('argv', () => {
  it('runsc: its own state root, the probed platform, no network stack, no cgroup, then the OCI command', () => {
    const f = runscFlavor('/usr/bin/runsc', 'ptrace');
    expect(f.run('/b', 'vmbench-x', false)).toEqual({
      file: '/usr/bin/runsc',
      args: ['--root', '/run/runsc', '--platform=ptrace', '--network=none', '--ignore-cgroups', 'run', '--bundle', '/b', 'vmbench-x'],
    });
    // With the harness's netns (a veth end inside): the sentry's sockets pass to the host kernel in it.
    expect(f.run('/b', 'vmbench-x', true).args.slice(0, 6)).toEqual([
      '--root',
      '/run/runsc',
      '--platform=ptrace',
      '--network=host',
      '--net-raw',
      '--ignore-cgroups',
    ]);
    expect(f.delete('vmbench-x').args.slice(-3)).toEqual(['delete', '--force', 'vmbench-x']);
    expect(f).toMatchObject({ makesCgroup: false, ownKernel: true, variant: 'platform ptrace' });
    expect(runscArgs('kvm')).toContain('--platform=kvm');
  });

  it('a VM saved or restored: ttyS1 on a FIFO pair, a QMP socket, -incoming from the state file, init in snapshot mode', () => {
    const base = {
      spec: { machine: 'q35' as const, memoryMiB: 128, vcpus: 1 },
      accel: 'tcg' as const,
      kernel: '/k',
      initramfs: '/i',
      workload: 'hello',
      name: 'vmbench-t',
    };
    const restore = qemuArgv({ ...base, snapshot: { goPipe: '/w/go', qmpSocket: '/w/qmp.sock', incoming: '/c/s.state' } });
    expect(restore.slice(-8)).toEqual([
      '-chardev',
      'pipe,id=go,path=/w/go',
      '-serial',
      'chardev:go',
      '-qmp',
      'unix:/w/qmp.sock,server=on,wait=off',
      '-incoming',
      'exec:cat /c/s.state',
    ]);
    expect(restore[restore.indexOf('-append') + 1]).toMatch(/ -- vm snapshot$/);
    const save = qemuArgv({ ...base, snapshot: { goPipe: '/w/go', qmpSocket: '/w/qmp.sock', incoming: null } });
    expect(save).not.toContain('-incoming');
    // The restore must match the saved machine exactly: the same argv but for -incoming.
    expect(restore.slice(0, -2)).toEqual(save);
  });

  it('paths that would break a QEMU option or the exec: shell are refused', () => {
    expect(() => checkOptionPath('/tmp/a,b')).toThrow('cannot be passed in a QEMU option');
    expect(() => checkOptionPath('/tmp/a b;rm')).toThrow();
    expect(checkOptionPath('/root/.cache/vmbench/snapshots/0a1b.state')).toBe('/root/.cache/vmbench/snapshots/0a1b.state');
  });

  it('restored-VM phases come from the host clock and sum to the startup', () => {
    const r = snapshotPhases(
      { launchNs: 0n, firstOutputNs: null, init: null, ready: { kind: 'ready', atNs: 300_000_000n, fields: { uptime: '5.00' } } as never },
      200_000_000n,
    );
    expect(r.phases).toEqual([
      { name: 'restore', ms: 200 },
      { name: 'resume_to_ready', ms: 100 },
    ]);
    expect(
      snapshotPhases({ launchNs: 0n, firstOutputNs: null, init: null, ready: { kind: 'ready', atNs: 1n, fields: {} } as never }, null)
        .phases,
    ).toEqual([]);
  });
});
