/**
 * The guest image with a workload's host files: byte-identical in the container root tree and in
 * the VM initramfs, hashed into the key, and a lifecycle image (no extras) keeps its key.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildGuestImage } from '../../../harness/guest/image.js';
import { findStaticBusybox } from '../../../harness/guest/busybox.js';
import { isError } from '../../../harness/host/host-context.js';
import { planWorkloadImage } from '../../../harness/workloads/workload-image.js';
import { BUILTIN_WORKLOADS } from '../../../harness/workloads/builtin.js';
import { customWorkload } from '../../../harness/workloads/custom.js';
import { ECHO_IMAGE_PATH, ECHO_PATH } from '../../../harness/workloads/echo-binary.js';

const busybox = findStaticBusybox();
let cache: string;
beforeAll(() => {
  cache = mkdtempSync(join(tmpdir(), 'vmbench-image-test-'));
});
afterAll(() => rmSync(cache, { recursive: true, force: true }));

/** The data of one entry of a newc archive, by name. */
function cpioEntry(archive: Buffer, name: string): Buffer | null {
  let at = 0;
  while (at < archive.length) {
    const header = archive.toString('latin1', at, at + 110);
    const size = Number.parseInt(header.slice(54, 62), 16);
    const nameSize = Number.parseInt(header.slice(94, 102), 16);
    const entryName = archive.toString('latin1', at + 110, at + 110 + nameSize - 1);
    const dataAt = (at + 110 + nameSize + 3) & ~3;
    if (entryName === name) return archive.subarray(dataAt, dataAt + size);
    if (entryName === 'TRAILER!!!') return null;
    at = (dataAt + size + 3) & ~3;
  }
  return null;
}

describe.skipIf(isError(busybox))('guest image with workload extras', () => {
  it('keeps the lifecycle image key when there are no extras', () => {
    if (isError(busybox)) return;
    const plain = buildGuestImage(busybox, cache);
    expect(buildGuestImage(busybox, cache, { files: [] }).key).toBe(plain.key);
  });

  it('puts a custom workload binary with its libraries into both forms, byte for byte, and keys on them', () => {
    if (isError(busybox)) return;
    const gzip = customWorkload({
      name: 'gz',
      description: '',
      command: ['/usr/bin/gzip', '-9'],
      binaries: [],
      files: [],
      inputBytes: 0,
      output: 'parse',
      timeLimitMs: 1000,
      metrics: [],
    });
    const plan = planWorkloadImage([gzip]);
    expect(plan.skipped).toEqual([]);
    const paths = plan.extras.files.map((f) => f.path);
    expect(paths).toContain('/usr/bin/gzip');
    expect(paths).toContain('/workloads/gz.sh');
    expect(paths.some((p) => p.endsWith('/libc.so.6'))).toBe(true);

    const image = buildGuestImage(busybox, cache, plan.extras);
    expect(image.key).not.toBe(buildGuestImage(busybox, cache).key);
    const cpio = readFileSync(image.initramfs);
    for (const path of ['/usr/bin/gzip', paths.find((p) => p.endsWith('/libc.so.6'))!]) {
      const inTree = readFileSync(join(image.rootDir, path));
      expect(inTree.equals(readFileSync(path)), path).toBe(true);
      expect(cpioEntry(cpio, path.slice(1))?.equals(inTree), path).toBe(true);
    }
    expect(statSync(join(image.rootDir, 'usr/bin/gzip')).mode & 0o111).not.toBe(0);
  });

  it('gives a changed binary a new key', () => {
    if (isError(busybox)) return;
    const file = (data: string) => ({ files: [{ path: '/usr/bin/tool', data: Buffer.from(data), mode: 0o755 }] });
    const a = buildGuestImage(busybox, cache, file('version 1'));
    expect(buildGuestImage(busybox, cache, file('version 1')).key).toBe(a.key);
    expect(buildGuestImage(busybox, cache, file('version 2')).key).not.toBe(a.key);
  });

  it('skips a built-in workload whose tool is missing, with the reason', () => {
    const plan = planWorkloadImage([BUILTIN_WORKLOADS.cpu!], { PATH: '/nonexistent' });
    // findExecutable also looks in the sbin dirs; sysbench lives in /usr/bin, so it is not found.
    expect(plan.usable).toEqual([]);
    expect(plan.skipped).toEqual([
      { workload: 'cpu', reason: 'sysbench is not installed (apt-get install sysbench, or run scripts/setup.sh)' },
    ]);
  });
});

describe('our own programs and hidden paths', () => {
  it('puts vmbench-echo at its fixed image path, not at its host path (a checkout under /tmp would be hidden)', () => {
    const network = BUILTIN_WORKLOADS.network!;
    const plan = planWorkloadImage([{ ...network, binaries: [] }]);
    expect(plan.skipped).toEqual([]);
    const paths = plan.extras.files.map((f) => f.path);
    expect(paths).toContain(ECHO_IMAGE_PATH);
    expect(paths).not.toContain(ECHO_PATH);
    expect(network.script).toContain(`${ECHO_IMAGE_PATH} ping`);
  });

  it('skips a workload whose own program is not built, saying how to build it', () => {
    const network = BUILTIN_WORKLOADS.network!;
    const missing = { ...network, binaries: [], bundled: network.bundled.map((b) => ({ ...b, hostPath: '/nonexistent/vmbench-echo' })) };
    expect(planWorkloadImage([missing]).skipped).toEqual([{ workload: 'network', reason: network.bundled[0]!.missing }]);
  });

  it('refuses a host file under /tmp, which every instance mounts afresh', () => {
    const dir = mkdtempSync('/tmp/vmbench-hidden-');
    try {
      const file = join(dir, 'input.txt');
      writeFileSync(file, 'x');
      const w = customWorkload({
        name: 'hid',
        description: '',
        command: ['/bin/cat', file],
        binaries: [],
        files: [file],
        inputBytes: 0,
        output: 'parse',
        timeLimitMs: 1000,
        metrics: [],
      });
      const plan = planWorkloadImage([w]);
      expect(plan.usable).toEqual([]);
      expect(plan.skipped[0]?.reason).toBe(`${file} is under /tmp/, which every instance mounts afresh: the image cannot carry it there`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

it.skipIf(!existsSync('/usr/bin/sysbench'))('sysbench is installed (scripts/setup.sh) for the built-in workloads', () => {
  expect(planWorkloadImage(Object.values(BUILTIN_WORKLOADS)).skipped).toEqual([]);
});
