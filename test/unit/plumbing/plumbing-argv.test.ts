/**
 * The devices' plumbing as argv (ip, mount, nsenter, QEMU, the OCI bundle), and the addresses:
 * a private /30 that avoids this host's addresses. Nothing here touches the host; the
 * integration tests make and remove the real thing.
 */
import { describe, it, expect } from 'vitest';
import { pickAddresses, plumbingToken, LINK_PREFIX } from '../../../harness/plumbing/link-names.js';
import { tapCreateArgv, linkDeleteArgv } from '../../../harness/plumbing/tap-link.js';
import { vethCreateArgv, netnsDeleteArgv, netnsPath } from '../../../harness/plumbing/veth-link.js';
import { bindMountArgv, unmountArgv } from '../../../harness/plumbing/bind-mount.js';
import { directReadArgv, syncFileSystemArgv } from '../../../harness/plumbing/backing-file.js';
import { dropCacheArgv, fincoreArgv, parseFincore } from '../../../harness/plumbing/page-cache.js';
import { iperf3ServerArgv } from '../../../harness/plumbing/iperf3-server.js';
import { listeningOn } from '../../../harness/plumbing/host-server.js';
import { echoServerArgv } from '../../../harness/plumbing/echo-server.js';
import { plumbingOrder } from '../../../harness/plumbing/remove-plumbing.js';
import { deviceArgv, kernelCommandLine, qemuArgv } from '../../../harness/runtimes/qemu/argv.js';
import { nsenterArgv } from '../../../harness/runtimes/namespaces/argv.js';
import { ociConfig } from '../../../harness/runtimes/oci/bundle.js';

const addrs = { host: '10.213.4.1', instance: '10.213.4.2', prefix: 30 as const };

