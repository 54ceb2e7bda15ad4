import { describe, it, expect } from 'vitest';
import { qemuArgv, kernelCommandLine } from '../../../harness/runtimes/qemu/argv.js';
import { unshareArgv } from '../../../harness/runtimes/namespaces/argv.js';
import { ociConfig } from '../../../harness/runtimes/oci/bundle.js';

describe('argv built for each runtime', () => {
  const base = { kernel: '/boot/vmlinuz', initramfs: '/c/initramfs.cpio', workload: 'hello' as const, name: 'vmbench-x' };

  it('qemu q35 under TCG: serial on stdio, no reboot, small translation cache', () => {
    const argv = qemuArgv({ ...base, spec: { machine: 'q35', memoryMiB: 128, vcpus: 1 }, accel: 'tcg' });
    expect(argv).toEqual([
      '-name',
      'vmbench-x',
      '-M',
      'q35',
      '-accel',
      'tcg,tb-size=32',
      '-m',
      '128M',
      '-smp',
      '1',
      '-display',
      'none',
      '-nodefaults',
      '-no-user-config',
      '-serial',
      'stdio',
      '-no-reboot',
      '-kernel',
      '/boot/vmlinuz',
      '-initrd',
      '/c/initramfs.cpio',
      '-append',
      'console=ttyS0 quiet earlyprintk=serial,ttyS0,115200 panic=-1 -- vm hello',
    ]);
    expect(argv).not.toContain('-nographic');
  });

  it('qemu microvm under KVM: host CPU, pci=off on the kernel command line', () => {
    const argv = qemuArgv({ ...base, spec: { machine: 'microvm', memoryMiB: 256, vcpus: 2 }, accel: 'kvm', workload: 'idle' });
    expect(argv.slice(argv.indexOf('-accel'), argv.indexOf('-accel') + 4)).toEqual(['-accel', 'kvm', '-cpu', 'host']);
    expect(argv).toContain('256M');
    expect(argv.at(-1)).toBe('console=ttyS0 quiet earlyprintk=serial,ttyS0,115200 panic=-1 pci=off -- vm idle');
    expect(kernelCommandLine('q35', 'idle')).not.toContain('pci=off');
  });

  it('microvm under TCG is told the host TSC rate, so its PIT calibration cannot hang the boot', () => {
    const argv = qemuArgv({ ...base, spec: { machine: 'microvm', memoryMiB: 128, vcpus: 1 }, accel: 'tcg', tscKhz: 2596150 });
    expect(argv.at(-1)).toBe(
      'console=ttyS0 quiet earlyprintk=serial,ttyS0,115200 panic=-1 pci=off tsc_early_khz=2596150 tsc=reliable -- vm hello',
    );
    expect(kernelCommandLine('microvm', 'hello', 'kvm', 2596150)).not.toContain('tsc_early_khz');
    expect(kernelCommandLine('q35', 'hello', 'tcg', 2596150)).not.toContain('tsc_early_khz');
    expect(kernelCommandLine('microvm', 'hello', 'tcg', null)).not.toContain('tsc_early_khz');
    // The guest's TSC kept as its clock under TCG (no HPET, no ACPI PM timer to watch it); q35 and KVM untouched.
    expect(kernelCommandLine('microvm', 'hello', 'tcg', null)).toContain(' tsc=reliable');
    expect(kernelCommandLine('microvm', 'hello', 'kvm', 2596150)).not.toContain('tsc=reliable');
    expect(kernelCommandLine('q35', 'hello', 'tcg', 2596150)).not.toContain('tsc=reliable');
  });

  it('unshare: every namespace, kill-child, chroot into the image, init told it is a container', () => {
    expect(unshareArgv('/img/root', 'hello')).toEqual([
      '--pid',
      '--fork',
      '--kill-child',
      '--mount-proc',
      '--uts',
      '--ipc',
      '--net',
      '--mount',
      '--root=/img/root',
      '/init',
      'container',
      'hello',
    ]);
  });

  it('OCI config: read-only shared root, minimal capabilities, own namespaces, named cgroup', () => {
    const config = ociConfig({
      rootDir: '/img/root',
      args: ['/init', 'container', 'hello'],
      hostname: 'vmbench-a',
      cgroupsPath: '/vmbench-a',
    }) as {
      root: { path: string; readonly: boolean };
      process: { args: string[]; terminal: boolean; capabilities: { bounding: string[] } };
      linux: { cgroupsPath: string; namespaces: { type: string }[] };
    };
    expect(config.root).toEqual({ path: '/img/root', readonly: true });
    expect(config.process.terminal).toBe(false);
    expect(config.process.args).toEqual(['/init', 'container', 'hello']);
    expect(config.process.capabilities.bounding).toEqual(['CAP_AUDIT_WRITE', 'CAP_KILL', 'CAP_NET_BIND_SERVICE']);
    expect(config.linux.namespaces.map((n) => n.type).sort()).toEqual(['ipc', 'mount', 'network', 'pid', 'uts']);
    expect(config.linux.cgroupsPath).toBe('/vmbench-a');
    expect(config.linux).not.toHaveProperty('uidMappings');
  });

  it('OCI config with a user namespace: root inside maps to an unprivileged host range', () => {
    const config = ociConfig({
      rootDir: '/r',
      args: ['/init'],
      hostname: 'h',
      cgroupsPath: '/c',
      userNamespace: { hostId: 100000, size: 65536 },
    }) as {
      linux: { namespaces: { type: string }[]; uidMappings: unknown[]; gidMappings: unknown[] };
    };
    expect(config.linux.namespaces.map((n) => n.type)).toContain('user');
    expect(config.linux.uidMappings).toEqual([{ containerID: 0, hostID: 100000, size: 65536 }]);
    expect(config.linux.gidMappings).toEqual([{ containerID: 0, hostID: 100000, size: 65536 }]);
  });
});