describe('network plumbing argv', () => {
  it('a tap: created, the host end addressed, up; removed by name', () => {
    expect(tapCreateArgv('vmb0011aabbt', addrs)).toEqual([
      ['tuntap', 'add', 'dev', 'vmb0011aabbt', 'mode', 'tap'],
      ['addr', 'add', '10.213.4.1/30', 'dev', 'vmb0011aabbt'],
      ['link', 'set', 'vmb0011aabbt', 'up'],
    ]);
    expect(linkDeleteArgv('vmb0011aabbt')).toEqual(['link', 'del', 'vmb0011aabbt']);
  });

  it('a veth pair into a named namespace: eth0 inside with the instance address, loopback up', () => {
    const argv = vethCreateArgv('vmbench-0011aabb', 'vmb0011aabbh', addrs);
    expect(argv[0]).toEqual(['netns', 'add', 'vmbench-0011aabb']);
    expect(argv[1]).toEqual(['link', 'add', 'vmb0011aabbh', 'type', 'veth', 'peer', 'name', 'vmb0011aabbc', 'netns', 'vmbench-0011aabb']);
    expect(argv).toContainEqual(['-n', 'vmbench-0011aabb', 'link', 'set', 'vmb0011aabbc', 'name', 'eth0']);
    expect(argv).toContainEqual(['-n', 'vmbench-0011aabb', 'addr', 'add', '10.213.4.2/30', 'dev', 'eth0']);
    expect(argv.at(-1)).toEqual(['-n', 'vmbench-0011aabb', 'link', 'set', 'lo', 'up']);
    expect(netnsDeleteArgv('vmbench-0011aabb')).toEqual(['netns', 'del', 'vmbench-0011aabb']);
    expect(netnsPath('vmbench-0011aabb')).toBe('/run/netns/vmbench-0011aabb');
  });

  it("names fit IFNAMSIZ and are unpredictable; addresses are a private /30 avoiding the host's", () => {
    const a = plumbingToken();
    expect(a).toMatch(/^[0-9a-f]{8}$/);
    expect(plumbingToken()).not.toBe(a);
    expect(`${LINK_PREFIX}${a}h`.length).toBeLessThanOrEqual(15);
    for (let i = 0; i < 50; i++) {
      const p = pickAddresses(['10.213.0.1']);
      expect(p.host).toMatch(/^10\.213\.\d+\.\d+$/);
      const last = Number(p.host.split('.')[3]);
      expect(last % 4).toBe(1);
      expect(p.instance.split('.').slice(0, 3)).toEqual(p.host.split('.').slice(0, 3));
      expect(Number(p.instance.split('.')[3])).toBe(last + 1);
      expect(p.host).not.toBe('10.213.0.1');
    }
  });

  it('the iperf3 server and its listening check (a /proc/net/tcp table)', () => {
    expect(iperf3ServerArgv('10.213.4.1', 40001)).toEqual(['-s', '-B', '10.213.4.1', '-p', '40001']);
    const table = [
      '  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode',
      '   0: 0100007F:9C41 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 1 1 0 100 0 0 10 0',
      '   1: 0100007F:9C42 0100007F:1F90 01 00000000:00000000 00:00000000 00000000     0        0 2 1 0 100 0 0 10 0',
    ].join('\n');
    expect(listeningOn(40001, table)).toBe(true);
    expect(listeningOn(40002, table)).toBe(false); // established, not listening
  });

  it('the UDP echo server and its bound check (a /proc/net/udp table: 07, no remote)', () => {
    expect(echoServerArgv('10.213.4.1', 40003)).toEqual(['serve', '10.213.4.1', '40003']);
    const udp = [
      '   sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode ref pointer drops',
      '  10: 0100007F:9C43 00000000:0000 07 00000000:00000000 00:00000000 00000000     0        0 3 2 0 0',
      '  11: 0100007F:9C44 0100007F:1F90 01 00000000:00000000 00:00000000 00000000     0        0 4 2 0 0',
    ].join('\n');
    expect(listeningOn(40003, udp, 'udp')).toBe(true);
    expect(listeningOn(40004, udp, 'udp')).toBe(false); // a connected client socket, not a server
    expect(listeningOn(40003, udp, 'tcp')).toBe(false);
  });

  it('a disk bind mount and its lazy unmount; cleanup removes files, then namespaces, then links (mounts it unmounts for every kind first)', () => {
    expect(bindMountArgv('/tmp/w/disk-1.img', '/img/root/vmbench-disk')).toEqual(['--bind', '/tmp/w/disk-1.img', '/img/root/vmbench-disk']);
    expect(unmountArgv('/img/root/vmbench-disk')).toEqual(['-l', '/img/root/vmbench-disk']);
    expect(
      plumbingOrder([
        { kind: 'link', value: 'l' },
        { kind: 'dir', value: 'd' },
        { kind: 'file', value: 'f' },
        { kind: 'netns', value: 'n' },
        { kind: 'mount', value: 'm' },
      ]).map((r) => r.kind),
    ).toEqual(['file', 'netns', 'link']);
  });

  it('a new backing file is read through once with O_DIRECT (to the device, not the page cache)', () => {
    expect(directReadArgv('/tmp/w/disk-1.img')).toEqual(['if=/tmp/w/disk-1.img', 'of=/dev/null', 'bs=1M', 'iflag=direct', 'status=none']);
    expect(syncFileSystemArgv('/tmp/w')).toEqual(['--file-system', '/tmp/w']);
  });
});

describe("devices in each runtime's argv", () => {
  const base = { kernel: '/boot/vmlinuz', initramfs: '/c/initramfs.cpio', workload: 'disk', name: 'vmbench-x' };
  const devices = {
    diskFile: '/tmp/vmbench-run-abc/disk-1.img',
    tap: 'vmb0011aabbt',
    env: { VMBENCH_DISK: '/dev/vda', VMBENCH_ADDR: '10.213.4.2/30' },
  };

  it('q35: virtio-blk-pci (raw, cache=none, aio=io_uring) and virtio-net-pci on the tap; variables before "--"', () => {
    const argv = qemuArgv({ ...base, spec: { machine: 'q35', memoryMiB: 512, vcpus: 1 }, accel: 'tcg', devices });
    expect(argv.slice(argv.indexOf('-drive'))).toEqual([
      '-drive',
      'file=/tmp/vmbench-run-abc/disk-1.img,format=raw,if=none,id=vmbdisk,cache=none,aio=io_uring',
      '-device',
      'virtio-blk-pci,drive=vmbdisk',
      '-netdev',
      'tap,id=vmbnet,ifname=vmb0011aabbt,script=no,downscript=no',
      '-device',
      'virtio-net-pci,netdev=vmbnet',
    ]);
    expect(argv[argv.indexOf('-append') + 1]).toBe(
      'console=ttyS0 quiet earlyprintk=serial,ttyS0,115200 panic=-1 VMBENCH_DISK=/dev/vda VMBENCH_ADDR=10.213.4.2/30 -- vm disk',
    );
  });

  it('microvm: the same devices on virtio-mmio; no devices, no device arguments', () => {
    expect(deviceArgv('microvm', devices)).toContain('virtio-blk-device,drive=vmbdisk');
    expect(deviceArgv('microvm', devices)).toContain('virtio-net-device,netdev=vmbnet');
    expect(deviceArgv('q35', undefined)).toEqual([]);
    expect(deviceArgv('q35', { diskFile: null, tap: null, env: {} })).toEqual([]);
    expect(qemuArgv({ ...base, spec: { machine: 'q35', memoryMiB: 128, vcpus: 1 }, accel: 'tcg' })).not.toContain('-drive');
  });

  it('refuses a value that would change the meaning of a QEMU option or the kernel command line', () => {
    expect(() => deviceArgv('q35', { ...devices, diskFile: '/tmp/a,b.img' })).toThrow(
      /disk file "\/tmp\/a,b.img" cannot go on a QEMU or kernel command line/,
    );
    expect(() => kernelCommandLine('q35', 'disk', 'tcg', null, { VMBENCH_DISK: '/dev/vda -- vm x' })).toThrow(/cannot go on/);
  });

  it('namespaces with a network: nsenter into the prepared namespace, unshare without --net', () => {
    const argv = nsenterArgv('/run/netns/vmbench-0011aabb', '/usr/bin/unshare', '/img/root', 'network');
    expect(argv).toEqual([
      '--net=/run/netns/vmbench-0011aabb',
      '/usr/bin/unshare',
      '--pid',
      '--fork',
      '--kill-child',
      '--mount-proc',
      '--uts',
      '--ipc',
      '--mount',
      '--root=/img/root',
      '/init',
      'container',
      'network',
    ]);
  });

  it('runc: the disk as a bind mount, the prepared network namespace, the variables, CAP_NET_RAW only with a network', () => {
    const input = { rootDir: '/img/root', args: ['/init', 'container', 'disk'], hostname: 'h', cgroupsPath: '/vmbench-x' };
    const config = ociConfig({
      ...input,
      devices: {
        diskFile: '/tmp/w/disk-1.img',
        diskTarget: '/vmbench-disk',
        netnsPath: '/run/netns/vmbench-1',
        env: { VMBENCH_DISK: '/vmbench-disk' },
      },
    }) as {
      process: { env: string[]; capabilities: { effective: string[] } };
      mounts: { destination: string; type: string; source: string }[];
      linux: { namespaces: { type: string; path?: string }[] };
    };
    expect(config.mounts.at(-1)).toEqual({
      destination: '/vmbench-disk',
      type: 'bind',
      source: '/tmp/w/disk-1.img',
      options: ['bind', 'rw'],
    });
    expect(config.linux.namespaces).toContainEqual({ type: 'network', path: '/run/netns/vmbench-1' });
    expect(config.process.env).toEqual(['PATH=/bin', 'VMBENCH_DISK=/vmbench-disk']);
    expect(config.process.capabilities.effective).toContain('CAP_NET_RAW');
    const plain = ociConfig(input) as typeof config;
    expect(plain.process.capabilities.effective).not.toContain('CAP_NET_RAW');
    expect(plain.linux.namespaces).toContainEqual({ type: 'network' });
    expect(plain.mounts.map((m) => m.destination)).not.toContain('/vmbench-disk');
  });
});

describe('the backing file in the host page cache', () => {
  it('dropped by dd (fadvise DONTNEED over the whole file), counted by fincore in bytes', () => {
    expect(dropCacheArgv('/w/disk-1.img')).toEqual(['if=/w/disk-1.img', 'iflag=nocache', 'count=0', 'status=none']);
    expect(fincoreArgv('/w/disk-1.img')).toEqual(['--bytes', '--noheadings', '--raw', '--output', 'RES,SIZE', '/w/disk-1.img']);
  });

  it('reads fincore\'s "RES SIZE" line (as util-linux 2.38 prints it) as MiB', () => {
    expect(parseFincore('116391936 134217728\n')).toEqual({ cachedMiB: 111, fileMiB: 128 });
    expect(parseFincore('0 134217728\n')).toEqual({ cachedMiB: 0, fileMiB: 128 });
    expect(parseFincore('')).toBeNull();
    expect(parseFincore('fincore: failed to open: x')).toBeNull();
  });
});
